// The generator's plain functions (demo/snippets.ts) and the demo's mode switch (demo/demo-mode.ts),
// without a browser.
import { expect, test } from '@playwright/test';
import { resolveDemoMode, TELEGRAM_ISSUER, TELEGRAM_LIBRARY_SRC } from './demo-mode.js';
import {
  DEFAULT_CONFIG,
  DEFAULT_MOCK,
  SNIPPET_TABS,
  botFatherChecklist,
  configFromSearch,
  configToSearch,
  elementAttributes,
  headersSnippet,
  htmlSnippet,
  renderSnippets,
  validateConfig,
  type DemoConfig,
} from './snippets.js';

const context = { version: '0.1.0', mock: DEFAULT_MOCK };
const config = (overrides: Partial<DemoConfig> = {}): DemoConfig => ({ ...DEFAULT_CONFIG, clientId: '7700000001', ...overrides });
const validate = (chosen: DemoConfig) => validateConfig(chosen, DEFAULT_MOCK);

test('a full configuration survives the URL and back', () => {
  const chosen = config({
    target: 'local',
    flow: 'popup',
    requestAccess: ['write', 'phone'],
    lang: 'pt-BR',
    size: 'small',
    shape: 'square',
    appearance: 'outlined',
    theme: 'dark',
    text: 'signup',
    iconOnly: true,
    shine: true,
    fullWidth: true,
    label: 'Continue as Алиса & <co>',
    pageUrl: 'http://127.0.0.1:8080/signin',
    afterLogin: '/me',
  });
  expect(configFromSearch(configToSearch(chosen))).toEqual(chosen);
  expect(configToSearch(config(), { clientId: '7700000001' })).toBe('');
  // The page's own defaults (the demo on the mock starts on the local target) stay out of the URL too.
  const local = { clientId: '7700000001', target: 'local' } as const;
  expect(configFromSearch('', local)).toEqual(config({ target: 'local', pageUrl: 'http://localhost:3000/' }));
  expect(configToSearch(configFromSearch('', local), local)).toBe('');
  expect(configToSearch(configFromSearch('?target=production', local), local)).toBe('?target=production');
  expect(configFromSearch('?target=production', local).pageUrl).toBe('https://example.com/login');
});

test('malformed URL values fall back to the defaults instead of breaking the page', () => {
  expect(configFromSearch('?target=staging&flow=sideways&size=huge&requestAccess=everything&shine=yes')).toEqual({ ...DEFAULT_CONFIG, requestAccess: [] });
});

test('every option changes the element attributes', () => {
  const base = elementAttributes(config());
  expect(base).toEqual([['client-id', '7700000001'], ['request-access', 'write']]);
  const changes: Array<[Partial<DemoConfig>, [string, string]]> = [
    [{ clientId: '42' }, ['client-id', '42']],
    [{ requestAccess: ['phone'] }, ['request-access', 'phone']],
    [{ lang: 'ru' }, ['lang', 'ru']],
    [{ flow: 'redirect' }, ['flow', 'redirect']],
    [{ size: 'medium' }, ['size', 'medium']],
    [{ shape: 'rounded' }, ['shape', 'rounded']],
    [{ appearance: 'outlined' }, ['appearance', 'outlined']],
    [{ theme: 'auto' }, ['theme', 'auto']],
    [{ text: 'continue' }, ['text', 'continue']],
    [{ iconOnly: true }, ['icon-only', '']],
    [{ shine: true }, ['shine', '']],
    [{ fullWidth: true }, ['full-width', '']],
  ];
  for (const [override, attribute] of changes) expect(elementAttributes(config(override)), JSON.stringify(override)).toContainEqual(attribute);
  expect(elementAttributes(config({ flow: 'popup', pageUrl: 'https://a.example/x' }))).toEqual(
    expect.arrayContaining([['redirect-uri', 'https://a.example/x'], ['exchange-url', '/auth/telegram/exchange']]),
  );
});

test('every option changes every tab it concerns', () => {
  const before = renderSnippets(config(), context);
  const clientTabs = ['html', 'npm', 'react', 'vue'] as const;
  const look: Array<Partial<DemoConfig>> = [
    { requestAccess: ['phone'] }, { lang: 'de' }, { size: 'small' }, { shape: 'square' }, { appearance: 'outlined' },
    { theme: 'dark' }, { text: 'signin' }, { iconOnly: true }, { shine: true }, { fullWidth: true }, { label: 'Go' },
  ];
  for (const override of look) {
    const after = renderSnippets(config(override), context);
    for (const tab of clientTabs) expect(after[tab], `${tab} for ${JSON.stringify(override)}`).not.toBe(before[tab]);
  }
  // The client id reaches the server and BotFather tabs; the flow the headers and BotFather, while
  // the server serves every flow as it is (a page can switch flows without a server change).
  for (const override of [{ clientId: '123' }, { flow: 'popup' as const }]) {
    const after = renderSnippets(config(override), context);
    for (const tab of SNIPPET_TABS) {
      const same = ('clientId' in override && tab.id === 'headers') || ('flow' in override && tab.id.startsWith('server-'));
      if (same) expect(after[tab.id], `${tab.id} for ${JSON.stringify(override)}`).toBe(before[tab.id]);
      else expect(after[tab.id], `${tab.id} for ${JSON.stringify(override)}`).not.toBe(before[tab.id]);
    }
  }
  // The page URL is the server's redirectUri and BotFather's origin; the code flows' redirect-uri too.
  const moved = renderSnippets(config({ pageUrl: 'https://b.example/login' }), context);
  for (const tab of ['server-node', 'server-fetch', 'headers', 'botfather'] as const) expect(moved[tab], tab).not.toBe(before[tab]);
  const popup = renderSnippets(config({ flow: 'popup' }), context);
  const popupMoved = renderSnippets(config({ flow: 'popup', pageUrl: 'https://b.example/login' }), context);
  for (const tab of SNIPPET_TABS) expect(popupMoved[tab.id], `popup ${tab.id}`).not.toBe(popup[tab.id]);
});

test('the production page self-hosts the bundle folder and names the pinned CDN line for once the version is published', () => {
  const html = htmlSnippet(config({ label: '<img src=x onerror=alert(1)>' }), context);
  expect(html).toContain('<script type="module" src="/telegram-login-kit/telegram-login-kit.js" blocking="render"></script>');
  expect(html).toMatch(/copy\s+node_modules\/telegram-login-kit\/dist\/\s+to\s+\/telegram-login-kit\/\s+on\s+your\s+site\s+\(the\s+whole\s+folder/);
  expect(html).toMatch(/once\s+telegram-login-kit@0\.1\.0 is published on npm:\n\s+<script type="module" src="https:\/\/cdn\.jsdelivr\.net\/npm\/telegram-login-kit@0\.1\.0\/dist\/telegram-login-kit\.js"><\/script>/);
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;</telegram-login-button>');
  expect(html).not.toContain('<img');
  // Production talks to Telegram: no mock URL, no mock secret anywhere.
  for (const [id, text] of Object.entries(renderSnippets(config(), context))) {
    expect(text, id).not.toContain(DEFAULT_MOCK.issuer);
    expect(text, id).not.toContain(DEFAULT_MOCK.clientSecret);
  }
});

test('invalid input is named next to the field and in every snippet', () => {
  const bad = config({ clientId: '12ab', lang: 'english!', pageUrl: 'http://example.com/login', afterLogin: '//evil.example' });
  expect(validate(bad)).toEqual({
    clientId: 'Client id must be numeric (the bot id), not "12ab".',
    lang: 'Language must be a language tag such as "en" or "pt-BR", not "english!".',
    pageUrl: 'Page URL must use https: Telegram only allows https sites (and BotFather rejects localhost; use a tunnel).',
    afterLogin: 'After login must be a path on your site that starts with one "/", such as /account.',
  });
  expect(validate(config({ clientId: '' })).clientId).toContain('Client id is missing');
  for (const [id, text] of Object.entries(renderSnippets(bad, context))) {
    expect(text, id).toContain('NOT READY');
    expect(text, id).toContain('Client id must be numeric');
  }
  for (const text of Object.values(renderSnippets(config(), context))) expect(text).not.toContain('NOT READY');
  for (const text of Object.values(renderSnippets(config({ target: 'local', pageUrl: 'http://localhost:3000/' }), context))) expect(text).not.toContain('NOT READY');
});

test('the headers follow the flow: Telegram’s script only for the library flow, COOP that keeps the popup', () => {
  expect(headersSnippet(config(), context)).toContain("script-src 'self' https://oauth.telegram.org;");
  expect(headersSnippet(config({ flow: 'popup' }), context)).toContain("script-src 'self';");
  expect(headersSnippet(config({ target: 'local' }), context)).toContain("script-src 'self' http://127.0.0.1:9400;");
  expect(headersSnippet(config(), context)).toMatch(/from the CDN instead\? Add https:\/\/cdn\.jsdelivr\.net to\s+# script-src/);
  for (const flow of ['library', 'popup', 'redirect'] as const) {
    expect(headersSnippet(config({ flow }), context)).toContain('Cross-Origin-Opener-Policy: same-origin-allow-popups');
  }
});

test('the BotFather checklist names the exact origin, and the redirect URI for the code flows', () => {
  const library = botFatherChecklist(config({ pageUrl: 'https://shop.example/account/login' }), context);
  expect(library).toContain('Allowed URLs: add https://shop.example\n');
  expect(library).not.toContain('redirect URI');
  expect(library).toContain('one-way');
  expect(botFatherChecklist(config({ flow: 'redirect', pageUrl: 'https://shop.example/account/login' }), context)).toContain(
    'the exact redirect URI: https://shop.example/account/login',
  );
  expect(botFatherChecklist(config({ target: 'local', pageUrl: 'http://localhost:3000/' }), context)).toContain(
    "Nothing to register while you develop: the mock's bot 7700000001 allows\nhttp://localhost:*/* and http://127.0.0.1:*/*",
  );
});

test('the demo uses the mock unless both Telegram credentials are set', () => {
  expect(resolveDemoMode({}, { demoPort: 5173 })).toEqual({ kind: 'mock', mockPort: 9400, redirectUri: 'http://localhost:5173/' });
  expect(resolveDemoMode({ MOCK_PORT: '9500' }, { demoPort: 6000 })).toEqual({ kind: 'mock', mockPort: 9500, redirectUri: 'http://localhost:6000/' });
  expect(
    resolveDemoMode({ TELEGRAM_CLIENT_ID: '1234567', TELEGRAM_CLIENT_SECRET: 's3cret', PUBLIC_URL: 'https://demo.trycloudflare.com' }, { demoPort: 5173 }),
  ).toEqual({
    kind: 'telegram',
    clientId: '1234567',
    clientSecret: 's3cret',
    issuer: TELEGRAM_ISSUER,
    librarySrc: TELEGRAM_LIBRARY_SRC,
    redirectUri: 'https://demo.trycloudflare.com/',
    publicHost: 'demo.trycloudflare.com',
  });
});

test('a half-configured real Telegram is refused with what is missing, never silently mocked', () => {
  expect(resolveDemoMode({ TELEGRAM_CLIENT_ID: '1234567' }, { demoPort: 5173 })).toEqual({
    kind: 'invalid',
    problems: [
      'TELEGRAM_CLIENT_SECRET is missing (the Client Secret, not the bot token)',
      "PUBLIC_URL is missing: the https URL that reaches this demo (a tunnel), listed in the bot's Allowed URLs",
    ],
  });
  expect(
    resolveDemoMode({ TELEGRAM_CLIENT_ID: 'mybot', TELEGRAM_CLIENT_SECRET: 'x', PUBLIC_URL: 'http://localhost:5173' }, { demoPort: 5173 }),
  ).toEqual({
    kind: 'invalid',
    problems: ['TELEGRAM_CLIENT_ID must be numeric, got "mybot"', 'PUBLIC_URL must be https (Telegram refuses other origins), got "http://localhost:5173/"'],
  });
});
