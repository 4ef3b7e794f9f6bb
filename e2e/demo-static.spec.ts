// `npm run build` also builds the demo as a static site (vite --mode demo-static); demo/serve.mjs is
// its server part. Built here into the test's own directory, against a mock on a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { build } from 'vite';
import { freePort } from './free-port.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));


let server: ChildProcess | undefined;
test.afterEach(() => {
  server?.kill('SIGTERM');
});

test('the static demo build, served by demo/serve.mjs, logs in through its server part', async ({ page }, testInfo) => {
  test.slow(); // a production build of the page
  const [mockPort, port] = [await freePort(), await freePort()];
  const outDir = testInfo.outputPath('demo-static');
  const previous = process.env.MOCK_URL;
  process.env.MOCK_URL = `http://127.0.0.1:${mockPort}`;
  try {
    await build({ configFile: `${ROOT}vite.config.ts`, mode: 'demo-static', logLevel: 'warn', build: { outDir } });
  } finally {
    if (previous === undefined) delete process.env.MOCK_URL;
    else process.env.MOCK_URL = previous;
  }

  server = spawn(process.execPath, ['demo/serve.mjs'], { cwd: ROOT, env: { ...process.env, PORT: String(port), DEMO_DIR: outDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const banner = await new Promise<string>((resolve, reject) => {
    server!.stdout!.on('data', (chunk: Buffer) => resolve(chunk.toString()));
    server!.once('exit', (code) => reject(new Error(`serve.mjs exited with ${code}: ${stderr}`)));
  });
  expect(banner).toContain(`Demo            http://localhost:${port}/`);
  expect(banner).toContain(`http://127.0.0.1:${mockPort} (mock)`);

  await page.goto(`http://localhost:${port}/?text=signin`);
  await expect(page.locator('#snippet-html')).toContainText('text="signin"');
  const popup = page.waitForEvent('popup');
  await page.locator('#preview-light').getByRole('button', { name: 'Sign in with Telegram' }).click();
  await (await popup).getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByText('Verified by the demo\'s server (library flow).')).toBeVisible();
  await expect(page.locator('#claims')).toContainText('"name": "Alice Anderson"');

  // The bot flow: serve.mjs polls the mock's bot, whose links open the mock's simulated app.
  await page.goto(`http://localhost:${port}/?flow=bot`);
  await page.locator('#preview-light').getByRole('button', { name: 'Log in with Telegram' }).click();
  const dialog = page.getByRole('dialog', { name: 'Log in with Telegram' });
  const code = (await dialog.locator('.wd-code').textContent())!.trim();
  const opens = page.context().waitForEvent('page');
  await dialog.getByRole('link', { name: /Use t\.me in a new tab/ }).click();
  const app = await opens;
  expect(app.url()).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${mockPort}/app/resolve\\?domain=MockLoginBot&start=`));
  await app.getByRole('button', { name: 'Start', exact: true }).click();
  await app.getByRole('button', { name: code, exact: true }).click();
  await expect(page.getByText('Verified by the demo\'s server (bot flow): confirmed in the bot.')).toBeVisible();
  await expect(page.locator('#claims')).toContainText('"amr": [\n    "tg_bot"\n  ]');
});
