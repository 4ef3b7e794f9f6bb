/**
 * Size: the drop-in bundle as `npm run build` wrote it, plus three builds made here the way the
 * `bundle` mode of vite.config.ts makes the drop-in (ES module, target es2022, minified by rolldown):
 * Lit alone (the floor), the element entry with Lit external, and the server entry with jose external.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { build, type Rolldown } from 'vite';
import { assert } from './util.js';

const root = fileURLToPath(new URL('../../../', import.meta.url)); // bench/.out/bench/ -> project root
const scratch = fileURLToPath(new URL('../scratch/', import.meta.url)); // bench/.out/scratch/

export interface SizeRow {
  name: string;
  min: number;
  gzip: number;
  brotli: number;
}

export interface SizeResult {
  dropIn: SizeRow;
  lit: SizeRow;
  element: SizeRow;
  server: SizeRow;
  /** Drop-in minus Lit alone: what our code adds on top of Lit in the drop-in. */
  ours: { min: number; gzip: number; brotli: number };
}

function measure(name: string, code: Buffer | string): SizeRow {
  const bytes = typeof code === 'string' ? Buffer.from(code) : code;
  return {
    name,
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes).length, // zlib defaults (quality 11)
  };
}

const LIT_EXTERNAL = /^(lit|lit-html|lit-element|@lit\/reactive-element)(\/|$)/;
const JOSE_EXTERNAL = /^jose(\/|$)/;

/** One minified ES bundle of `entry`, in memory: its entry chunk (dynamic imports stay out of it). */
async function bundle(entry: string, external?: RegExp): Promise<string> {
  const output = (await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      target: 'es2022',
      sourcemap: false,
      lib: { entry, formats: ['es'], fileName: () => 'bundle.js' },
      rolldownOptions: { ...(external ? { external } : {}), output: { minify: true } },
    },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const outputs = Array.isArray(output) ? output : [output];
  const chunks = outputs.flatMap((o) => o.output).filter((item): item is Rolldown.OutputChunk => item.type === 'chunk');
  // Lazy chunks (code flows, messages) are not part of what the entry costs on first load.
  const entries = chunks.filter((chunk) => chunk.isEntry);
  assert(entries.length === 1, `${entry} built into ${entries.length} entry chunks, expected 1`);
  return entries[0]!.code;
}

export async function runSize(): Promise<SizeResult> {
  const dropInCode = await readFile(new URL('dist/telegram-login-kit.js', `file://${root}`));
  assert(!/\n\s{2,}\w/.test(dropInCode.toString('utf8').slice(0, 4000)), 'dist/telegram-login-kit.js does not look minified');
  const dropIn = measure('Drop-in entry `dist/telegram-login-kit.js` (element + Lit + library flow; code flows and messages in chunks/)', dropInCode);

  // Exactly the Lit API the element imports.
  await mkdir(scratch, { recursive: true });
  const litEntry = `${scratch}lit-floor.js`;
  await writeFile(
    litEntry,
    [
      "export { LitElement, html, css, svg, nothing, isServer } from 'lit';",
      '',
    ].join('\n'),
  );
  const lit = measure('Lit alone (what the element imports), same build', await bundle(litEntry));
  const element = measure(
    'Element entry `src/element/telegram-login-button.ts`, Lit external',
    await bundle(`${root}src/element/telegram-login-button.ts`, LIT_EXTERNAL),
  );
  const server = measure('Server entry `src/server/index.ts`, jose external', await bundle(`${root}src/server/index.ts`, JOSE_EXTERNAL));
  for (const row of [dropIn, lit, element, server]) assert(row.min > 1000 && row.gzip > 300, `${row.name}: implausibly small (${row.min} B)`);
  return {
    dropIn,
    lit,
    element,
    server,
    ours: { min: dropIn.min - lit.min, gzip: dropIn.gzip - lit.gzip, brotli: dropIn.brotli - lit.brotli },
  };
}
