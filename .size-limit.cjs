// Size budgets of the drop-in, enforced by `npm test` (sizes are deterministic; timings live in
// `npm run bench`). What a page loads: the entry first; a library-flow login in Russian adds the
// Russian messages; a popup code-flow login adds the code flows (an English page needs no messages
// chunk); a bot-flow login adds the bot flow with its dialog (and, in another language than English,
// that language's messages and dialog strings). e2e/drop-in-chunks.spec.ts and
// e2e/bot-login-dialog.spec.ts check that these are exactly the files such logins fetch.
// The budgets the size issue asked for (11.0 / 12.5 / 15 KB gzip) are not reached: docs/performance.md
// says by how much, and what would have to go. The bot flow review's fixes (login()'s option types,
// the moved dialog; one bot's links, no redirects, the cancel before a new start) added ~0.3 KB to the
// entry and ~0.9 KB (gzip) to a bot-flow login.
const entry = 'dist/telegram-login-kit.js';
const checks = [
  { name: 'Drop-in entry', path: [entry], limit: '18.4 KB' },
  { name: 'Library-flow login in ru (entry + ru messages)', path: [entry, 'dist/chunks/ru-*.js'], limit: '18.7 KB' },
  { name: 'Popup code-flow login (entry + code flows)', path: [entry, 'dist/chunks/code-flows-*.js'], limit: '21.1 KB' },
  { name: 'Bot-flow login (entry + bot flow and dialog)', path: [entry, 'dist/chunks/bot-dialog-*.js'], limit: '24.8 KB' },
];
module.exports = [
  ...checks.map((check) => ({ ...check, gzip: true })),
  // Brotli, as CDNs serve it: reported with its own ceiling.
  ...checks.map((check) => ({ ...check, name: `${check.name}, brotli`, brotli: true, gzip: false, limit: `${(parseFloat(check.limit) * 0.9).toFixed(1)} KB` })),
];
