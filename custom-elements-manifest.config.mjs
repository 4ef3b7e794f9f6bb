// `npm run build` writes custom-elements.json (for IDEs, Storybook and the docs check) from the
// element's JSDoc. Only the documented @fires events are kept: the analyzer also reads
// dispatchEvent(new SomeEvent(x)) calls and would list their arguments as events. Paths name the
// published files (dist/*.js), not the TypeScript sources, which the package does not ship.
const published = (path) => path.replace(/^src\/(.*)\.ts$/, 'dist/$1.js');
export default {
  globs: ['src/element/telegram-login-button.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'documented-events-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          module.path = published(module.path);
          for (const entry of module.exports ?? []) {
            if (entry.declaration?.module) entry.declaration.module = published(entry.declaration.module);
          }
          for (const declaration of module.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.name?.startsWith('telegram-login-'));
          }
        }
      },
    },
  ],
};
