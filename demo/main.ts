// The demo: <telegram-login-button> against the mock Telegram that `npm start` runs beside it.
import '../src/index.js';

function meta(name: string): string {
  return document.querySelector<HTMLMetaElement>(`meta[name="telegram-login-kit:${name}"]`)?.content ?? '';
}

const button = document.querySelector('telegram-login-button')!;
const section = document.querySelector<HTMLElement>('#result')!;
const title = document.querySelector<HTMLElement>('#result-title')!;
const note = document.querySelector<HTMLElement>('#result-note')!;
const claims = document.querySelector<HTMLElement>('#claims')!;

button.clientId = meta('client-id');
button.librarySrc = meta('library-src');

function show(heading: string, text: string, body = '') {
  section.hidden = false;
  title.textContent = heading;
  note.textContent = text;
  claims.textContent = body;
}

button.addEventListener('telegram-login-success', (event) => {
  show(
    'Logged in',
    'Decoded in the browser and not verified: a site must verify the id_token on its server.',
    JSON.stringify(event.detail.user, null, 2),
  );
});
button.addEventListener('telegram-login-error', (event) => {
  show(`Login failed: ${event.detail.error.code}`, event.detail.error.message);
});
button.addEventListener('telegram-login-cancel', (event) => {
  show('Login cancelled', event.detail.error.message);
});
