// The demo page: a live <telegram-login-button> on light and dark, the snippet generator, and what
// a login produced (the server's verified claims, the raw token, the events with timings). It runs
// against the mock Telegram that `npm start` embeds, with the server kit mounted at /auth/telegram.
import '../src/index.js';
import type { TelegramLoginButtonElement } from '../src/index.js';
import { logEvent, showResult, showToken, verifyOnServer } from './login-report.js';
import { buildTabs, showSnippets } from './snippet-tabs.js';
import {
  AUTH_BASE,
  DEFAULT_MOCK,
  configFromSearch,
  configToSearch,
  elementAttributes,
  renderSnippets,
  validateConfig,
  withTarget,
  type ConfigDefaults,
  type ConfigField,
  type DemoConfig,
  type SnippetContext,
  type Target,
} from './snippets.js';

function meta(name: string): string {
  return document.querySelector<HTMLMetaElement>(`meta[name="telegram-login-kit:${name}"]`)?.content ?? '';
}

const $ = <T extends Element = HTMLElement>(selector: string): T => document.querySelector<T>(selector)!;

const settings = { mode: meta('mode') || 'mock', issuer: meta('issuer'), clientId: meta('client-id'), librarySrc: meta('library-src') };
// The local target's snippets point at this demo's own mock, or at the mock's defaults when the demo talks to Telegram.
const context: SnippetContext = {
  version: meta('version') || '0.1.0',
  mock:
    settings.mode === 'mock'
      ? {
          issuer: settings.issuer,
          librarySrc: settings.librarySrc,
          clientId: settings.clientId,
          clientSecret: meta('mock-client-secret') || DEFAULT_MOCK.clientSecret,
          botUsername: meta('mock-bot-username') || DEFAULT_MOCK.botUsername,
          botToken: meta('mock-bot-token') || DEFAULT_MOCK.botToken,
          appUrl: meta('mock-app-url') || DEFAULT_MOCK.appUrl,
        }
      : DEFAULT_MOCK,
};
const defaults: ConfigDefaults = { clientId: settings.clientId, target: settings.mode === 'mock' ? 'local' : 'production', botUsername: context.mock.botUsername };
/** The redirect flow leaves the page; its configuration waits here for the way back. */
const RETURN_KEY = 'telegram-login-kit-demo:return';

const form = $<HTMLFormElement>('#config');
const buttons = [...document.querySelectorAll<TelegramLoginButtonElement>('#preview telegram-login-button')];

// --- Configuration: URL ⇄ form ⇄ preview and snippets ------------------------------------------

/** Back from a redirect login: the address the login started from (it holds the configuration). */
let returnTo: string | undefined;

function initialConfig(): DemoConfig {
  const params = new URLSearchParams(location.search);
  const saved = sessionStorage.getItem(RETURN_KEY);
  if (params.has('state') && saved !== null) {
    sessionStorage.removeItem(RETURN_KEY);
    returnTo = saved;
    return configFromSearch(new URL(saved, location.href).search, defaults);
  }
  return configFromSearch(location.search, defaults);
}

/** Once a redirect login has ended (the element has cleaned code and state away), show its address again. */
function restoreReturnAddress(address = returnTo) {
  if (!address) return;
  returnTo = undefined;
  const back = new URL(address, location.href);
  if (back.origin === location.origin) history.replaceState(history.state, '', back.pathname + back.search);
  render(current);
}

function readForm(): DemoConfig {
  const data = new FormData(form);
  const value = (name: ConfigField) => String(data.get(name) ?? '');
  return configFromSearch(
    new URLSearchParams({
      target: value('target'),
      clientId: value('clientId').trim(),
      flow: value('flow'),
      botUsername: value('botUsername').trim(),
      requestAccess: data.getAll('requestAccess').join(' '),
      lang: value('lang').trim(),
      size: value('size'),
      shape: value('shape'),
      appearance: value('appearance'),
      theme: value('theme'),
      text: value('text'),
      iconOnly: data.has('iconOnly') ? '1' : '0',
      shine: data.has('shine') ? '1' : '0',
      fullWidth: data.has('fullWidth') ? '1' : '0',
      label: value('label'),
      pageUrl: value('pageUrl').trim(),
      afterLogin: value('afterLogin').trim(),
    }).toString(),
    defaults,
  );
}

function writeForm(config: DemoConfig) {
  for (const element of form.elements) {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLSelectElement)) continue;
    const key = element.name as ConfigField;
    const value = config[key];
    if (element instanceof HTMLInputElement && element.type === 'radio') element.checked = element.value === value;
    else if (element instanceof HTMLInputElement && element.type === 'checkbox') {
      element.checked = Array.isArray(value) ? (value as string[]).includes(element.value) : value === true;
    } else element.value = String(value);
  }
}

/** Another target: the page URL, the bot username and a client id still at their defaults follow it. */
function switchTarget(config: DemoConfig, target: Target): DemoConfig {
  const moved = withTarget(config, target, defaults);
  if (target === 'local' && (!config.clientId || config.clientId === defaults.clientId)) moved.clientId = context.mock.clientId;
  return moved;
}

function readyText(config: DemoConfig): string {
  if (config.target === 'local') return 'Ready: every snippet below works as printed on your machine, with the mock Telegram.';
  return config.flow === 'bot'
    ? 'Ready: every snippet below works as printed on your site, once your bot’s webhook points at it (the BotFather tab).'
    : 'Ready: every snippet below works as printed on your site, once BotFather lists it (the BotFather tab).';
}

function pageHelp(config: DemoConfig): string {
  if (config.target === 'local') return 'Where server.mjs (Server: Node) serves the page with the button: localhost or 127.0.0.1, any port.';
  return config.flow === 'bot'
    ? 'Its origin is the server’s allowedOrigins and the host of the bot’s webhook.'
    : 'Its origin goes into BotFather’s Allowed URLs; the code flows come back to it.';
}

/** The bot flow has a bot username instead of a client id, and asks for no access. */
function showFlowFields(config: DemoConfig) {
  const bot = config.flow === 'bot';
  $('#clientId-field').hidden = bot;
  $('#access-field').hidden = bot;
  $('#botUsername-field').hidden = !bot;
}

function showProblems(config: DemoConfig) {
  const problems = validateConfig(config, context.mock);
  for (const field of ['clientId', 'botUsername', 'lang', 'pageUrl', 'afterLogin'] as const) {
    const input = form.elements.namedItem(field) as HTMLInputElement;
    const message = problems[field] ?? '';
    input.setAttribute('aria-invalid', String(Boolean(message)));
    $(`#${field}-error`).textContent = message;
  }
  const count = Object.keys(problems).length;
  const readiness = $('#readiness');
  readiness.textContent = count === 0 ? readyText(config) : `Not ready: ${count} field${count > 1 ? 's need' : ' needs'} fixing; the snippets say what is missing.`;
  readiness.classList.toggle('bad', count > 0);
  $('#pageUrl-help').textContent = pageHelp(config);
}

/**
 * An outlined button takes its colors from its theme, not from what is behind it: on the stage of
 * the other color it is hard to see, and the stage says so.
 */
function showStageHints(config: DemoConfig) {
  const systemDark = matchMedia('(prefers-color-scheme: dark)').matches;
  const scheme = config.theme === 'auto' ? (systemDark ? 'dark' : 'light') : config.theme;
  for (const stage of ['light', 'dark'] as const) {
    const mismatch = config.appearance === 'outlined' && scheme !== stage;
    const hint = $(`#preview-${stage} .stage-hint`);
    hint.hidden = !mismatch;
    hint.textContent = mismatch
      ? `Outlined with theme ${config.theme === 'auto' ? `auto (${scheme} here)` : `"${scheme}"`} is made for ${scheme} backgrounds: hard to see on this one.`
      : '';
  }
}

/** The preview runs the user's configuration against this demo's Telegram and server. */
function applyToButton(button: TelegramLoginButtonElement, config: DemoConfig) {
  const wanted = new Map(elementAttributes(config));
  if (config.flow === 'popup' || config.flow === 'redirect') {
    wanted.set('redirect-uri', location.origin + location.pathname);
    wanted.set('exchange-url', `${AUTH_BASE}/exchange`);
  }
  // The bot flow talks only to this demo's server (its bot is the mock's, or none with the real Telegram).
  if (config.flow !== 'bot') {
    wanted.set('issuer', settings.issuer);
    wanted.set('library-src', settings.librarySrc);
  }
  const managed = ['client-id', 'request-access', 'lang', 'flow', 'redirect-uri', 'exchange-url', 'size', 'shape', 'appearance', 'theme', 'text', 'icon-only', 'shine', 'full-width', 'issuer', 'library-src'];
  for (const name of managed) {
    const value = wanted.get(name);
    if (value === undefined) button.removeAttribute(name);
    else if (button.getAttribute(name) !== value) button.setAttribute(name, value);
  }
  if (button.textContent !== config.label) button.textContent = config.label;
  if (config.flow === 'library' && !button.nonce) void refreshNonce(button);
}

/** A fresh server-issued nonce for the next library login (single use). */
async function refreshNonce(button: TelegramLoginButtonElement) {
  const response = await fetch(`${AUTH_BASE}/nonce`);
  if (response.ok) button.nonce = ((await response.json()) as { nonce: string }).nonce;
}

let current: DemoConfig;

/** Under the preview: how to log in here with the chosen flow. */
function showModeHint(config: DemoConfig) {
  const bot = config.flow === 'bot';
  $('#mode-hint').textContent =
    settings.mode === 'telegram'
      ? bot
        ? 'The demo runs the bot flow against the mock only (start it without TELEGRAM_CLIENT_ID); the snippets below set it up for your bot.'
        : 'Both buttons are live against the real Telegram with your bot.'
      : bot
        ? 'Bot flow: in the dialog, “Use t.me in a new tab” opens the mock’s simulated Telegram app as Alice; press Start there, then the code the dialog shows.'
        : 'Both buttons are live: click one and log in as one of the mock\'s test users.';
}

function render(config: DemoConfig, { deferDark = false } = {}) {
  current = config;
  const [light, dark] = buttons;
  applyToButton(light!, config);
  // Coming back from a redirect login, only one button may finish it (both would report it).
  if (deferDark) {
    applyToButton(dark!, { ...config, flow: 'popup' });
    void light!.updateComplete.then(() => applyToButton(dark!, config));
  }
  else applyToButton(dark!, config);
  showFlowFields(config);
  showProblems(config);
  showStageHints(config);
  showModeHint(config);
  showSnippets(renderSnippets(config, context));
  const search = configToSearch(config, defaults);
  $<HTMLAnchorElement>('#share').href = location.pathname + search;
  if (location.search !== search && !new URLSearchParams(location.search).has('state')) {
    history.replaceState(history.state, '', location.pathname + search + location.hash);
  }
}

function onFormChange(event: Event) {
  const config = readForm();
  if ((event.target as HTMLInputElement).name === 'target' && config.target !== current.target) {
    const moved = switchTarget({ ...config, target: current.target }, config.target);
    writeForm(moved);
    render(moved);
  } else render(config);
}

form.addEventListener('input', onFormChange);
form.addEventListener('change', onFormChange);
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => showStageHints(current));
form.addEventListener('submit', (event) => event.preventDefault());

// --- After a login: claims, raw token, events ----------------------------------------------------

const preview = $('#preview');
preview.addEventListener('telegram-login-start', (event) => {
  // The bot flow has no client id.
  logEvent('start', event.detail.clientId ? `flow ${event.detail.flow}, client ${event.detail.clientId}` : `flow ${event.detail.flow}`);
  if (event.detail.flow === 'redirect') sessionStorage.setItem(RETURN_KEY, location.pathname + location.search);
});
preview.addEventListener('telegram-login-success', (event) => {
  const result = event.detail;
  const button = event.target as TelegramLoginButtonElement;
  logEvent('success', `flow ${result.flow}, sub ${String(result.user.sub ?? '?')}`);
  if (result.flow === 'bot') {
    // No token reaches the page: the demo's server made the session from the user who confirmed in the bot.
    showToken(undefined);
    showResult('Logged in', 'Verified by the demo\'s server (bot flow): confirmed in the bot.', result.user);
    return;
  }
  showToken(result.idToken);
  if (result.flow === 'library') {
    showResult('Verifying…', 'The demo’s server is checking the id_token and its nonce.');
    verifyOnServer(result.idToken).then(
      (user) => showResult('Logged in', 'Verified by the demo\'s server (library flow).', user),
      (error: Error) => showResult('Verification failed', error.message, {}),
    );
    void refreshNonce(button);
  } else {
    showResult('Logged in', `Verified by the demo's server (${result.flow} flow).`, result.user);
    if (result.flow === 'redirect') restoreReturnAddress(result.returnTo ?? returnTo);
  }
});
preview.addEventListener('telegram-login-error', (event) => {
  const { error } = event.detail;
  logEvent('error', `${error.code}: ${error.message}`);
  showResult(`Login failed: ${error.code}`, error.message);
  restoreReturnAddress();
});
preview.addEventListener('telegram-login-cancel', (event) => {
  const { error } = event.detail;
  logEvent('cancel', `${error.code}: ${error.message}`);
  showResult('Login cancelled', error.message);
  restoreReturnAddress();
});

// --- Start -------------------------------------------------------------------------------------

if (settings.mode === 'telegram') {
  $('#mode').textContent = 'Real Telegram';
  $('#mode').classList.add('live');
}
buildTabs($('#tabs'), $('#panels'));
const returning = new URLSearchParams(location.search).has('state');
const initial = initialConfig();
writeForm(initial);
render(initial, { deferDark: returning });
