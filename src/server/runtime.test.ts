import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

// The server kit must run on any Fetch-API runtime (Deno, Bun, Workers): WebCrypto and fetch only.
const SOURCES = new URL('./', import.meta.url);

/** Every shipped source file of the server kit, in subfolders too (routes/, stores/), and the shared oauth/ basics. */
function sourceFiles(): string[] {
  const shipped = (name: string) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.test-support.ts');
  const server = (readdirSync(SOURCES, { recursive: true }) as string[]).filter(shipped);
  const oauth = readdirSync(new URL('../oauth/', SOURCES)).filter(shipped).map((name) => `../oauth/${name}`);
  return [...server, ...oauth];
}

test('no server file imports node: at runtime, and only the Node adapter mentions it at all', () => {
  const files = sourceFiles();
  expect(files).toContain('verify-id-token.ts');
  expect(files).toContain('stores/memory.ts');
  expect(files).toContain('../oauth/random.ts');
  for (const name of files) {
    const source = readFileSync(new URL(name, SOURCES), 'utf8');
    const imports = [...source.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'(node:[^']+)'/gm)];
    expect(imports.filter(([, typeOnly]) => !typeOnly).map(([line]) => `${name}: ${line}`)).toEqual([]);
    if (name !== 'node.ts') expect(imports.map(([line]) => `${name}: ${line}`)).toEqual([]);
  }
});

test('the built entry exports the whole kit', async () => {
  const kit = await import('../../dist/server/index.js');
  for (const name of [
    'verifyIdToken',
    'exchangeCode',
    'createNonceManager',
    'createMemoryStore',
    'verifyLoginWidget',
    'createSessionManager',
    'createTelegramAuthHandler',
    'toNodeListener',
    'TelegramLoginError',
    'BotApiError',
  ]) {
    expect(typeof (kit as Record<string, unknown>)[name], name).toBe('function');
  }
});

/** Every module `entry` loads, following relative imports through dist/ (bare specifiers listed as they are). */
function importGraph(entry: URL): Set<string> {
  const seen = new Set<string>();
  const visit = (file: URL) => {
    if (seen.has(file.href)) return;
    seen.add(file.href);
    const source = readFileSync(file, 'utf8');
    // Runtime imports only: `import type` is erased from the build.
    for (const [, specifier] of source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)) {
      if (specifier === undefined) continue;
      if (specifier.startsWith('.')) visit(new URL(specifier, file));
      else seen.add(specifier);
    }
  };
  visit(entry);
  return seen;
}

test('no Redis library is imported anywhere: the Redis store sends commands through the client it is given', () => {
  for (const name of sourceFiles()) {
    const source = readFileSync(new URL(name, SOURCES), 'utf8');
    expect(source, name).not.toMatch(/from\s+'(redis|ioredis|@redis\/[^']+)'/);
  }
  const server = importGraph(new URL('../../dist/server/index.js', import.meta.url));
  // The walk sees both kinds of import, so a Redis library would show up.
  expect(server).toContain('jose');
  expect([...server].some((module) => module.endsWith('/dist/oauth/random.js'))).toBe(true);
  expect([...server].filter((module) => /redis/.test(module))).toEqual([]);
  const redis = importGraph(new URL('../../dist/server/stores/redis.js', import.meta.url));
  expect([...redis].filter((module) => !module.startsWith('file:'))).toEqual([]);
});

test('the built telegram-login-kit/server/redis entry exports createRedisStore', async () => {
  const entry = await import('../../dist/server/stores/redis.js');
  expect(typeof entry.createRedisStore).toBe('function');
  expect(entry.DEFAULT_REDIS_PREFIX).toBe('tlk:');
});
