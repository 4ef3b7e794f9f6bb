import { createHash } from 'node:crypto';
import { escapeHtml } from '../../oauth/html.js';
import type { MockBot } from '../bot/types.js';
import type { MockUser } from '../id-token.js';
import { APP_STRINGS, type AppLanguage } from './strings.js';

export function appLanguage(query: string | null, acceptLanguage: string | undefined): AppLanguage {
  if (query === 'ru' || query === 'en') return query;
  return (acceptLanguage ?? '').trim().toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

const STYLE = `
:root { color-scheme: light dark; font: 15px/1.4 -apple-system, system-ui, Roboto, Arial, sans-serif; --accent: #0b6fc2; --bubble: #e8f1fb; --mine: #d8f5c8; --line: #8886; }
@media (prefers-color-scheme: dark) { :root { --accent: #6cb8ff; --bubble: #1f2b38; --mine: #24402a; } }
* { box-sizing: border-box; }
body { margin: 0; background: Canvas; color: CanvasText; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
header.top { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; padding: 8px 12px; border-bottom: 1px solid var(--line); }
header.top h1 { font-size: 18px; margin: 0; margin-inline-end: auto; }
form.row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
form.open { padding: 8px 12px; border-bottom: 1px solid var(--line); }
form.open input { flex: 1 1 12em; min-width: 0; }
input, select, button, a.button { font: inherit; min-height: 40px; }
input, select { padding: 6px 8px; border: 1px solid var(--line); border-radius: 8px; background: Field; color: FieldText; }
button, a.button { padding: 6px 14px; border-radius: 8px; border: 1px solid var(--accent); background: transparent; color: var(--accent); cursor: pointer; text-decoration: none; display: inline-flex; align-items: center; justify-content: center; gap: 4px; }
button.primary { background: var(--accent); color: Canvas; font-weight: 600; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
nav.lang a { color: var(--accent); margin-inline-start: 8px; }
nav.lang a[aria-current] { font-weight: 700; color: CanvasText; }
.layout { display: grid; grid-template-columns: minmax(180px, 260px) 1fr; min-height: calc(100vh - 120px); }
#chats ul { list-style: none; margin: 0; padding: 0; }
#chats button { width: 100%; border: 0; border-radius: 0; border-bottom: 1px solid var(--line); color: CanvasText; display: flex; flex-direction: column; align-items: flex-start; padding: 8px 12px; text-align: start; }
#chats button[aria-current] { background: var(--bubble); }
#chats .preview { font-size: 13px; opacity: .8; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 100%; }
#chat { display: flex; flex-direction: column; border-inline-start: 1px solid var(--line); min-width: 0; }
#chat > header { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; padding: 8px 12px; border-bottom: 1px solid var(--line); }
#chat > header h2 { font-size: 16px; margin: 0; }
#chat > header p { margin: 0; font-size: 13px; margin-inline-end: auto; }
#log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; max-height: calc(100vh - 240px); }
.msg { max-width: min(34em, 90%); padding: 8px 10px; border-radius: 12px; background: var(--bubble); overflow-wrap: anywhere; }
.msg.user { align-self: flex-end; background: var(--mine); }
.msg .text { white-space: pre-wrap; margin: 0; }
.msg .meta { font-size: 12px; opacity: .8; margin: 2px 0 0; text-align: end; }
.msg .text a { color: var(--accent); }
.msg .spoiler { background: CanvasText; color: CanvasText; border-radius: 3px; }
.msg .spoiler:hover, .msg .spoiler:focus { background: transparent; }
.msg code.pre { display: block; white-space: pre-wrap; }
.keyboard { display: flex; flex-direction: column; gap: 4px; margin-top: 6px; }
.keyboard .row { display: flex; gap: 4px; }
.keyboard .row > * { flex: 1; min-width: 0; }
#footer { padding: 8px 12px; border-top: 1px solid var(--line); display: flex; flex-direction: column; gap: 6px; }
#footer p { margin: 0; font-size: 13px; }
#composer input { flex: 1 1 10em; min-width: 0; }
#toast { position: fixed; inset-inline: 12px; bottom: 12px; margin: 0 auto; max-width: 28em; }
#toast:not(:empty) { padding: 10px 14px; border-radius: 10px; background: CanvasText; color: Canvas; }
dialog { max-width: min(28em, calc(100vw - 24px)); border: 1px solid var(--line); border-radius: 12px; padding: 16px; }
dialog h2 { font-size: 18px; margin: 0 0 8px; }
dialog .actions { display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; margin-top: 12px; }
.notice { font-size: 12px; opacity: .8; padding: 8px 12px; margin: 0; }
@media (max-width: 640px) {
  .layout { grid-template-columns: 1fr; min-height: 0; }
  #chats ul { display: flex; overflow-x: auto; gap: 6px; padding: 8px 12px; }
  #chats li { flex: 0 0 auto; }
  #chats button { border: 1px solid var(--line); border-radius: 16px; padding: 4px 12px; }
  #chats .preview { display: none; }
  #chat { border-inline-start: 0; }
  #log { max-height: none; }
}
`;

/** The mock's pages run under a strict CSP: no inline script, and only this exact stylesheet. */
export const APP_PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': `default-src 'none'; script-src 'self'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  'Referrer-Policy': 'no-referrer',
};

export interface AppPageInput {
  lang: AppLanguage;
  url: URL;
  users: readonly MockUser[];
  bots: readonly MockBot[];
}

function fullName(user: MockUser): string {
  return [user.firstName, user.lastName].filter(Boolean).join(' ');
}

/** The page's frame; app-client.js fills in the chats from the live state stream. */
export function renderAppPage({ lang, url, users, bots }: AppPageInput): string {
  const t = APP_STRINGS[lang];
  const requested = Number(url.searchParams.get('user'));
  const user = users.find((candidate) => candidate.id === requested) ?? users[0]!;
  const chat = url.searchParams.get('chat');
  const data = { lang, user: user.id, chat, strings: t, users: users.map((each) => ({ id: each.id, name: fullName(each) })), bots: bots.map(({ username, name }) => ({ username, name })) };
  // JSON inside a script element: escape `<` so a value can never close the element.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const langLink = (code: string, label: string) => {
    const target = new URLSearchParams(url.searchParams);
    target.set('lang', code);
    target.set('user', String(user.id));
    return `<a href="/app?${escapeHtml(target.toString())}" lang="${code}"${code === lang ? ' aria-current="true"' : ''}>${label}</a>`;
  };
  const options = users
    .map((each) => `<option value="${each.id}"${each.id === user.id ? ' selected' : ''}>${escapeHtml(fullName(each))}${each.username ? ` (@${escapeHtml(each.username)})` : ''}</option>`)
    .join('');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}</title>
<style>${STYLE}</style>
<script src="/app/app-client.js" defer></script>
</head>
<body>
<header class="top">
<h1>${escapeHtml(t.title)}</h1>
<form class="row" method="get" action="/app">
<label for="user">${escapeHtml(t.user)}</label>
<select id="user" name="user">${options}</select>
<input type="hidden" name="lang" value="${lang}">
<button type="submit">${escapeHtml(t.switchUser)}</button>
</form>
<nav class="lang" aria-label="${escapeHtml(t.language)}">${langLink('en', 'English')}${langLink('ru', 'Русский')}</nav>
</header>
<main>
<form class="row open" id="open-link">
<label for="link">${escapeHtml(t.openLink)}</label>
<input id="link" name="link" type="text" inputmode="url" autocomplete="off" spellcheck="false" placeholder="https://t.me/${escapeHtml(bots[0]!.username)}?start=…" aria-describedby="link-hint" required>
<button type="submit">${escapeHtml(t.open)}</button>
<span id="link-hint" class="sr-only">${escapeHtml(t.linkHint)}</span>
</form>
<div class="layout">
<nav id="chats" aria-label="${escapeHtml(t.chats)}"><ul></ul></nav>
<section id="chat" aria-labelledby="chat-title">
<header><h2 id="chat-title">${escapeHtml(t.noChat)}</h2><p id="chat-username"></p><button type="button" id="block" hidden></button></header>
<div id="log" role="log" aria-labelledby="chat-title" tabindex="0"></div>
<div id="footer"></div>
</section>
</div>
</main>
<div id="toast" role="status" aria-live="polite"></div>
<dialog id="login-dialog" aria-labelledby="login-title" aria-describedby="login-text">
<h2 id="login-title"></h2>
<p id="login-text"></p>
<p id="login-write-row"><label><input type="checkbox" id="login-write" checked> <span id="login-write-label"></span></label></p>
<div class="actions">
<button type="button" id="login-cancel">${escapeHtml(t.cancel)}</button>
<button type="button" id="login-plain">${escapeHtml(t.openWithout)}</button>
<button type="button" id="login-confirm" class="primary">${escapeHtml(t.logIn)}</button>
</div>
</dialog>
<dialog id="alert-dialog" role="alertdialog" aria-labelledby="alert-title" aria-describedby="alert-text">
<h2 id="alert-title"></h2>
<p id="alert-text"></p>
<div class="actions"><button type="button" id="alert-ok" class="primary">${escapeHtml(t.ok)}</button></div>
</dialog>
<footer><p class="notice">${escapeHtml(t.notice)}</p>
<noscript><p class="notice">${escapeHtml(t.noScript)}</p></noscript></footer>
<script type="application/json" id="app-data">${json}</script>
</body>
</html>`;
}
