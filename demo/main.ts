// The demo page: a live <telegram-login-button> on light and dark, the snippet generator, and what
// a login produced (the server's verified claims, the raw token, the events with timings). It runs
// against the mock Telegram that `npm start` embeds, with the server kit mounted at /auth/telegram.
import { decodeProtectedHeader } from 'jose';
import '../src/index.js';
import { decodeIdTokenClaims, type TelegramLoginButtonElement } from '../src/index.js';
import {
  AUTH_BASE,
  SNIPPET_TABS,
  configFromSearch,
  configToSearch,
  elementAttributes,
  renderSnippets,
  validateConfig,
  type ConfigField,
  type DemoConfig,
  type SnippetContext,
} from './snippets.js';

function meta(name: string): string {
  return document.querySelector<HTMLMetaElement>(`meta[name="telegram-login-kit:${name}"]`)?.content ?? '';
}

const $ = <T extends Element = HTMLElement>(selector: string): T => document.querySelector<T>(selector)!;

const settings = { mode: meta('mode') || 'mock', issuer: meta('issuer'), clientId: meta('client-id'), librarySrc: meta('library-src'), botUsername: meta('bot-username') };
const context: SnippetContext = { version: meta('version') || '0.1.0' };
const defaults: Partial<DemoConfig> = { clientId: settings.clientId, botUsername: settings.botUsername };
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

function showProblems(config: DemoConfig) {
  const problems = validateConfig(config);
  for (const field of ['clientId', 'botUsername', 'lang', 'pageUrl', 'afterLogin'] as const) {
    const input = form.elements.namedItem(field) as HTMLInputElement;
    const message = problems[field] ?? '';
    input.setAttribute('aria-invalid', String(Boolean(message)));
    $(`#${field}-error`).textContent = message;
  }
  const count = Object.keys(problems).length;
  const readiness = $('#readiness');
  readiness.textContent = count === 0 ? 'Ready: every snippet below works as printed.' : `Not ready: ${count} field${count > 1 ? 's need' : ' needs'} fixing; the snippets say what is missing.`;
  readiness.classList.toggle('bad', count > 0);
}

/** The preview runs the user's configuration against this demo's Telegram and server. */
function applyToButton(button: TelegramLoginButtonElement, config: DemoConfig) {
  const wanted = new Map(elementAttributes(config));
  if (config.flow === 'popup' || config.flow === 'redirect') {
    wanted.set('redirect-uri', location.origin + location.pathname);
    wanted.set('exchange-url', `${AUTH_BASE}/exchange`);
  }
  wanted.set('issuer', settings.issuer);
  wanted.set('library-src', settings.librarySrc);
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

/** Under the preview: how to log in with the chosen flow here. */
function showModeHint(config: DemoConfig) {
  const hint = $('#mode-hint');
  if (settings.mode === 'telegram') {
    hint.textContent = config.flow === 'bot'
      ? 'The demo runs the bot flow against the mock only (start it without TELEGRAM_CLIENT_ID); the snippets below work with your bot.'
      : 'Both buttons are live against the real Telegram with your bot.';
  } else if (config.flow === 'bot') {
    hint.textContent = 'Bot flow: the dialog’s t.me link opens the mock’s simulated Telegram app in a new tab; press Start there, then the code the dialog shows.';
  } else hint.textContent = 'Both buttons are live: click one and log in as one of the mock\'s test users.';
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
  showProblems(config);
  showModeHint(config);
  const snippets = renderSnippets(config, context);
  for (const tab of SNIPPET_TABS) $(`#snippet-${tab.id}`).textContent = snippets[tab.id];
  const search = configToSearch(config, defaults);
  $<HTMLAnchorElement>('#share').href = location.pathname + search;
  if (location.search !== search && !new URLSearchParams(location.search).has('state')) {
    history.replaceState(history.state, '', location.pathname + search + location.hash);
  }
}

form.addEventListener('input', () => render(readForm()));
form.addEventListener('change', () => render(readForm()));
form.addEventListener('submit', (event) => event.preventDefault());

// --- Snippet tabs (the ARIA tabs pattern) and copy buttons ---------------------------------------

function buildTabs() {
  const tablist = $('#tabs');
  const panels = $('#panels');
  for (const [index, tab] of SNIPPET_TABS.entries()) {
    const button = document.createElement('button');
    button.type = 'button';
    button.role = 'tab';
    button.id = `tab-${tab.id}`;
    button.textContent = tab.label;
    button.setAttribute('aria-controls', `panel-${tab.id}`);
    button.setAttribute('aria-selected', String(index === 0));
    button.tabIndex = index === 0 ? 0 : -1;
    tablist.append(button);

    const panel = document.createElement('div');
    panel.role = 'tabpanel';
    panel.id = `panel-${tab.id}`;
    panel.className = 'tabpanel';
    panel.setAttribute('aria-labelledby', button.id);
    panel.hidden = index !== 0;
    const copy = document.createElement('button');
    copy.type = 'button';
    copy.className = 'copy';
    copy.textContent = 'Copy';
    copy.setAttribute('aria-label', `Copy ${tab.label}`);
    copy.addEventListener('click', () => void copySnippet(copy, tab.id, tab.label));
    const pre = document.createElement('pre');
    pre.className = 'code';
    pre.tabIndex = 0;
    pre.setAttribute('aria-label', `${tab.label} snippet`);
    const code = document.createElement('code');
    code.id = `snippet-${tab.id}`;
    pre.append(code);
    panel.append(copy, pre);
    panels.append(panel);
  }
  const tabs = [...tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const select = (tab: HTMLButtonElement, focus: boolean) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      $(`#${other.getAttribute('aria-controls')}`).hidden = !selected;
    }
    if (focus) tab.focus();
  };
  tablist.addEventListener('click', (event) => {
    const tab = (event.target as Element).closest<HTMLButtonElement>('[role="tab"]');
    if (tab) select(tab, false);
  });
  tablist.addEventListener('keydown', (event) => {
    const index = tabs.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select(tabs[(next + tabs.length) % tabs.length]!, true);
  });
}

const copyTimers = new WeakMap<HTMLButtonElement, number>();

async function copySnippet(button: HTMLButtonElement, id: string, label: string) {
  const text = $(`#snippet-${id}`).textContent ?? '';
  let message: string;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied ✓';
    button.classList.add('done');
    message = `${label} copied to the clipboard.`;
  } catch {
    // No clipboard permission: select the text so Ctrl+C / ⌘C does it.
    const range = document.createRange();
    range.selectNodeContents($(`#snippet-${id}`));
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
    button.textContent = 'Press Ctrl+C';
    message = 'Could not reach the clipboard; the snippet is selected, press Ctrl+C or ⌘C.';
  }
  $('#copy-status').textContent = message;
  clearTimeout(copyTimers.get(button));
  copyTimers.set(
    button,
    window.setTimeout(() => {
      button.textContent = 'Copy';
      button.classList.remove('done');
    }, 2500),
  );
}

// --- After a login: claims, raw token, events ----------------------------------------------------

/** Decoded for display only: the claims shown above them are the ones the server verified. */
function showToken(idToken: string | undefined) {
  try {
    $('#token-header').textContent = idToken ? JSON.stringify(decodeProtectedHeader(idToken), null, 2) : '—';
    $('#token-payload').textContent = idToken ? JSON.stringify(decodeIdTokenClaims(idToken), null, 2) : '—';
  } catch {
    $('#token-header').textContent = 'not a JWT';
    $('#token-payload').textContent = '';
  }
}

function showResult(heading: string, note: string, claims?: Record<string, unknown>) {
  $('#result-title').textContent = heading;
  $('#result-note').textContent = note;
  if (claims !== undefined) $('#claims').textContent = JSON.stringify(claims, null, 2);
  const status = $('#login-status');
  const name = claims?.name ?? claims?.preferred_username ?? claims?.sub;
  status.textContent = heading === 'Logged in' && name !== undefined ? `Logged in as ${String(name)} (verified by the server).` : `${heading}.`;
  status.append(' ');
  const link = document.createElement('a');
  link.href = '#result';
  link.textContent = 'Details below';
  status.append(link);
}

let loginStartedAt: number | undefined;

function logEvent(type: string, detail: string) {
  const now = performance.now();
  if (type === 'start') loginStartedAt = now;
  const body = $('#events');
  body.querySelector('.empty')?.remove();
  const row = document.createElement('tr');
  row.className = `event-${type}`;
  const cells = [
    new Date().toLocaleTimeString([], { hour12: false }),
    loginStartedAt === undefined ? '—' : `+${Math.round(now - loginStartedAt)} ms`,
    type,
    detail,
  ];
  for (const text of cells) {
    const cell = document.createElement('td');
    cell.textContent = text;
    row.append(cell);
  }
  body.append(row);
}

/** The library flow hands the id_token to the page: the demo's server verifies it and its nonce. */
async function verifyOnServer(idToken: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${AUTH_BASE}/verify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ idToken }),
  });
  const body = (await response.json()) as { user?: Record<string, unknown>; error?: string; message?: string };
  if (!response.ok || !body.user) throw new Error(`${body.error}: ${body.message}`);
  return body.user;
}

const preview = $('#preview');
preview.addEventListener('telegram-login-start', (event) => {
  logEvent('start', `flow ${event.detail.flow}, client ${event.detail.clientId}`);
  if (event.detail.flow === 'redirect') sessionStorage.setItem(RETURN_KEY, location.pathname + location.search);
});
preview.addEventListener('telegram-login-success', (event) => {
  const result = event.detail;
  const button = event.target as TelegramLoginButtonElement;
  logEvent('success', `flow ${result.flow}, sub ${String(result.user.sub ?? '?')}`);
  if (result.flow === 'bot') {
    // No token in the browser: the demo's server set the session from the bot's confirmed user.
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
buildTabs();
const returning = new URLSearchParams(location.search).has('state');
const initial = initialConfig();
writeForm(initial);
render(initial, { deferDark: returning });
