import { readFileSync } from 'node:fs';
import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpError } from '../oauth/http-error.js';
import type { MockApp } from './app/app.js';
import { handleAuth, handleConsent } from './authorize.js';
import type { MockBot } from './bot/types.js';
import { applyControlCommand, applyOverride, handleControl } from './control.js';
import { handleDiscovery, handleJwks } from './discovery.js';
import { createHostCheck, hostRefusal } from './host-check.js';
import { CORS, send, sendJson, sendOAuthError, sendPage } from './http.js';
import type { AuthorizeCodeOptions, MintIdTokenOptions } from './helpers.js';
import type { MockUser } from './id-token.js';
import { authorizeCodeWith, mintIdTokenWith } from './mint.js';
import type { MockClient, MockControlCommand, MockTelegramOptions } from './options.js';
import { AUTH_RESULT_SCRIPT, renderAvatar, renderIndexPage } from './pages.js';
import { createMockState, type MockState } from './state.js';
import { handleToken } from './token.js';

export type { AuthorizeCodeOptions, MintIdTokenOptions } from './helpers.js';
export {
  DEFAULT_CLIENT,
  DEFAULT_USERS,
  type MockAutoConsent,
  type MockClient,
  type MockClientOptions,
  type MockControlCommand,
  type MockTelegramOptions,
} from './options.js';
export type { MockSigningAlgorithm, MockUser } from './id-token.js';

export interface MockTelegram {
  /** The `iss` of every token, e.g. `http://127.0.0.1:9400`. */
  readonly issuer: string;
  /** The base URL, with a trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly libraryUrl: string;
  readonly jwksUri: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly defaultClient: MockClient;
  readonly clients: readonly MockClient[];
  readonly users: readonly MockUser[];
  /** The Bot API's bots (`/bot<token>/<method>` on this origin), the default one first. */
  readonly bots: readonly MockBot[];
  /** The simulated Telegram app: its page's URL and what a user does there, for tests. */
  readonly app: MockApp;
  /** The link that opens `bot`'s chat in the simulated app with a Start button, as `t.me/<bot>?start=<payload>` does. */
  deepLink(bot: string, payload?: string): string;
  /**
   * A real id_token signed with this mock's current keys, verifiable against its JWKS, without a
   * browser or a consent page. For unit tests of your server code.
   */
  mintIdToken(options?: MintIdTokenOptions): Promise<string>;
  /**
   * A real single-use authorization code, as `/auth` issues once the user allowed the request;
   * the mock's `/token` redeems it (with the client's secret, the same `redirectUri` and the PKCE
   * verifier). For unit tests of your code exchange without a browser.
   */
  authorizeCode(options: AuthorizeCodeOptions): Promise<string>;
  control(command: MockControlCommand): Promise<void>;
  stop(): Promise<void>;
}

type Note = (text: string) => void;
type Handler = (req: IncomingMessage, res: ServerResponse, url: URL, note: Note) => void | Promise<void>;
type RouteTable = Map<string, Partial<Record<string, Handler>>>;

function loadLibrary(): string {
  return readFileSync(new URL('./telegram-login.js', import.meta.url), 'utf8');
}

function routesFor(state: MockState, options: MockTelegramOptions): RouteTable {
  const library = loadLibrary();
  const routes: RouteTable = new Map([
    ['/', { GET: (_req, res) => sendPage(res, 200, renderIndexPage(state.issuer, state.registry.clients[0]!.id)) }],
    ['/.well-known/openid-configuration', { GET: (_req, res) => handleDiscovery(state, res) }],
    ['/.well-known/jwks.json', { GET: (_req, res) => handleJwks(state, res) }],
    ['/auth', { GET: (_req, res, url, note) => handleAuth(state, res, url, note) }],
    ['/auth/consent', { POST: (req, res, _url, note) => handleConsent(state, req, res, note) }],
    [
      '/token',
      {
        POST: (req, res, _url, note) => handleToken(state, req, res, note),
        // Telegram answers a GET like a POST without a usable grant.
        GET: () => {
          throw new HttpError(400, 'unsupported_grant_type', 'the token endpoint takes POST with grant_type=authorization_code');
        },
      },
    ],
    ['/js/telegram-login.js', { GET: (_req, res) => send(res, 200, 'text/javascript; charset=utf-8', library, { ...CORS, 'Cache-Control': 'no-cache' }) }],
    ['/js/auth-result.js', { GET: (_req, res) => send(res, 200, 'text/javascript; charset=utf-8', AUTH_RESULT_SCRIPT) }],
  ]);
  if (options.control) routes.set('/__mock/control', { POST: (req, res) => handleControl(state, req, res) });
  return routes;
}

function avatarRoute(state: MockState, pathname: string): Handler | undefined {
  const match = /^\/avatars\/(\d+)\.svg$/.exec(pathname);
  const user = match && state.registry.users.find((candidate) => String(candidate.id) === match[1]);
  if (!user) return undefined;
  return (_req, res) => send(res, 200, 'image/svg+xml; charset=utf-8', renderAvatar(user), { ...CORS, 'Cache-Control': 'public, max-age=3600' });
}

async function dispatch(state: MockState, routes: RouteTable, req: IncomingMessage, res: ServerResponse, url: URL, note: Note): Promise<void> {
  if (await applyOverride(state, url.pathname, res, note)) return;
  // The Bot API (`/bot<token>/<method>`) and the simulated app (`/app…`) answer in their own shapes.
  if (await state.botSide.handle(req, res, url, note)) return;
  const avatar = req.method === 'GET' ? avatarRoute(state, url.pathname) : undefined;
  const methods = routes.get(url.pathname);
  const handler = avatar ?? (methods && Object.hasOwn(methods, req.method ?? '') ? methods[req.method!] : undefined);
  if (handler) {
    await handler(req, res, url, note);
    return;
  }
  if (req.method === 'OPTIONS' && methods) {
    res.writeHead(204, { ...CORS, 'Access-Control-Allow-Methods': 'GET', 'Access-Control-Max-Age': '600' });
    res.end();
    return;
  }
  if (methods) throw new HttpError(405, 'invalid_request', `${req.method} is not allowed on ${url.pathname}`, { Allow: Object.keys(methods).join(', ') });
  throw new HttpError(404, 'not_found', `no such endpoint: ${url.pathname}`);
}

/** Starts the offline Telegram. Resolves once it is listening. */
export async function startMockTelegram(options: MockTelegramOptions = {}): Promise<MockTelegram> {
  const state = await createMockState(options);
  // Every held (delayed) request listens for the stop; many at once is normal, not a leak.
  setMaxListeners(0, state.stopping.signal);
  const routes = routesFor(state, options);
  const log = options.onLog;
  const hostAllowed = createHostCheck(options);

  const server = createServer((req, res) => {
    const started = performance.now();
    const notes: string[] = [];
    const note = (text: string) => notes.push(text);
    const path = (req.url ?? '/').split('?')[0];
    res.on('finish', () => {
      const ms = Math.round(performance.now() - started);
      log?.(`${req.method} ${path} ${res.statusCode}${notes.length ? ' ' + notes.join(' ') : ''} ${ms}ms`);
    });
    if (!hostAllowed(req.headers.host)) {
      note('host_not_allowed');
      sendOAuthError(res, new HttpError(403, 'host_not_allowed', hostRefusal(req.headers.host ?? '')));
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', state.issuer);
    } catch {
      sendJson(res, 400, { error: 'invalid_request', error_description: 'malformed request target' });
      return;
    }
    dispatch(state, routes, req, res, url, note).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) {
        note(error.code);
        sendOAuthError(res, error);
        return;
      }
      note(`internal error: ${error instanceof Error ? error.message : String(error)}`);
      sendJson(res, 500, { error: 'server_error', error_description: 'the mock failed; see its log' });
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  // A wildcard bind is still reached through loopback; the issuer must be a real address.
  const bound = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  const hostForUrl = bound.includes(':') ? `[${bound}]` : bound;
  const issuer = (options.publicUrl ?? `http://${hostForUrl}:${address.port}`).replace(/\/+$/, '');
  state.issuer = issuer;

  return {
    issuer,
    url: `${issuer}/`,
    port: address.port,
    libraryUrl: `${issuer}/js/telegram-login.js`,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    authorizationEndpoint: `${issuer}/auth`,
    tokenEndpoint: `${issuer}/token`,
    defaultClient: state.registry.clients[0]!,
    clients: state.registry.clients,
    users: state.registry.users,
    bots: state.registry.bots,
    app: state.botSide.app,
    deepLink: (bot, payload) => state.botSide.deepLink(bot, payload),
    mintIdToken: (mintOptions) => mintIdTokenWith(state, mintOptions),
    authorizeCode: (codeOptions) => authorizeCodeWith(state, codeOptions),
    control: (command) => applyControlCommand(state, command),
    stop: () =>
      new Promise<void>((resolve) => {
        state.stopping.abort();
        state.botSide.stop();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
