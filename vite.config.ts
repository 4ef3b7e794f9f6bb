import { defineConfig, type UserConfig } from 'vite';
import { mockTelegram, staticDemoSettings } from './demo/mock-telegram-plugin.js';

// One config, three jobs, chosen with --mode:
//   demo    `npm start`: the demo page with the offline Telegram embedded;
//   demo-static  part of `npm run build`: the demo page as static files in dist/demo;
//   bundle  part of `npm run build`: dist/telegram-login-kit.js, the single-file drop-in
//           (element + Lit, minified) for <script type="module"> users.
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
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      sourcemap: true,
      lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'telegram-login-kit.js' },
      rolldownOptions: { output: { minify: true } },
    },
  }),
};

export default defineConfig(({ mode }) => {
  const config = configs[mode];
  if (!config) throw new Error(`unknown mode "${mode}"; use --mode ${Object.keys(configs).join(' or --mode ')}`);
  return config();
});
