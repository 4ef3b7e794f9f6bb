#!/usr/bin/env node
/**
 * `npm run mock -- [options]`: the `telegram-login-kit mock` command inside a clone of the repository,
 * where the package's own bin is not installed (so `npx telegram-login-kit` cannot find it). Compiles
 * src/ when dist/mock/cli.js is missing or older than the sources it is built from, then runs it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}dist/mock/cli.js`;

/** Newest modification time of the files under `dir`, in milliseconds (0 for an empty or missing folder). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && !entry.name.endsWith('.test.ts')) latest = Math.max(latest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs);
  }
  return latest;
}

/** True when the built CLI is missing or older than the sources of the mock (src/mock, src/oauth). */
export function isStale(builtAt, sourcesChangedAt) {
  return builtAt === undefined || sourcesChangedAt > builtAt;
}

function builtAt() {
  try {
    return statSync(cli).mtimeMs;
  } catch {
    return undefined;
  }
}

function build() {
  process.stderr.write('npm run mock: compiling src/ into dist/ (dist/mock/cli.js is missing or older than src/)…\n');
  const tsc = spawnSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}tsconfig.build.json`], { stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  // The plain scripts the mock serves, which tsc does not copy (as `npm run build` does).
  for (const file of ['telegram-login.js', 'app/app-client.js']) copyFileSync(`${root}src/mock/${file}`, `${root}dist/mock/${file}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (isStale(builtAt(), Math.max(newest(`${root}src/mock`), newest(`${root}src/oauth`)))) build();
  // The CLI reads its arguments from process.argv: run it in this process as `telegram-login-kit mock …`,
  // and let its hints name the command that works here.
  process.env.TELEGRAM_LOGIN_KIT_HELP = 'npm run mock -- --help';
  process.argv = [process.argv[0], cli, 'mock', ...process.argv.slice(2)];
  await import(new URL('../dist/mock/cli.js', import.meta.url).href);
}
