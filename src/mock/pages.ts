import { escapeHtml } from '../oauth/html.js';
import type { MockUser } from './id-token.js';
import { pageStrings } from './translations/index.js';

/** A language code of the mock's pages (see translations/index.ts). */
export type PageLanguage = string;

/** The page language for a `lang` parameter: a translated language, else `en`. */
export function pageLanguage(lang: string | null | undefined): PageLanguage {
  return pageStrings(lang).$code;
}

const STYLE = `
  :root { color-scheme: light dark; font: 15px/1.4 -apple-system, system-ui, Roboto, Arial, sans-serif; }
  body { margin: 0; display: grid; place-items: center; min-height: 100vh; background: Canvas; color: CanvasText; }
  main { width: min(440px, 100% - 32px); padding: 24px; }
  h1 { font-size: 20px; margin: 0 0 8px; }
  .notice { font-size: 12px; opacity: .7; margin-top: 20px; }
  fieldset { border: 1px solid #8884; border-radius: 12px; padding: 8px 12px; margin: 16px 0; }
  label.user { display: flex; gap: 10px; align-items: center; padding: 6px 0; cursor: pointer; }
  label.user img { width: 32px; height: 32px; border-radius: 50%; }
  .actions { display: flex; gap: 12px; }
  button { flex: 1; font: inherit; font-weight: 600; height: 44px; border-radius: 22px; border: 1px solid #119af5; cursor: pointer; }
  button[value=allow] { background: #119af5; color: #fff; }
  button[value=deny] { background: transparent; color: inherit; }
  .error { color: #d93025; }
`;

function layout(lang: PageLanguage, title: string, body: string, scripts = ''): string {
  const { $code, $dir } = pageStrings(lang);
  return `<!doctype html>
<html lang="${$code}"${$dir === 'rtl' ? ' dir="rtl"' : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
${scripts}
</body>
</html>`;
}

export interface ConsentPageInput {
  lang: PageLanguage;
  botName: string;
  site: string;
  scopes: readonly string[];
  users: readonly MockUser[];
  requestId: string;
  avatarUrl: (user: MockUser) => string;
}

export function renderConsentPage(input: ConsentPageInput): string {
  const t = pageStrings(input.lang);
  const requested = [escapeHtml(t.identity)];
  if (input.scopes.includes('profile')) requested.push(escapeHtml(t.profile));
  // Telegram asks the user's consent for the phone number: ticked by default. The hidden field tells an
  // unticked box (withheld) from a client that posts the form without it (shared).
  if (input.scopes.includes('phone')) {
    requested.push(`<label><input type="checkbox" name="share_phone" value="yes" checked> ${escapeHtml(t.phone)}</label><input type="hidden" name="phone_asked" value="yes">`);
  }
  if (input.scopes.includes('telegram:bot_access')) requested.push(escapeHtml(t.write));
  const users = input.users
    .map((user, index) => {
      const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
      const detail = [user.username ? `@${user.username}` : '', user.phoneNumber ? `+${user.phoneNumber}` : t.noPhone]
        .filter(Boolean)
        .join(' · ');
      return `<label class="user"><input type="radio" name="user" value="${user.id}"${index === 0 ? ' checked' : ''}>
<img src="${escapeHtml(input.avatarUrl(user))}" alt=""><span><strong>${escapeHtml(name)}</strong><br><small>${escapeHtml(detail)}</small></span></label>`;
    })
    .join('\n');
  return layout(
    input.lang,
    t.title,
    `<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.wants(input.botName, input.site))}</p>
<form method="post" action="/auth/consent">
<input type="hidden" name="request" value="${escapeHtml(input.requestId)}">
<fieldset><legend>${escapeHtml(t.chooseUser)}</legend>
${users}
</fieldset>
<p>${escapeHtml(t.willReceive)}</p>
<ul>${requested.map((item) => `<li>${item}</li>`).join('')}</ul>
<div class="actions">
<button type="submit" name="decision" value="deny">${escapeHtml(t.deny)}</button>
<button type="submit" name="decision" value="allow">${escapeHtml(t.allow)}</button>
</div>
</form>
<p class="notice">${escapeHtml(t.mockNotice)}</p>`,
  );
}

export function renderErrorPage(lang: PageLanguage, error: string, description: string): string {
  const t = pageStrings(lang);
  return layout(
    lang,
    t.errorTitle,
    `<h1>${escapeHtml(t.errorTitle)}</h1>
<p class="error"><code>${escapeHtml(error)}</code>: ${escapeHtml(description)}</p>
<p class="notice">${escapeHtml(t.mockNotice)}</p>`,
  );
}

/**
 * The post_message result: a page whose script posts `message` to the opener at `targetOrigin`, then
 * closes after `closeDelay` ms.
 */
export function renderResultPage(lang: PageLanguage, targetOrigin: string, message: Record<string, unknown>, closeDelay: number): string {
  const t = pageStrings(lang);
  // JSON inside a script element: escape `<` so a value can never close the element.
  const json = JSON.stringify({ targetOrigin, message, closeDelay, noOpener: t.noOpener }).replace(/</g, '\\u003c');
  return layout(
    lang,
    t.title,
    `<p id="status">${escapeHtml(t.resultSent)}</p>
<script type="application/json" id="auth-result">${json}</script>`,
    '<script src="/js/auth-result.js"></script>',
  );
}

/** Runs in the popup; served as a file so the mock's pages need no inline script. */
export const AUTH_RESULT_SCRIPT = `(function () {
  var data = JSON.parse(document.getElementById('auth-result').textContent);
  if (window.opener && !window.opener.closed) {
    window.opener.postMessage(data.message, data.targetOrigin);
    // Closing in the same instant races the opener's close poll (Telegram's library would report
    // popup_closed); how Telegram's own popup times this is undocumented: by default it waits a moment.
    setTimeout(function () { window.close(); }, data.closeDelay);
  } else {
    document.getElementById('status').textContent = data.noOpener;
  }
})();
`;

export function renderAvatar(user: MockUser): string {
  const initials = [user.firstName, user.lastName]
    .filter((part): part is string => Boolean(part))
    .map((part) => Array.from(part)[0] ?? '')
    .join('');
  const hue = (user.id * 47) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160">
<rect width="160" height="160" fill="hsl(${hue} 60% 50%)"/>
<text x="80" y="80" dy=".35em" text-anchor="middle" font-family="Arial, sans-serif" font-size="64" fill="#fff">${escapeHtml(initials)}</text>
</svg>`;
}

export function renderIndexPage(issuer: string, clientId: string): string {
  return layout(
    'en',
    'Mock Telegram',
    `<h1>Mock Telegram</h1>
<p>telegram-login-kit’s offline OAuth/OIDC provider.</p>
<ul>
<li><a href="/.well-known/openid-configuration">/.well-known/openid-configuration</a></li>
<li><a href="/.well-known/jwks.json">/.well-known/jwks.json</a></li>
<li><code>${escapeHtml(issuer)}/js/telegram-login.js</code></li>
<li>Default client id: <code>${escapeHtml(clientId)}</code></li>
</ul>`,
  );
}
