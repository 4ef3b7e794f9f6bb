// docs/architecture.md's import rules and file-size rule, checked on the sources rather than trusted:
// a stray import (the browser pulling in server code, the mock depending on the kit it is meant to
// test) or a file that grew past one job fails here, with the file and line that broke the rule.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const ROOT = new URL('../', import.meta.url);
/** The tree a file may grow in before it should be split by job; ~350 in the docs, a little slack here. */
const MAX_LINES = 360;

const isTest = (path: string) => /\.test(-support)?\.ts$|\.spec\.ts$|test-fixtures\.ts$/.test(path);

/** Paths relative to the repository, e.g. `src/server/nonce.ts`. */
function files(folder: string, pattern: RegExp): string[] {
  return (readdirSync(new URL(folder, ROOT), { recursive: true }) as string[])
    .map((name) => `${folder}${name.split('\\').join('/')}`)
    .filter((path) => pattern.test(path) && !path.includes('/node_modules/') && !path.includes('/.out/'));
}

/** `element`, `flows`, `oauth`, `server`, `mock`, `react`, or `root` for src/index.ts and its siblings. */
function layer(path: string): string {
  const parts = path.split('/');
  return parts.length > 2 ? parts[1]! : 'root';
}

interface Import {
  line: number;
  specifier: string;
  typeOnly: boolean;
}

/** Static and dynamic imports and re-exports, with their line numbers. */
function importsOf(source: string): Import[] {
  const found: Import[] = [];
  const pattern = /^\s*(import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/gm;
  for (const match of source.matchAll(pattern)) {
    const specifier = match[3] ?? match[4] ?? match[5]!;
    const line = source.slice(0, match.index).split('\n').length;
    found.push({ line, specifier, typeOnly: match[2] !== undefined });
  }
  return found;
}

/** The layer a relative import lands in, or the bare specifier itself. */
function target(from: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  const resolved = new URL(specifier, new URL(from, ROOT)).href.slice(ROOT.href.length);
  return resolved.startsWith('src/') ? layer(resolved) : resolved;
}

/** What each layer of shipped code may never reach, and why (docs/architecture.md, "Import rules"). */
const FORBIDDEN: Record<string, { layers: string[]; why: string }> = {
  root: { layers: ['server', 'mock'], why: 'the browser entry never loads server or mock code' },
  element: { layers: ['server', 'mock'], why: 'the element runs in the browser' },
  react: { layers: ['server', 'mock'], why: 'the React wrapper runs in the browser' },
  flows: { layers: ['element', 'server', 'mock'], why: 'flows are below the element and run in the browser' },
  oauth: { layers: ['element', 'flows', 'server', 'mock', 'react'], why: 'oauth/ is the shared bottom layer' },
  server: { layers: ['element', 'flows', 'mock', 'react'], why: 'the server kit shares only oauth/, errors and types' },
  mock: { layers: ['element', 'flows', 'server', 'react'], why: 'the mock must not depend on the kit it tests' },
};
const BROWSER = new Set(['root', 'element', 'react', 'flows', 'oauth']);

function violations(): string[] {
  const found: string[] = [];
  for (const path of files('src/', /\.(ts|js)$/).filter((name) => !isTest(name))) {
    const from = layer(path);
    const rule = FORBIDDEN[from];
    if (rule === undefined) continue;
    for (const { line, specifier, typeOnly } of importsOf(readFileSync(new URL(path, ROOT), 'utf8'))) {
      const to = target(path, specifier);
      if (rule.layers.includes(to)) found.push(`${path}:${line} imports ${specifier}: ${rule.why}`);
      if (BROWSER.has(from) && !typeOnly && to.startsWith('node:')) found.push(`${path}:${line} imports ${specifier}: browser code imports nothing Node-only`);
      if ((to === 'redis' || to.startsWith('@redis/')) && path !== 'src/server/stores/redis.ts') {
        found.push(`${path}:${line} imports ${specifier}: only src/server/stores/redis.ts knows the redis client`);
      }
    }
  }
  return found;
}

test('every import follows the layering in docs/architecture.md', () => {
  expect(violations()).toEqual([]);
});

test('the import check sees imports, dynamic imports and re-exports, and resolves them to layers', () => {
  const source = "import { a } from '../server/x.js';\nexport { b } from './y.js';\nconst c = import('../mock/z.js');\nimport type { D } from 'node:http';";
  expect(importsOf(source)).toEqual([
    { line: 1, specifier: '../server/x.js', typeOnly: false },
    { line: 2, specifier: './y.js', typeOnly: false },
    { line: 3, specifier: '../mock/z.js', typeOnly: false },
    { line: 4, specifier: 'node:http', typeOnly: true },
  ]);
  expect(target('src/flows/login.ts', '../server/nonce.js')).toBe('server');
  expect(target('src/element/dialog/bot-dialog.ts', '../../flows/bot-login.js')).toBe('flows');
  expect(target('src/login.ts', './errors.js')).toBe('root');
  expect(target('src/server/stores/redis.ts', 'redis')).toBe('redis');
});

test(`no source, test, demo or bench file is over ${MAX_LINES} lines: split it by job`, () => {
  const checked = [...files('src/', /\.(ts|js)$/), ...files('demo/', /\.(ts|js)$/), ...files('e2e/', /\.ts$/), ...files('bench/', /\.ts$/)];
  expect(checked.length).toBeGreaterThan(200);
  const long = checked
    .map((path) => ({ path, lines: readFileSync(new URL(path, ROOT), 'utf8').split('\n').length }))
    .filter(({ lines }) => lines > MAX_LINES)
    .map(({ path, lines }) => `${path}: ${lines} lines`);
  expect(long).toEqual([]);
});
