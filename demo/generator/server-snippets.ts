// The server half: a complete small Node site ("Server: Node") and the handler as a Fetch function
// for Deno, Bun and Workers ("Server: Fetch").
import type { DemoConfig } from './config.js';
import { POLL_BOT_UPDATES, botHandlerOptions, botRunLines, fetchWebhookLines, setWebhookCommand } from './bot-snippets.js';
import { AUTH_BASE, BUNDLE_DIR, COPY_BUNDLE, MOCK_COMMAND, indented, js, lineComment, paragraph, problemLines, type SnippetContext } from './text.js';

/**
 * The handler's options: the mock's bot and issuer for the local target, environment variables for
 * production. `webhook`: the bot flow's updates come by webhook (else the Node server polls the mock).
 */
function handlerOptions(config: DemoConfig, context: SnippetContext, env: (name: string) => string, randomSecret: string, webhook: boolean): string[] {
  if (config.flow === 'bot') return botHandlerOptions(config, context, env, randomSecret, webhook);
  // The same server for every OAuth flow: a page can switch among them without a server change.
  const lines = [`// ${AUTH_BASE}/nonce and /verify: library flow; /exchange: popup and redirect.`];
  if (config.target === 'local') {
    lines.push(
      `// The mock's bot and Client Secret (the mock prints both), the mock as issuer.`,
      `clientId: ${js(config.clientId)},`,
      `clientSecret: ${js(context.mock.clientSecret)},`,
      `issuer: ${js(context.mock.issuer)}, // without issuer: the real Telegram`,
      `redirectUri: ${js(config.pageUrl)}, // the page with the button`,
      `// Sessions end when the server restarts, unless SESSION_SECRET is set.`,
      `session: { secret: ${env('SESSION_SECRET')} ?? ${randomSecret} },`,
    );
  } else {
    lines.push(
      `clientId: ${env('TELEGRAM_CLIENT_ID')}, // ${config.clientId || 'your client id'}`,
      `clientSecret: ${env('TELEGRAM_CLIENT_SECRET')}, // not the bot token`,
      `redirectUri: ${js(config.pageUrl)}, // in the bot's Allowed URLs`,
      `session: { secret: ${env('SESSION_SECRET')} }, // 32+ random characters`,
    );
  }
  lines.push(`log: console.log, // a line per request: method, path, status, outcome`);
  return lines;
}

function parsedPage(config: DemoConfig): URL {
  try {
    return new URL(config.pageUrl);
  } catch {
    return new URL('http://localhost:3000/'); // the snippet says NOT READY already
  }
}

/** How the server starts listening, and the line that says where. */
function listenLines(config: DemoConfig): string[] {
  if (config.target === 'local') {
    const page = parsedPage(config);
    return [`server.listen(${page.port || '80'}, ${js(page.hostname)}, () => {`, `  console.log(${js(`Your site is on ${config.pageUrl}`)});`, `});`];
  }
  return [`server.listen(process.env.PORT ?? 3000, () => {`, `  console.log(\`Listening on port \${server.address().port}: ${config.pageUrl}\`);`, `});`];
}

function runLines(config: DemoConfig, context: SnippetContext): string[] {
  if (config.target === 'local') return [`  ${MOCK_COMMAND}                (in another terminal)`, `  node server.mjs`];
  if (config.flow === 'bot') return [...botRunLines(config), ...setWebhookCommand(config, context).map((line) => `  ${line}`)];
  return [`  TELEGRAM_CLIENT_ID=… TELEGRAM_CLIENT_SECRET=… SESSION_SECRET=… \\`, `    node server.mjs            (behind your https proxy)`];
}

function header(config: DemoConfig, context: SnippetContext): string[] {
  const run = runLines(config, context);
  return [
    ...paragraph(`server.mjs: your site, with the page, the element's files, ${config.afterLogin} and the login routes. Next to it: index.html (the "HTML drop-in" tab).`, '', ''),
    `  npm install telegram-login-kit@^${context.version}     (Node ≥ 20.19)`,
    `  ${COPY_BUNDLE}`,
    ...run,
    `Copy the element's folder again after every upgrade of the package.`,
  ];
}

/** "Server: Node": the whole site on node:http (the same listener is Express middleware). */
export function serverNodeSnippet(config: DemoConfig, context: SnippetContext): string {
  return `${problemLines(config, context, lineComment)}${header(config, context).map(lineComment).join('\n')}
${config.target === 'local' ? "import { randomBytes } from 'node:crypto';\n" : ''}import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, sep } from 'node:path';
import { createTelegramAuthHandler, toNodeListener } from 'telegram-login-kit/server';

const auth = createTelegramAuthHandler({
${indented(handlerOptions(config, context, (name) => `process.env.${name}`, 'randomBytes(32)', config.target !== 'local'), '  ')}
});
// Serves ${AUTH_BASE}/*, and passes anything else on to site().
const authListener = toNodeListener(auth);
${config.flow === 'bot' && config.target === 'local' ? `${POLL_BOT_UPDATES.join('\n')}\n` : ''}
const page = ${js(parsedPage(config).pathname)}; // the page with the button: index.html
const account = ${js(config.afterLogin.split(/[?#]/)[0] || '/account')}; // where a login ends
const here = import.meta.dirname;
const bundleDir = join(here, ${js(BUNDLE_DIR)});
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript' };
const escapeHtml = (value) =>
  String(value).replace(/[&<>"']/g, (char) => \`&#\${char.charCodeAt(0)};\`);

async function sendFile(res, file) {
  const body = await readFile(file).catch(() => undefined);
  if (!body) return res.writeHead(404).end('Not found');
  const type = types[extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { 'Content-Type': type }).end(body);
}

/** Who is logged in, from the session cookie the handler set. */
async function accountPage(req, res) {
  const cookie = req.headers.cookie ?? '';
  const request = new Request('http://localhost/', { headers: { cookie } });
  const user = (await auth.getSession(request))?.user;
  const html = user
    ? \`<h1>Logged in as \${escapeHtml(user.name ?? user.preferred_username)}</h1>
       <p>Telegram id \${escapeHtml(user.tg_id)}. <a href="\${page}">Back</a></p>\`
    : \`<h1>Not logged in</h1><p><a href="\${page}">Log in</a></p>\`;
  res.writeHead(user ? 200 : 401, { 'Content-Type': types['.html'], 'Cache-Control': 'no-store' });
  res.end(\`<!doctype html><html lang="en"><title>Account</title>\${html}</html>\`);
}

async function site(req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  // The code flows come back to the page with ?code=…&state=….
  if (pathname === page) return sendFile(res, join(here, 'index.html'));
  if (pathname === account) return accountPage(req, res);
  const file = join(here, pathname); // normalized: no way out of bundleDir
  if (file.startsWith(bundleDir + sep)) return sendFile(res, file);
  res.writeHead(404).end('Not found');
}

const server = createServer((req, res) => {
  authListener(req, res, () =>
    site(req, res).catch((error) => {
      console.error(error);
      res.writeHead(500).end('Server error');
    }),
  );
});
${listenLines(config).join('\n')}
`;
}

/** "Server: Fetch": the handler for Deno, Bun, Cloudflare Workers, any Request → Response. */
export function serverFetchSnippet(config: DemoConfig, context: SnippetContext): string {
  const webhook = config.flow === 'bot' ? `${fetchWebhookLines(config, context).map(lineComment).join('\n')}\n` : '';
  return `${problemLines(config, context, lineComment)}// npm install telegram-login-kit@^${context.version}   (npm:telegram-login-kit/server on Deno)
${webhook}import { createTelegramAuthHandler } from 'telegram-login-kit/server';

let auth;
export default {
  async fetch(request, env) {
    auth ??= createTelegramAuthHandler({
${indented(handlerOptions(config, context, (name) => `env.${name}`, 'crypto.getRandomValues(new Uint8Array(32))', true), '      ')}
    });
    if (new URL(request.url).pathname.startsWith(\`\${auth.basePath}/\`)) return auth(request);
    // Everything else is your app: the page ("HTML drop-in"), the element's
    // files (a copy of node_modules/telegram-login-kit/dist/), and ${config.afterLogin},
    // where await auth.getSession(request) says who is logged in.
    return new Response('Not found', { status: 404 });
  },
};
// Workers: export it as is. Deno: import handler from './auth.js';
//   Deno.serve((r) => handler.fetch(r, Deno.env.toObject()));
// Bun: Bun.serve({ fetch: (r) => handler.fetch(r, process.env) });
// More than one instance (Workers, serverless)? Give the handler a shared
// store (node_modules/telegram-login-kit/docs/stores.md).
`;
}
