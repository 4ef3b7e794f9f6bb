// `npm start` as a newcomer runs it: what it prints must be enough to find the demo and the simulated
// Telegram app, and both addresses must answer. Started on free ports, stopped with its children.
import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { freePort } from './free-port.js';
import { ROOT } from './new-site.js';

let demo: ChildProcess | undefined;
test.afterEach(() => {
  // npm runs vite as a child: end the whole process group.
  if (demo?.pid !== undefined && demo.exitCode === null) process.kill(-demo.pid, 'SIGTERM');
});

test('npm start prints the demo, the mock and the simulated Telegram app, and each answers', async ({ page }) => {
  const [port, mockPort] = [await freePort(), await freePort()];
  demo = spawn('npm', ['start'], { cwd: ROOT, detached: true, env: { ...process.env, PORT: String(port), MOCK_PORT: String(mockPort) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const banner = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Telegram app +\S+/.test(output)) resolve(output);
    };
    demo!.stdout!.on('data', read);
    demo!.stderr!.on('data', read);
    demo!.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  const line = (label: string) => new RegExp(`${label} +(http://\\S+)`).exec(banner)?.[1];
  expect(line('Demo')).toBe(`http://localhost:${port}/`);
  expect(line('Mock Telegram')).toBe(`http://127.0.0.1:${mockPort}`);
  const appUrl = line('Telegram app')!;
  expect(new URL(appUrl).origin).toBe(`http://127.0.0.1:${mockPort}`);

  await page.goto(appUrl);
  await expect(page.getByRole('combobox', { name: 'User' })).toBeVisible();
  await page.goto(line('Demo')!);
  await expect(page.locator('#preview-light').getByRole('button', { name: 'Log in with Telegram' })).toBeVisible();
});
