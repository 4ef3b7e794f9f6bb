// A newcomer's machine, for tests that follow the documentation as written: an empty folder outside
// this repository with the package installed in it, commands run as a shell runs them, `node
// server.mjs` as a process of its own, and the mock started with the documented command.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));


/** A process this test started, with what it printed so far. */
export interface Started {
  readonly output: () => string;
  /** Resolves with the first output line that matches, or rejects when the process ends first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

function track(child: ChildProcess, label: string, group: boolean): Started {
  let output = '';
  const waiters = new Set<() => void>();
  let exited = false;
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of waiters) waiter();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const ended = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      for (const waiter of waiters) waiter();
      resolve();
    }),
  );
  return {
    output: () => output,
    waitFor(pattern, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`${label} printed no line matching ${pattern} in ${timeoutMs} ms:\n${output}`)), timeoutMs);
        const finish = (error?: Error, line?: string) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error) reject(error);
          else resolve(line!);
        };
        const check = () => {
          const line = output.split('\n').find((candidate) => pattern.test(candidate));
          if (line !== undefined) finish(undefined, line);
          else if (exited) finish(new Error(`${label} ended before printing ${pattern}:\n${output}`));
        };
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (!exited) {
        // Our own child, by its id (the whole group it leads, for `npm run`'s own child).
        if (group) process.kill(-child.pid!, 'SIGTERM');
        else child.kill('SIGTERM');
      }
      await ended;
    },
  };
}

/**
 * `npm run mock -- --port <port>` in this repository, as docs/mock.md says for a clone. Resolves once
 * it says it is running, with its issuer read from what it printed.
 */
export async function startRepositoryMock(port: number): Promise<Started & { issuer: string }> {
  const child = spawn('npm', ['run', 'mock', '--', '--port', String(port)], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const started = track(child, 'npm run mock', true);
  try {
    const line = await started.waitFor(/^Mock Telegram is running at /, 60_000);
    return { ...started, issuer: line.replace('Mock Telegram is running at ', '').trim() };
  } catch (error) {
    await started.stop();
    throw error;
  }
}

const run = promisify(execFile);

/** An empty project folder, with the package installed the way `npm install <this checkout>` links it. */
export interface NewProject {
  readonly dir: string;
  write(file: string, text: string): Promise<void>;
  /** A command line a snippet prints, run by a shell in the folder. */
  shell(command: string): Promise<void>;
  /** `node <file>` in the folder. */
  node(file: string, env?: Record<string, string>): Started;
  remove(): Promise<void>;
}

export async function newProject(): Promise<NewProject> {
  const dir = await mkdtemp(join(tmpdir(), 'tlk-first-hour-'));
  await mkdir(join(dir, 'node_modules'));
  // What `npm install /path/to/telegram-login-kit` does with a folder: a link. Its own dependencies
  // (jose) resolve from the checkout, and its dist/ is the one this test run built.
  await symlink(ROOT, join(dir, 'node_modules', 'telegram-login-kit'), 'dir');
  const processes: Started[] = [];
  return {
    dir,
    write: (file, text) => writeFile(join(dir, file), text),
    async shell(command) {
      await run('sh', ['-c', command], { cwd: dir });
    },
    node(file, env = {}) {
      const child = spawn(process.execPath, [file], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      const started = track(child, `node ${file}`, false);
      processes.push(started);
      return started;
    },
    async remove() {
      await Promise.all(processes.map((started) => started.stop()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The fenced blocks of one language in README.md's "Quick start" section, in order. */
export function quickStartBlocks(readme: string, language: string): string[] {
  const start = readme.indexOf('\n## Quick start\n');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return [...section.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((match) => match[1]!);
}
