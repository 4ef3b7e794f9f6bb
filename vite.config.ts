import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { mockTelegram, staticDemoSettings } from './demo/mock-telegram-plugin.js';

// One config, three jobs, chosen with --mode:
//   demo    `npm start`: the demo page with the offline Telegram embedded;
//   demo-static  part of `npm run build`: the demo page as static files in dist/demo;
//   bundle  part of `npm run build`: dist/telegram-login-kit.js, the drop-in (element + Lit,
//           minified) for <script type="module"> users, with its lazy chunks in dist/chunks/.
/**
 * The drop-in's minifier leaves template literals alone, so the element's css`…` would ship with its
 * indentation and comments: squeeze them (the stylesheet has no interpolations).
 */
function minifyElementCss(): Plugin {
  return {
    name: 'telegram-login-kit:minify-element-css',
    transform(code, id) {
      if (!/\/src\/element\/(dialog\/)?styles\.ts$/.test(id)) return undefined;
      return code.replace(/css`([^`]*)`/g, (_, text: string) => {
        const min = text
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};>])\s*/g, '$1')
          .replace(/,\s+/g, ',')
          .replace(/([:(])\s+/g, '$1')
          .replace(/;}/g, '}')
          .trim();
        return `css\`${min}\``;
      });
    },
  };
}

const configs: Record<string, () => UserConfig> = {
  demo: () => {
    const port = Number(process.env.PORT ?? 5173);
    return {
      root: 'demo',
      clearScreen: false,
      server: { port, strictPort: true, host: 'localhost' },
      plugins: [mockTelegram({ demoPort: port })],
    };
  },
  // Part of `npm run build`: the demo as static files in dist/demo (its server part: demo/serve.mjs).
  'demo-static': () => ({
    root: 'demo',
    base: './',
    plugins: [staticDemoSettings()],
    build: { outDir: '../dist/demo', emptyOutDir: true, target: 'es2022' },
  }),
  bundle: () => ({
    plugins: [minifyElementCss()],
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      sourcemap: true,
      lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'telegram-login-kit.js' },
      // What the first paint does not need (code flows, the callback page's code, each language's
      // messages) loads on demand from chunks/ next to the entry, by relative import: the same
      // <script src> works from a CDN and self-hosted (copy the whole folder).
      // allow-extension: what the chunks share with the entry stays in the entry (chunks import it from
      // there) instead of a common chunk that every page would have to fetch as a second request.
      // The code flows (popup, redirect, the callback page) share one chunk: one more request, not four.
      // The bot flow (its requests, the waiting dialog, the QR drawing, the dialog's English strings) is
      // one chunk without a group: its dynamic import's own chunk (a group chunk would need rolldown's
      // namespace helper, which two groups would share as one more file); the dialog's other languages
      // are a chunk each (`dialog-<code>`).
      rolldownOptions: {
        preserveEntrySignatures: 'allow-extension',
        output: {
          minify: true,
          // A shipped file needs no /* @__PURE__ */ annotations: they only help a bundler, and cost bytes.
          comments: false,
          chunkFileNames: (chunk) => (chunk.facadeModuleId?.includes('/src/element/dialog/messages/') ? 'chunks/dialog-[name]-[hash].js' : 'chunks/[name]-[hash].js'),
          codeSplitting: { includeDependenciesRecursively: false, groups: [{ name: 'code-flows', test: /src\/(flows\/(popup|redirect|callback|popup-handoff|code-transaction|code-authorization|exchange)|oauth\/(pkce|random|authorization-url))\.ts$/ }] },
        },
      },
    },
  }),
};

export default defineConfig(({ mode }) => {
  const config = configs[mode];
  if (!config) throw new Error(`unknown mode "${mode}"; use --mode ${Object.keys(configs).join(' or --mode ')}`);
  return config();
});
