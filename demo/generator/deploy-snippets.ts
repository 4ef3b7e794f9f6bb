// Around the code: the headers the page needs ("CSP & COOP") and what to register with BotFather.
import { botFatherBotChecklist } from './bot-snippets.js';
import { validateConfig, type DemoConfig } from './config.js';
import { cdnUrl, hashComment, paragraph, problemLines, type SnippetContext } from './text.js';

const TELEGRAM_ORIGIN = 'https://oauth.telegram.org';

/** The Content-Security-Policy and Cross-Origin-Opener-Policy the chosen flow needs. */
export function headersSnippet(config: DemoConfig, context: SnippetContext): string {
  const library = config.flow === 'library';
  const local = config.target === 'local';
  const provider = local ? new URL(context.mock.issuer).origin : TELEGRAM_ORIGIN;
  const scriptSrc = library ? `'self' ${provider}` : `'self'`;
  const cdn = new URL(cdnUrl(context)).origin;
  const why = library
    ? `script-src: the element from your own origin, ${local ? "the mock's" : "Telegram's"} library from ${provider}.`
    : config.flow === 'bot'
      ? `script-src: the element from your own origin. The bot flow loads nothing from ${local ? 'the mock' : 'Telegram'}: no script, no frame, no image (the page draws the QR code), and it talks only to your server.`
      : 'script-src: the element from your own origin; the code flows load no third-party script.';
  const intro = [
    `Headers for ${config.pageUrl || 'the page with the button'} (${config.flow} flow${local ? ', local with the mock' : ''}).`,
    why,
    `Loading the element from the CDN instead? Add ${cdn} to script-src. The HTML page's inline script needs its own file (or its 'sha256-…' source) under this policy. The element needs no inline style and no eval.`,
  ].flatMap((text) => paragraph(text, '# ', '# '));
  const coop = {
    library: `${local ? "The mock's" : "Telegram's"} popup answers through window.opener: 'same-origin' cuts the page off from it (coop_blocked).`,
    popup: "'same-origin' cuts the page off from its popup: the code still arrives over a same-origin channel, but a closed popup goes unnoticed.",
    redirect: "The redirect flow opens no popup; this keeps a later switch to a popup working ('same-origin' would break it).",
    bot: "The bot flow opens no popup (its Telegram links open with noopener), so 'same-origin' works too; this keeps a later switch to a popup flow working.",
  }[config.flow];
  return `${problemLines(config, context, hashComment)}${intro.join('\n')}
Content-Security-Policy: default-src 'self'; script-src ${scriptSrc}; connect-src 'self'; img-src 'self' data:; style-src 'self'; base-uri 'self'; form-action 'self'

${paragraph(coop, '# ', '# ').join('\n')}
Cross-Origin-Opener-Policy: same-origin-allow-popups
`;
}

function productionChecklist(config: DemoConfig): string[] {
  let origin = '(your https origin)';
  try {
    origin = new URL(config.pageUrl).origin;
  } catch {
    // NOT READY says why; the checklist still reads.
  }
  const lines = [
    `BotFather checklist (${config.flow} flow)`,
    '',
    '1. Open @BotFather → your bot → Bot Settings → Web Login (the BotFather mini app).',
    `2. Allowed URLs: add ${origin}`,
  ];
  if (config.flow !== 'library') lines.push(`   and the exact redirect URI: ${config.pageUrl} (Telegram compares the strings)`);
  lines.push(
    `3. Copy the Client ID into client-id${config.clientId ? ` (you have ${config.clientId})` : ''} and TELEGRAM_CLIENT_ID.`,
    '4. Copy the Client Secret (NOT the bot token) into TELEGRAM_CLIENT_SECRET on your server only.',
    '5. Pick the signing algorithm; the server kit expects RS256 unless you set algorithms.',
    '',
    'Warning: switching a bot to Web Login (OIDC) is one-way. The legacy login widget then shows a',
    '"deprecated" popup and cannot be restored; use a new bot if you still need the old widget.',
    'BotFather rejects http://localhost: develop against the mock (the Local target) or a https tunnel.',
  );
  return lines;
}

function localChecklist(config: DemoConfig, context: SnippetContext): string[] {
  return [
    `BotFather checklist (${config.flow} flow, local with the mock)`,
    '',
    `Nothing to register while you develop: the mock's bot ${context.mock.clientId} allows`,
    'http://localhost:*/* and http://127.0.0.1:*/*, and its client secret is in the server snippets.',
    'For your own bot, switch the target to Production: its checklist names the exact origin',
    'and redirect URI to add in BotFather → Bot Settings → Web Login → Allowed URLs.',
  ];
}

/** What to register with BotFather, exactly (nothing, for the mock). */
export function botFatherChecklist(config: DemoConfig, context: SnippetContext): string {
  const lines = config.flow === 'bot' ? botFatherBotChecklist(config, context) : config.target === 'local' ? localChecklist(config, context) : productionChecklist(config);
  const problems = Object.values(validateConfig(config, context.mock));
  if (problems.length > 0) lines.unshift('NOT READY:', ...problems.map((problem) => `- ${problem}`), '');
  return lines.join('\n') + '\n';
}
