// The demo: <telegram-login-button> in its three flows, against the mock Telegram that `npm start`
// runs beside it, with the server kit mounted at /auth/telegram.
import '../src/index.js';
import type { TelegramLoginResult } from '../src/index.js';

function meta(name: string): string {
  return document.querySelector<HTMLMetaElement>(`meta[name="telegram-login-kit:${name}"]`)?.content ?? '';
}

const section = document.querySelector<HTMLElement>('#result')!;
const title = document.querySelector<HTMLElement>('#result-title')!;
const note = document.querySelector<HTMLElement>('#result-note')!;
const claims = document.querySelector<HTMLElement>('#claims')!;

function show(heading: string, text: string, body = '') {
  section.hidden = false;
  title.textContent = heading;
  note.textContent = text;
  claims.textContent = body;
}

/** The library flow hands the id_token to the page: the server verifies it (and the nonce). */
async function verifyOnServer(result: TelegramLoginResult): Promise<Record<string, unknown>> {
  if (result.flow !== 'library') return result.user;
  const response = await fetch('/auth/telegram/verify', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ idToken: result.idToken }),
  });
  const body = (await response.json()) as { user?: Record<string, unknown>; error?: string; message?: string };
  if (!response.ok || !body.user) throw new Error(`${body.error}: ${body.message}`);
  return body.user;
}

/** A fresh server-issued nonce for the next library login (single use). */
async function refreshNonce(button: HTMLElement) {
  const response = await fetch('/auth/telegram/nonce');
  button.setAttribute('nonce', ((await response.json()) as { nonce: string }).nonce);
}

for (const button of document.querySelectorAll('telegram-login-button')) {
  button.clientId = meta('client-id');
  button.librarySrc = meta('library-src');
  button.issuer = meta('issuer');
  if (button.flow === 'library') void refreshNonce(button);

  button.addEventListener('telegram-login-success', (event) => {
    const result = event.detail;
    verifyOnServer(result).then(
      (user) => show('Logged in', `Verified by the demo's server (${result.flow} flow).`, JSON.stringify(user, null, 2)),
      (error: Error) => show('Verification failed', error.message),
    );
    if (button.flow === 'library') void refreshNonce(button);
  });
  button.addEventListener('telegram-login-error', (event) => {
    show(`Login failed: ${event.detail.error.code}`, event.detail.error.message);
  });
  button.addEventListener('telegram-login-cancel', (event) => {
    show('Login cancelled', event.detail.error.message);
  });
}
