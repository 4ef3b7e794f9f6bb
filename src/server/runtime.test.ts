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
    'issueNonce',
    'consumeNonce',
    'createMemoryStore',
    'verifyLoginWidget',
    'createSessionManager',
    'createTelegramAuthHandler',
    'toNodeListener',
    'TelegramLoginError',
  ]) {
    expect(typeof (kit as Record<string, unknown>)[name], name).toBe('function');
  }
});
