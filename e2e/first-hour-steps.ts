// The first hour's steps, shared by its specs: a new user's empty folder, the mock started with the
// documented command (one per worker), and the two blocks copied from the demo page as it shows them.
import { expect, test as base, type Page } from '@playwright/test';
import { DEMO_MOCK_PORT, DEMO_PORT } from '../playwright.config.js';
import { freePort } from './free-port.js';
import { newProject, startRepositoryMock, type NewProject, type Started } from './new-site.js';

export const DEMO_URL = `http://localhost:${DEMO_PORT}/`;
export const DEMO_MOCK = `http://127.0.0.1:${DEMO_MOCK_PORT}`;
export const MOCK_SECRET = 'mock-secret-7700000001-do-not-use-in-production';

export const test = base.extend<{ project: NewProject }, { repositoryMock: Started & { issuer: string } }>({
  repositoryMock: [
    async ({}, use) => {
      const mock = await startRepositoryMock(await freePort());
      await use(mock);
      await mock.stop();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  project: async ({}, use) => {
    const project = await newProject();
    await use(project);
    await project.remove();
  },
});

export type Flow = 'library' | 'popup' | 'redirect' | 'bot';

/** The two blocks a newcomer copies from the demo, as the page shows them. */
export async function copyFromDemo(page: Page, flow: Flow, siteUrl: string): Promise<{ html: string; server: string }> {
  await page.goto(DEMO_URL);
  await expect(page.getByRole('radio', { name: /Local, with the mock/ })).toBeChecked();
  await page.getByRole('radio', { name: new RegExp(`^${flow}`, 'i') }).check();
  await page.getByLabel('Page with the button').fill(siteUrl);
  await expect(page.locator('#readiness')).toHaveText(/^Ready: every snippet below works as printed on your machine/);
  // The snippets have caught up with the page URL typed above.
  const site = flow === 'bot' ? `allowedOrigins: ['${new URL(siteUrl).origin}'` : `redirectUri: '${siteUrl}'`;
  await expect(page.locator('#snippet-server-node')).toContainText(site);
  const html = (await page.locator('#snippet-html').textContent())!;
  const server = (await page.locator('#snippet-server-node').textContent())!;
  return { html, server };
}

/** The mock the demo runs becomes the one this test started: the snippets' only change. */
export function onOurMock(text: string, issuer: string): string {
  expect(text).toContain(DEMO_MOCK);
  return text.split(DEMO_MOCK).join(issuer);
}

/** Follows the server snippet's header: `npm install` is done (a link), the copy command is run as printed. */
export async function setUp(project: NewProject, html: string, server: string): Promise<Started> {
  await project.write('index.html', html);
  await project.write('server.mjs', server);
  const copy = /^\/\/\s+(cp -R \S+ \S+)$/m.exec(server);
  expect(copy, 'the server snippet says which folder to copy').not.toBeNull();
  await project.shell(copy![1]!);
  return project.node('server.mjs');
}
