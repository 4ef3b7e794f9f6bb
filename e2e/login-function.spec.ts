import { elementPage, expect, test } from './fixtures.js';
import { clickForPopup } from './helpers.js';

// The package's functions without the element: login(), and define() under another tag or registry.

test('login() from the package runs the same machinery without the element', async ({ page, site, mock }) => {
  site.page(
    '/programmatic.js',
    `import { login } from '/telegram-login-kit.js';
document.querySelector('#own').addEventListener('click', () => {
  login({ clientId: '${mock.defaultClient.id}', librarySrc: '${mock.libraryUrl}', requestAccess: ['phone'] }).then(
    (result) => console.log('login-result ' + result.user.phone_number),
    (error) => console.log('login-error ' + error.code),
  );
});`,
    { 'Content-Type': 'text/javascript' },
  );
  await page.goto(elementPage(site, '<button id="own">My own button</button>', { head: '<script type="module" src="/programmatic.js"></script>' }));
  const result = page.waitForEvent('console', (message) => message.text().startsWith('login-'));
  const popup = await clickForPopup(page, '#own');
  await popup.getByRole('radio', { name: /Carol/ }).check();
  await popup.getByRole('button', { name: 'Allow' }).click();
  expect((await result).text()).toBe('login-result 15550100004');
});

test('login() takes its timeout in seconds, like the attributes: { timeout: 2 } ends an unanswered login after 2 s', async ({ page, site, mock }) => {
  site.page(
    '/timeout.js',
    `import { login } from '/telegram-login-kit.js';
document.querySelector('#own').addEventListener('click', () => {
  const started = performance.now();
  login({ clientId: '${mock.defaultClient.id}', librarySrc: '${mock.libraryUrl}', timeout: 2 }).then(
    () => console.log('login-result'),
    (error) => console.log('login-error ' + error.code + ' ' + error.message + ' after ' + Math.round((performance.now() - started) / 1000) + ' s'),
  );
});`,
    { 'Content-Type': 'text/javascript' },
  );
  await page.goto(elementPage(site, '<button id="own">My own button</button>', { head: '<script type="module" src="/timeout.js"></script>' }));
  const result = page.waitForEvent('console', { predicate: (message) => message.text().startsWith('login-'), timeout: 15_000 });
  await clickForPopup(page, '#own'); // the consent page stays unanswered
  expect((await result).text()).toMatch(/^login-error timeout .* after ([2-9]|1\d) s$/);
});

test('define() registers under another tag or in a scoped registry, and registering twice is harmless', async ({ page, site, mock }) => {
  site.page(
    '/define.js',
    `import { TelegramLoginButtonElement } from '/telegram-login-kit.js';
TelegramLoginButtonElement.define();
TelegramLoginButtonElement.define('my-login');
TelegramLoginButtonElement.define('my-login');
const results = { renamed: customElements.get('my-login') !== undefined, scoped: 'unsupported' };
if ('CustomElementRegistry' in window && CustomElementRegistry.length === 0) {
  try {
    const registry = new CustomElementRegistry();
    TelegramLoginButtonElement.define('scoped-login', registry);
    results.scoped = registry.get('scoped-login') !== undefined && customElements.get('scoped-login') === undefined;
  } catch (error) {
    results.scoped = 'unsupported: ' + error.message;
  }
}
document.body.insertAdjacentHTML('beforeend', '<my-login id="renamed" client-id="${mock.defaultClient.id}" library-src="${mock.libraryUrl}"></my-login>');
console.log('define ' + JSON.stringify(results));`,
    { 'Content-Type': 'text/javascript' },
  );
  const logged = page.waitForEvent('console', (message) => message.text().startsWith('define '));
  await page.goto(elementPage(site, '', { head: '<script type="module" src="/define.js"></script>' }));
  const results = JSON.parse((await logged).text().slice('define '.length)) as { renamed: boolean; scoped: boolean | string };
  expect(results.renamed).toBe(true);
  await expect(page.locator('#renamed').getByRole('button')).toHaveAccessibleName('Log in with Telegram');
  // Scoped registries are new in browsers: where the browser has them, the element must work with them.
  if (typeof results.scoped === 'string') test.info().annotations.push({ type: 'scoped registry', description: results.scoped });
  else expect(results.scoped).toBe(true);
});
