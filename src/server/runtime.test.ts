import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

// The server kit must run on any Fetch-API runtime (Deno, Bun, Workers): WebCrypto and fetch only.
const SOURCES = new URL('./', import.meta.url);

function sourceFiles(): string[] {
  return readdirSync(SOURCES).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));
}

test('no server file imports node: at runtime, and only the Node adapter mentions it at all', () => {
  const files = sourceFiles();
  expect(files).toContain('verify-id-token.ts');
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
    'createNonce',
    'createMemoryNonceStore',
    'verifyLoginWidget',
    'createSessionManager',
    'createMemoryRevocationStore',
    'createTelegramAuthHandler',
    'toNodeListener',
    'TelegramLoginError',
  ]) {
    expect(typeof (kit as Record<string, unknown>)[name], name).toBe('function');
  }
});
