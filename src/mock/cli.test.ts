import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { DEFAULT_BOT } from './bot/bots.js';
import { parseCli } from './command-line.js';
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

  test('prints the issuer, the default client and bot and the app page, says where they go, serves them, and stops on SIGTERM', async () => {
    child = startCli(['mock', '--port', '0', '--quiet']);
    const stdout = await readUntil(child, [DEFAULT_CLIENT.id, DEFAULT_CLIENT.secret, '</telegram-login-button>', 'session: … })', 'start=hello']);
    const issuer = /^ {2}issuer +(http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout)?.[1];
    expect(issuer).toBeDefined();
    expect(stdout).toMatch(new RegExp(`^ {2}client id +${DEFAULT_CLIENT.id}$`, 'm'));
    expect(stdout).toMatch(new RegExp(`^ {2}client secret +${DEFAULT_CLIENT.secret}$`, 'm'));
    expect(stdout).toContain("the issuer goes into the element's issuer attribute and the server's issuer\noption, the library URL into library-src");
    expect(stdout).toContain(`<telegram-login-button client-id="${DEFAULT_CLIENT.id}" issuer="${issuer}"\n    library-src="${issuer}/js/telegram-login.js"></telegram-login-button>`);
    expect(stdout).toContain(`issuer: '${issuer}'`);
    expect(stdout).toMatch(new RegExp(`^ {2}bot token +${DEFAULT_BOT.token}$`, 'm'));
    expect(stdout).toMatch(new RegExp(`^ {2}bot username +@${DEFAULT_BOT.username}$`, 'm'));
    expect(stdout).toMatch(new RegExp(`^ {2}Telegram app +${issuer}/app$`, 'm'));
    expect(stdout).toContain(`the issuer as its Bot API root instead of https://api.telegram.org\n(grammY: client.apiRoot)`);
    const deepLink = new RegExp(`^ {2}(${issuer}/app/resolve\\?domain=${DEFAULT_BOT.username}&start=hello)$`, 'm').exec(stdout)?.[1];
    expect(deepLink).toBeDefined();

    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { issuer: string };
    expect(discovery.issuer).toBe(issuer);
    const me = (await (await fetch(`${issuer}/bot${DEFAULT_BOT.token}/getMe`)).json()) as { ok: boolean; result: { username: string } };
    expect(me).toMatchObject({ ok: true, result: { username: DEFAULT_BOT.username } });
    const app = await fetch(deepLink!);
    expect(app.status).toBe(200);
    expect(await app.text()).toContain('<script src="/app/app-client.js" defer></script>');
    expect((await fetch(`${issuer}/app/app-client.js`)).status).toBe(200);

    child.kill('SIGTERM');
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
  });

  test('--help and -h print the usage and exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout, stderr } = await runCli([flag]);
      expect(code).toBe(0);
      expect(stdout).toContain('Usage: telegram-login-kit mock [options]');
      expect(stdout).toContain('--port <n>');
      expect(stdout).toContain('-v, --version');
      expect(stdout).toContain('npm run mock -- [options]');
      expect(stderr).toBe('');
    }
  });

  test('--version and -v print the package version and exit 0', async () => {
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) expect(await runCli([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  test('each mistake is one line on stderr that names it and points to --help, with exit code 2', async () => {
    const mistakes: Array<[string[], string]> = [
      [['mock', '--nope'], 'unknown option --nope'],
      [['mock', '--autoConsent'], 'unknown option --autoConsent; did you mean --auto-consent?'],
      [['mock', '-x'], 'unknown option -x'],
      [['serve'], 'unknown command "serve"; the command is mock'],
      [[], 'missing command; the command is mock'],
      [['mock', '--port', 'abc'], '--port must be 0 to 65535, got "abc"'],
      [['mock', '--port', '70000'], '--port must be 0 to 65535, got "70000"'],
      [['mock', '--port'], '--port needs a value, e.g. --port 9400'],
      [['mock', '--host', '--quiet'], '--host needs a value, e.g. --host 127.0.0.1'],
      [['mock', '--quiet=yes'], '--quiet takes no value'],
      [['mock', '--public-url', 'mock.example'], '--public-url must be an http(s) URL such as https://mock.example, got "mock.example"'],
      [['mock', 'extra'], 'unexpected argument "extra"'],
    ];
    for (const [args, message] of mistakes) {
      expect(await runCli(args), args.join(' ')).toEqual({ code: 2, stdout: '', stderr: `telegram-login-kit: ${message} (see telegram-login-kit --help)\n` });
    }
  });

  test('a port in use exits 1 with a message naming --port', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as AddressInfo).port;
      expect(await runCli(['mock', '--port', String(port), '--quiet'])).toEqual({
        code: 1,
        stdout: '',
        stderr: `telegram-login-kit: port ${port} is in use; pick another with --port\n`,
      });
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});

test.describe('npm run mock, in a clone of the repository', () => {
  let child: ChildProcessWithoutNullStreams | undefined;

  test.afterEach(async () => {
    // npm runs the script in a child of its own: end the whole process group this test started.
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid, 'SIGKILL');
      await exitOf(child);
    }
    child = undefined;
  });

  test('starts the mock with the options after --, from the built CLI', async () => {
    child = spawn('npm', ['run', '--silent', 'mock', '--', '--port', '0', '--quiet', '--auto-consent'], { cwd: ROOT, detached: true });
    const stdout = await readUntil(child, ['consent        automatic, as Alice', '</telegram-login-button>']);
    const issuer = /^ {2}issuer +(http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout)?.[1];
    const auth = await fetch(`${issuer}/auth?response_type=code&client_id=${DEFAULT_CLIENT.id}&redirect_uri=http://localhost:1/cb&scope=openid`, { redirect: 'manual' });
    expect(auth.status).toBe(302);
    process.kill(-child.pid!, 'SIGTERM');
    await exitOf(child);
    await expect.poll(() => fetch(`${issuer}/`).then(() => 'listening', () => 'stopped')).toBe('stopped');
  });

  test('points a mistake to npm run mock -- --help', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const npm = spawn('npm', ['run', '--silent', 'mock', '--', '--nope'], { cwd: ROOT });
      let stderr = '';
      npm.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      npm.once('error', reject);
      npm.once('close', (code) => resolve({ code, stderr }));
    });
    expect(result).toEqual({ code: 2, stderr: 'telegram-login-kit: unknown option --nope (see npm run mock -- --help)\n' });
  });

  test('compiles first only when dist/mock/cli.js is missing or older than the sources', async () => {
    const script = new URL('../../scripts/mock.mjs', import.meta.url).href;
    const { isStale } = (await import(script)) as { isStale: (builtAt: number | undefined, sourcesChangedAt: number) => boolean };
    expect([isStale(undefined, 1), isStale(1_000, 2_000), isStale(2_000, 1_000), isStale(2_000, 2_000)]).toEqual([true, true, false, false]);
  });
});

test.describe('parseCli', () => {
  test('reads every option, with the documented defaults', () => {
    expect(parseCli(['mock'])).toEqual({ command: 'mock', port: 9400, host: '127.0.0.1', autoConsent: false, control: false, quiet: false, help: false, version: false });
    expect(parseCli(['mock', '--port=0', '--host', '::1', '--public-url', 'https://mock.example', '--auto-consent', '--control', '--quiet'])).toEqual({
      command: 'mock',
      port: 0,
      host: '::1',
      publicUrl: 'https://mock.example',
      autoConsent: true,
      control: true,
      quiet: true,
      help: false,
      version: false,
    });
  });
});
