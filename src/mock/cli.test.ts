import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { DEFAULT_CLIENT } from './server.js';

// Runs the built CLI (`npm test` builds first), as a user's `npx telegram-login-kit` would.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../dist/mock/cli.js', import.meta.url));

function startCli(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [CLI, ...args], { cwd: ROOT });
}

/** Runs the CLI to completion. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = startCli(args);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Resolves with everything printed so far once stdout contains every one of `needles`. */
function readUntil(child: ChildProcessWithoutNullStreams, needles: string[]): Promise<string> {
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (needles.every((needle) => stdout.includes(needle))) resolve(stdout);
    });
    child.once('exit', (code) => reject(new Error(`the CLI exited (${code}) before printing ${needles.join(', ')}:\n${stdout}${stderr}`)));
  });
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

test.describe('telegram-login-kit mock', () => {
  let child: ChildProcessWithoutNullStreams | undefined;

  test.afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exitOf(child);
    }
    child = undefined;
  });

  test('prints the issuer and the default client credentials, serves them, and stops on SIGTERM', async () => {
    child = startCli(['mock', '--port', '0', '--quiet']);
    const stdout = await readUntil(child, [DEFAULT_CLIENT.id, DEFAULT_CLIENT.secret]);
    const issuer = /^ {2}issuer +(http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout)?.[1];
    expect(issuer).toBeDefined();
    expect(stdout).toMatch(new RegExp(`^ {2}client id +${DEFAULT_CLIENT.id}$`, 'm'));
    expect(stdout).toMatch(new RegExp(`^ {2}client secret +${DEFAULT_CLIENT.secret}$`, 'm'));

    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { issuer: string };
    expect(discovery.issuer).toBe(issuer);

    child.kill('SIGTERM');
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
  });

  test('--help prints the usage and exits 0', async () => {
    const { code, stdout, stderr } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: telegram-login-kit mock [options]');
    expect(stdout).toContain('--port <n>');
    expect(stderr).toBe('');
  });

  test('an unknown command exits 2 with a message on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['serve']);
    expect(code).toBe(2);
    expect(stderr).toContain('telegram-login-kit: unknown command "serve"');
    expect(stderr).toContain('Usage:');
    expect(stdout).toBe('');
  });

  test('a missing command exits 2', async () => {
    const { code, stderr } = await runCli([]);
    expect(code).toBe(2);
    expect(stderr).toContain('telegram-login-kit: missing command');
  });

  test('a non-numeric --port exits 2 with a message on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['mock', '--port', 'abc']);
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be 0 to 65535, got "abc"');
    expect(stdout).toBe('');
  });

  test('an unknown option exits 2 with a message on stderr', async () => {
    const { code, stderr } = await runCli(['mock', '--nope']);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--nope'");
  });
});
