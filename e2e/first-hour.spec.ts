// The first hour of a new user, played as written: open the demo, keep "Local, with the mock", pick a
// flow, type where the site will run, copy the "HTML drop-in" and "Server: Node" blocks into an empty
// folder, run the commands they print, start the mock with the documented command, and log in. The
// same with the README's quick start. The only edits are the ones the test cannot avoid: the ports
// it picked instead of the demo's mock, or the README's 3000 and 9400.
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { expect, test as base, type Page } from '@playwright/test';
import { DEMO_MOCK_PORT, DEMO_PORT } from '../playwright.config.js';
import { ROOT, freePort, newProject, quickStartBlocks, startRepositoryMock, type NewProject, type Started } from './new-site.js';

const DEMO_URL = `http://localhost:${DEMO_PORT}/`;
const DEMO_MOCK = `http://127.0.0.1:${DEMO_MOCK_PORT}`;
const MOCK_SECRET = 'mock-secret-7700000001-do-not-use-in-production';

const test = base.extend<{ project: NewProject }, { repositoryMock: Started & { issuer: string } }>({
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

type Flow = 'library' | 'popup' | 'redirect';

/** The two blocks a newcomer copies from the demo, as the page shows them. */
async function copyFromDemo(page: Page, flow: Flow, siteUrl: string): Promise<{ html: string; server: string }> {
  await page.goto(DEMO_URL);
  await expect(page.getByRole('radio', { name: /Local, with the mock/ })).toBeChecked();
  await page.getByRole('radio', { name: new RegExp(`^${flow}`, 'i') }).check();
  await page.getByLabel('Page with the button').fill(siteUrl);
  await expect(page.locator('#readiness')).toHaveText(/^Ready: every snippet below works as printed on your machine/);
  await expect(page.locator('#snippet-server-node')).toContainText(`redirectUri: '${siteUrl}'`);
  const html = (await page.locator('#snippet-html').textContent())!;
  const server = (await page.locator('#snippet-server-node').textContent())!;
  return { html, server };
}

/** The mock the demo runs becomes the one this test started: the snippets' only change. */
function onOurMock(text: string, issuer: string): string {
  expect(text).toContain(DEMO_MOCK);
  return text.split(DEMO_MOCK).join(issuer);
}

/** Follows the server snippet's header: `npm install` is done (a link), the copy command is run as printed. */
async function setUp(project: NewProject, html: string, server: string): Promise<Started> {
  await project.write('index.html', html);
  await project.write('server.mjs', server);
  const copy = /^\/\/\s+(cp -R \S+ \S+)$/m.exec(server);
  expect(copy, 'the server snippet says which folder to copy').not.toBeNull();
  await project.shell(copy![1]!);
  return project.node('server.mjs');
}

async function logIn(page: Page, siteUrl: string, flow: Flow, user: RegExp): Promise<void> {
  await page.goto(siteUrl);
  const button = page.getByRole('button', { name: 'Log in with Telegram' });
  if (flow === 'redirect') {
    await button.click();
    await page.waitForURL((url) => url.pathname === '/auth');
    await page.getByRole('radio', { name: user }).check();
    await page.getByRole('button', { name: 'Allow' }).click();
  } else {
    const popup = page.waitForEvent('popup');
    await button.click();
    const consent = await popup;
    await consent.getByRole('radio', { name: user }).check();
    await consent.getByRole('button', { name: 'Allow' }).click();
  }
}

const USERS: Record<Flow, [RegExp, string]> = {
  library: [/Alice/, 'Logged in as Alice Anderson'],
  popup: [/Дмитрий/, 'Logged in as Дмитрий 🚀 Иванов'],
  redirect: [/Carol/, 'Logged in as Carol Chen'],
};

for (const flow of ['library', 'popup', 'redirect'] as const) {
  test(`a new site from the demo's local snippets, as printed, logs in on the first try (${flow} flow)`, async ({ page, project, repositoryMock }) => {
    test.slow(); // two servers start, and the browser goes through a consent page
    const siteUrl = `http://localhost:${await freePort()}/`;
    const copied = await copyFromDemo(page, flow, siteUrl);
    const site = await setUp(project, onOurMock(copied.html, repositoryMock.issuer), onOurMock(copied.server, repositoryMock.issuer));
    await site.waitFor(new RegExp(`^Your site is on ${siteUrl}$`));

    const [user, greeting] = USERS[flow];
    await logIn(page, siteUrl, flow, user);
    await page.waitForURL(`${siteUrl}account`);
    await expect(page.getByRole('heading', { name: greeting })).toBeVisible();
    await expect(page.getByText(/^Telegram id \d+\./)).toBeVisible();

    // The request log the snippet turned on: one line per request, the outcome, nothing secret.
    const route = flow === 'library' ? 'POST /auth/telegram/verify 200 ok' : 'POST /auth/telegram/exchange 200 ok';
    await site.waitFor(new RegExp(`^${route} \\d+ms$`));
    const log = site.output();
    expect(log).not.toContain('tlk_session');
    expect(log).not.toContain(MOCK_SECRET);
    expect(log).not.toMatch(/code=|state=|eyJ/);
  });
}

test('the printed server serves its page, the account page and the bundle folder, and nothing else of the folder', async ({ page, project, repositoryMock }) => {
  const port = await freePort();
  const copied = await copyFromDemo(page, 'library', `http://localhost:${port}/`);
  const site = await setUp(project, onOurMock(copied.html, repositoryMock.issuer), onOurMock(copied.server, repositoryMock.issuer));
  await site.waitFor(/^Your site is on /);
  // Raw paths, as an attacker sends them (fetch would normalize them first).
  const status = (path: string) =>
    new Promise<[number, string]>((resolve, reject) => {
      httpRequest({ host: 'localhost', port, path }, (response) => {
        response.resume();
        resolve([response.statusCode!, response.headers['content-type'] ?? '']);
      })
        .on('error', reject)
        .end();
    });
  expect(await status('/')).toEqual([200, 'text/html; charset=utf-8']);
  expect(await status('/?code=abc&state=xyz')).toEqual([200, 'text/html; charset=utf-8']);
  expect(await status('/telegram-login-kit/telegram-login-kit.js')).toEqual([200, 'text/javascript']);
  expect((await status('/account'))[0]).toBe(401);
  for (const path of ['/server.mjs', '/index.html', '/telegram-login-kit/../server.mjs', '/telegram-login-kit/%2e%2e/server.mjs', '/telegram-login-kit/..%2fserver.mjs', '/node_modules/telegram-login-kit/package.json', '/telegram-login-kit']) {
    expect((await status(path))[0], path).toBe(404);
  }
  expect(site.output()).not.toContain('Server error');
});

test('a failed login is shown on the page and in the server log, and the next try works', async ({ page, project, repositoryMock }) => {
  test.slow();
  const siteUrl = `http://localhost:${await freePort()}/`;
  const copied = await copyFromDemo(page, 'library', siteUrl);
  const html = onOurMock(copied.html, repositoryMock.issuer);
  const server = onOurMock(copied.server, repositoryMock.issuer);
  const first = await setUp(project, html, server);
  await first.waitFor(/^Your site is on /);
  const nonce = page.waitForResponse((response) => response.url().endsWith('/auth/telegram/nonce'));
  await page.goto(siteUrl);
  await (await nonce).finished();
  await expect(page.getByRole('button', { name: 'Log in with Telegram' })).toBeVisible(); // it has its nonce
  const spent = await page.locator('telegram-login-button').evaluate((button) => (button as HTMLElement).nonce);
  // The developer restarts the server while the page is open: its session secret, and with it
  // every nonce it issued, is gone.
  await first.stop();
  const second = project.node('server.mjs');
  await second.waitFor(/^Your site is on /);

  const logged = page.waitForEvent('console', (message) => message.type() === 'error' && message.text().startsWith('nonce_mismatch'));
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Log in with Telegram' }).click();
  await (await popup).getByRole('button', { name: 'Allow' }).click();
  await expect(page.locator('#login-problem')).toHaveText(/^Login failed: "nonce" claim .+ \(nonce_mismatch\)$/);
  expect((await logged).text()).toMatch(/^nonce_mismatch "nonce" claim/);
  await second.waitFor(/^POST \/auth\/telegram\/verify 400 nonce_mismatch \d+ms "nonce" claim/);

  // The page fetched a fresh nonce from the new server: the next try logs in.
  const nonceOf = () => page.locator('telegram-login-button').evaluate((button) => (button as HTMLElement).nonce);
  await expect.poll(nonceOf).not.toBe(spent);
  const again = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Log in with Telegram' }).click();
  await (await again).getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL(`${siteUrl}account`);
  await expect(page.getByRole('heading', { name: 'Logged in as Alice Anderson' })).toBeVisible();
});

test("the README's quick start, as printed, logs in; its server takes the generator's popup and redirect pages as they are", async ({ page, project, repositoryMock }) => {
  test.slow();
  const readme = await readFile(`${ROOT}README.md`, 'utf8');
  const [shell] = quickStartBlocks(readme, 'sh');
  const [html] = quickStartBlocks(readme, 'html');
  const [server] = quickStartBlocks(readme, 'js');
  const port = await freePort();
  const siteUrl = `http://localhost:${port}/`;
  for (const fixed of ['localhost:3000', 'listen(3000,', 'http://127.0.0.1:9400']) expect(html! + server!).toContain(fixed);
  // The ports this test picked, instead of the README's 3000 and 9400.
  const ports = (text: string) =>
    text.split('localhost:3000').join(`localhost:${port}`).split('listen(3000,').join(`listen(${port},`).split('http://127.0.0.1:9400').join(repositoryMock.issuer);
  await project.write('index.html', ports(html!));
  await project.write('server.mjs', ports(server!));
  // `npm install telegram-login-kit` is the link newProject() made; the mock is `npm run mock`, as
  // the README says for a clone; the copy runs as printed.
  const copy = shell!.split('\n').find((line) => line.startsWith('cp -R '));
  await project.shell(copy!);
  const site = project.node('server.mjs');
  await site.waitFor(new RegExp(`^Your site is on ${siteUrl}$`));

  await logIn(page, siteUrl, 'library', /Bob/);
  await page.waitForURL(`${siteUrl}account`);
  await expect(page.getByRole('heading', { name: 'Logged in as Bob' })).toBeVisible();
  await site.waitFor(/^POST \/auth\/telegram\/verify 200 ok \d+ms$/);

  // "The server is the same for every flow": the generator's popup and redirect pages, next to the README's server.
  for (const [flow, user, heading] of [['popup', /Alice/, 'Logged in as Alice Anderson'], ['redirect', /Carol/, 'Logged in as Carol Chen']] as const) {
    const flowPage = (await copyFromDemo(page, flow, siteUrl)).html;
    await project.write('index.html', onOurMock(flowPage, repositoryMock.issuer));
    await logIn(page, siteUrl, flow, user);
    await page.waitForURL(`${siteUrl}account`);
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
  }
  await site.waitFor(/^POST \/auth\/telegram\/exchange 200 ok \d+ms$/);
});
