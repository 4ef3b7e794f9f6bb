import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAllowedOrigin, isAllowedRedirect, parseAllowedUrl, type AllowedUrl } from './allowed-urls.js';
import {
  AUTH_RESULT_SCRIPT,
  pageLanguage,
  renderAvatar,
  renderConsentPage,
  renderErrorPage,
  renderIndexPage,
  renderResultPage,
  type PageLanguage,
} from './pages.js';
import {
  buildIdTokenClaims,
  createKeyRing,
  KNOWN_SCOPES,
  SIGNING_ALGORITHMS,
  subjectFor,
  type MockSigningAlgorithm,
  type MockUser,
} from './tokens.js';

export type { MockSigningAlgorithm, MockUser } from './tokens.js';

/** A bot registered with the mock, as BotFather would show it. */
export interface MockClientOptions {
  /** Numeric client id (Telegram uses the bot id). */
  id: string | number;
  secret: string;
  /** Shown on the consent page. Default `Mock Login Bot`. */
  name?: string;
  /** See the README: origins for the library flow, exact redirect URIs for the code flow, `*` wildcards. */
  allowedUrls?: string[];
  /** Default `RS256`. `EdDSA` clients may only request the `openid` scope, as on Telegram. */
  algorithm?: MockSigningAlgorithm;
}

export interface MockClient {
  readonly id: string;
  readonly secret: string;
  readonly name: string;
  readonly allowedUrls: readonly string[];
  readonly algorithm: MockSigningAlgorithm;
}

export interface MockTelegramOptions {
  /** Port to listen on; `0` (the default) picks a free one. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** The public origin when the mock sits behind a proxy; becomes the issuer. */
  publicUrl?: string;
  /** Bots to register in addition to the default one. */
  clients?: MockClientOptions[];
  /** Replaces the default test users. */
  users?: MockUser[];
  /** Complete every /auth at once, as the first user or the given one, without a consent page. */
  autoConsent?: boolean | { userId: number };
  /** Enables `POST /__mock/control`. Meant for tests and the demo; keep it off anywhere else. */
  control?: boolean;
  /** Keys the opaque `sub`; the same salt gives the same `sub` across restarts. */
  subjectSalt?: string;
  /** Receives one line per request. */
  onLog?: (line: string) => void;
  /** Clock in milliseconds, for tests of expiry. Default `Date.now`. */
  clock?: () => number;
}

/** What `POST /__mock/control` (or `mock.control()`) accepts; every field is optional. */
export interface MockControlCommand {
  /** Undo every earlier command (auto-consent returns to its start-up value). */
  reset?: boolean;
  /** The next token request answers with this OAuth error (status default 400). */
  tokenError?: { error: string; error_description?: string; status?: number };
  /** Hold requests to `path` for `ms` milliseconds (`times` requests, default all). */
  delay?: { path: string; ms: number; times?: number };
  /** Answer requests to `path` with `status` (`times` requests, default all). */
  fail?: { path: string; status: number; times?: number };
  /** New signing keys with new kids; the previous ones stay in the JWKS unless `dropPrevious`. */
  rotateKeys?: boolean | { dropPrevious?: boolean };
  /** Switch auto-consent on (optionally as a given user) or off. */
  autoConsent?: boolean | { userId: number };
  /** Milliseconds the post_message popup waits after posting before it closes (default 150; 0 races the opener). */
  popupCloseDelay?: number;
}

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
  control(command: MockControlCommand): Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_CLIENT: MockClient = {
  id: '7700000001',
  secret: 'mock-secret-7700000001-do-not-use-in-production',
  name: 'Mock Login Bot',
  allowedUrls: ['http://localhost:*/*', 'http://127.0.0.1:*/*'],
  algorithm: 'RS256',
};

export const DEFAULT_USERS: readonly MockUser[] = [
  { id: 100001, firstName: 'Alice', lastName: 'Anderson', username: 'alice' },
  { id: 100002, firstName: 'Дмитрий 🚀', lastName: 'Иванов', username: 'dmitry_ivanov' },
  { id: 100003, firstName: 'Bob' },
  { id: 100004, firstName: 'Carol', lastName: 'Chen', username: 'carol', phoneNumber: '15550100004' },
];

const BODY_LIMIT = 64 * 1024;
const DEFAULT_POPUP_CLOSE_DELAY = 150;
const CODE_TTL_MS = 60_000;
const REQUEST_TTL_MS = 10 * 60_000;
const STORE_LIMIT = 10_000;
const UNRESERVED = /^[A-Za-z0-9\-._~]{43,128}$/;

/** An error that ends a request: OAuth JSON for API routes, an HTML page for browser routes. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

interface PendingAuth {
  client: MockClient;
  responseType: 'code' | 'post_message';
  redirectUri: URL;
  /** As the client sent it: /token must receive the identical string (RFC 6749 §4.1.3). */
  rawRedirectUri: string;
  scopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  lang: PageLanguage;
  expiresAt: number;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  userId: number;
  scopes: string[];
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  expiresAt: number;
}

interface PathOverride {
  ms?: number;
  status?: number;
  times: number;
}

/** A Map that forgets its oldest entries past `limit` and drops expired ones when read. */
function boundedStore<T extends { expiresAt: number }>(limit: number, clock: () => number) {
  const map = new Map<string, T>();
  return {
    set(key: string, value: T) {
      map.set(key, value);
      for (const oldest of map.keys()) {
        if (map.size <= limit) break;
        map.delete(oldest);
      }
    },
    /** Single use: the entry is removed whether or not it has expired. */
    take(key: string): T | 'expired' | undefined {
      const value = map.get(key);
      if (!value) return undefined;
      map.delete(key);
      return value.expiresAt <= clock() ? 'expired' : value;
    },
    get size() {
      return map.size;
    },
  };
}

function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function normalizeClient(options: MockClientOptions): MockClient {
  const id = String(options.id);
  if (!/^\d{1,20}$/.test(id)) throw new TypeError(`mock client id ${JSON.stringify(id)} must be numeric`);
  if (typeof options.secret !== 'string' || options.secret.length === 0) {
    throw new TypeError(`mock client ${id} needs a non-empty secret`);
  }
  const algorithm = options.algorithm ?? 'RS256';
  if (!SIGNING_ALGORITHMS.includes(algorithm)) {
    throw new TypeError(`mock client ${id}: algorithm must be one of ${SIGNING_ALGORITHMS.join(', ')}`);
  }
  const allowedUrls = options.allowedUrls ?? DEFAULT_CLIENT.allowedUrls;
  allowedUrls.forEach(parseAllowedUrl);
  return { id, secret: options.secret, name: options.name ?? DEFAULT_CLIENT.name, allowedUrls, algorithm };
}

function validateUsers(users: readonly MockUser[]): MockUser[] {
  if (users.length === 0) throw new TypeError('the mock needs at least one user');
  for (const user of users) {
    if (!Number.isSafeInteger(user.id) || user.id <= 0) throw new TypeError(`mock user id ${user.id} must be a positive integer`);
    if (!user.firstName) throw new TypeError(`mock user ${user.id} needs a firstName`);
    if (user.phoneNumber !== undefined && !/^\d{5,20}$/.test(user.phoneNumber)) {
      throw new TypeError(`mock user ${user.id}: phoneNumber is digits without "+"`);
    }
  }
  return [...users];
}

/** Parses a query or form body; OAuth forbids repeating a parameter. */
function parseParams(params: URLSearchParams): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of params) {
    if (out.has(key)) throw new HttpError(400, 'invalid_request', `"${key}" parameter repeated`);
    out.set(key, value);
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > BODY_LIMIT) {
    req.resume();
    throw new HttpError(413, 'invalid_request', `request body is larger than ${BODY_LIMIT} bytes`, { Connection: 'close' });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) {
      throw new HttpError(413, 'invalid_request', `request body is larger than ${BODY_LIMIT} bytes`, { Connection: 'close' });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

async function readForm(req: IncomingMessage): Promise<Map<string, string>> {
  if (mediaType(req) !== 'application/x-www-form-urlencoded') {
    throw new HttpError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
  }
  return parseParams(new URLSearchParams(await readBody(req)));
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body), { 'Cache-Control': 'no-store', ...headers });
}

const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' https: data:; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};

function sendPage(res: ServerResponse, status: number, html: string) {
  send(res, status, 'text/html; charset=utf-8', html, PAGE_HEADERS);
}

const CORS = { 'Access-Control-Allow-Origin': '*' };

function loadLibrary(): string {
  return readFileSync(new URL('./telegram-login.js', import.meta.url), 'utf8');
}

/** Starts the offline Telegram. Resolves once it is listening. */
export async function startMockTelegram(options: MockTelegramOptions = {}): Promise<MockTelegram> {
  const clock = options.clock ?? Date.now;
  const log = options.onLog;
  const defaultClient = DEFAULT_CLIENT;
  const clients = [defaultClient, ...(options.clients ?? []).map(normalizeClient)];
  const clientById = new Map<string, MockClient>();
  for (const client of clients) {
    if (clientById.has(client.id)) throw new TypeError(`mock client id ${client.id} is registered twice`);
    clientById.set(client.id, client);
  }
  const allowedByClient = new Map<string, AllowedUrl[]>(
    clients.map((client) => [client.id, client.allowedUrls.map(parseAllowedUrl)]),
  );
  const users = validateUsers(options.users ?? DEFAULT_USERS);
  const subjectSalt = options.subjectSalt ?? 'telegram-login-kit-mock';
  const keys = await createKeyRing();
  const library = loadLibrary();
  const pending = boundedStore<PendingAuth>(STORE_LIMIT, clock);
  const codes = boundedStore<IssuedCode>(STORE_LIMIT, clock);

  const initialAutoConsent = options.autoConsent ?? false;
  let autoConsent = initialAutoConsent;
  let popupCloseDelay = DEFAULT_POPUP_CLOSE_DELAY;
  let tokenErrors: NonNullable<MockControlCommand['tokenError']>[] = [];
  let overrides = new Map<string, PathOverride>();
  const stopping = new AbortController();
  // Every held (delayed) request listens for the stop; many at once is normal, not a leak.
  setMaxListeners(0, stopping.signal);

  let issuer = '';
  const avatarUrl = (user: MockUser) => user.photoUrl ?? `${issuer}/avatars/${user.id}.svg`;

  function findUser(userId: number): MockUser {
    const user = users.find((candidate) => candidate.id === userId);
    if (!user) throw new HttpError(400, 'invalid_request', `no mock user with id ${userId}`);
    return user;
  }

  function autoConsentUser(): MockUser | undefined {
    if (autoConsent === false) return undefined;
    return autoConsent === true ? users[0] : findUser(autoConsent.userId);
  }

  function signIdToken(client: MockClient, user: MockUser, scopes: string[], nonce: string | undefined) {
    const claims = buildIdTokenClaims({
      issuer,
      clientId: client.id,
      user,
      scopes,
      subject: subjectFor(subjectSalt, client.id, user.id),
      nonce,
      now: clock(),
      defaultPicture: avatarUrl(user),
    });
    return keys.sign(client.algorithm, claims);
  }

  // ---- /auth ---------------------------------------------------------------------------------

  /** Validates an authorization request. Errors before the redirect URI is trusted are shown as a page. */
  function parseAuthRequest(query: Map<string, string>, lang: PageLanguage): PendingAuth | { redirectError: HttpError; to: PendingAuth } {
    const clientId = query.get('client_id');
    if (!clientId) throw new HttpError(400, 'invalid_request', 'client_id is required');
    const client = clientById.get(clientId);
    if (!client) throw new HttpError(400, 'invalid_client', `unknown client_id ${clientId}`);
    const rawRedirect = query.get('redirect_uri');
    if (!rawRedirect) throw new HttpError(400, 'invalid_request', 'redirect_uri required');
    let redirectUri: URL;
    try {
      redirectUri = new URL(rawRedirect);
    } catch {
      throw new HttpError(400, 'invalid_request', 'redirect_uri is not an absolute URL');
    }
    if (redirectUri.hash) throw new HttpError(400, 'invalid_request', 'redirect_uri must not contain a fragment');
    const allowed = allowedByClient.get(client.id)!;
    const responseType = query.get('response_type');
    if (responseType === 'post_message') {
      if (!isAllowedOrigin(redirectUri, allowed)) {
        throw new HttpError(400, 'invalid_request', `the origin ${redirectUri.origin} is not in the bot's Allowed URLs`);
      }
    } else if (responseType === 'code') {
      if (!isAllowedRedirect(redirectUri, allowed)) {
        throw new HttpError(400, 'invalid_request', `redirect_uri ${redirectUri.href} is not in the bot's Allowed URLs`);
      }
    } else {
      throw new HttpError(400, 'unsupported_response_type', 'response_type must be "code" or "post_message"');
    }

    const request: PendingAuth = {
      client,
      responseType,
      redirectUri,
      rawRedirectUri: rawRedirect,
      scopes: [],
      lang,
      expiresAt: clock() + REQUEST_TTL_MS,
    };
    const state = query.get('state');
    if (state !== undefined) request.state = state;
    const fail = (error: string, description: string) => ({ redirectError: new HttpError(400, error, description), to: request });

    const scopes = [...new Set((query.get('scope') ?? '').split(' ').filter(Boolean))];
    if (!scopes.includes('openid')) return fail('invalid_scope', 'scope must include "openid"');
    const unknown = scopes.filter((scope) => !(KNOWN_SCOPES as readonly string[]).includes(scope));
    if (unknown.length > 0) return fail('invalid_scope', `unsupported scope ${unknown.join(' ')}`);
    if (client.algorithm === 'EdDSA' && scopes.some((scope) => scope === 'profile' || scope === 'phone')) {
      return fail('invalid_scope', 'bots that sign with EdDSA may only request the "openid" scope');
    }
    request.scopes = scopes;

    const nonce = query.get('nonce');
    if (nonce !== undefined) {
      if (nonce.length === 0 || nonce.length > 512) return fail('invalid_request', '"nonce" must be 1 to 512 characters');
      request.nonce = nonce;
    }
    if (state !== undefined && state.length > 2048) return fail('invalid_request', '"state" is longer than 2048 characters');

    const challenge = query.get('code_challenge');
    const method = query.get('code_challenge_method');
    if (challenge === undefined && method !== undefined) {
      return fail('invalid_request', 'code_challenge_method without code_challenge');
    }
    if (challenge !== undefined) {
      if (method !== undefined && method !== 'S256' && method !== 'plain') {
        return fail('invalid_request', 'code_challenge_method must be "S256" or "plain"');
      }
      if (!UNRESERVED.test(challenge)) return fail('invalid_request', 'code_challenge must be 43 to 128 unreserved characters');
      request.codeChallenge = challenge;
      request.codeChallengeMethod = method === 'S256' ? 'S256' : 'plain';
    }
    return request;
  }

  function redirectWith(res: ServerResponse, request: PendingAuth, params: Record<string, string>) {
    const target = new URL(request.redirectUri);
    for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
    if (request.state !== undefined) target.searchParams.set('state', request.state);
    res.writeHead(302, { Location: target.href, 'Cache-Control': 'no-store' });
    res.end();
  }

  async function complete(res: ServerResponse, request: PendingAuth, user: MockUser) {
    if (request.responseType === 'code') {
      const code = randomToken();
      codes.set(code, {
        clientId: request.client.id,
        redirectUri: request.rawRedirectUri,
        userId: user.id,
        scopes: request.scopes,
        ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
        ...(request.codeChallenge === undefined
          ? {}
          : { codeChallenge: request.codeChallenge, codeChallengeMethod: request.codeChallengeMethod }),
        expiresAt: clock() + CODE_TTL_MS,
      });
      redirectWith(res, request, { code });
      return;
    }
    const idToken = await signIdToken(request.client, user, request.scopes, request.nonce);
    sendPage(res, 200, renderResultPage(request.lang, request.redirectUri.origin, { event: 'auth_result', result: idToken }, popupCloseDelay));
  }

  function deliverError(res: ServerResponse, request: PendingAuth, error: string, description: string) {
    if (request.responseType === 'code') {
      redirectWith(res, request, { error, error_description: description });
    } else {
      sendPage(res, 200, renderResultPage(request.lang, request.redirectUri.origin, { event: 'auth_result', error }, popupCloseDelay));
    }
  }

  async function handleAuth(res: ServerResponse, url: URL, note: (text: string) => void) {
    const lang = pageLanguage(url.searchParams.get('lang'));
    let parsed: ReturnType<typeof parseAuthRequest>;
    try {
      parsed = parseAuthRequest(parseParams(url.searchParams), lang);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      note(error.error);
      sendPage(res, error.status, renderErrorPage(lang, error.error, error.description));
      return;
    }
    if ('redirectError' in parsed) {
      note(parsed.redirectError.error);
      if (parsed.to.responseType === 'code') {
        redirectWith(res, parsed.to, { error: parsed.redirectError.error, error_description: parsed.redirectError.description });
      } else {
        sendPage(res, 400, renderErrorPage(lang, parsed.redirectError.error, parsed.redirectError.description));
      }
      return;
    }
    const user = autoConsentUser();
    if (user) {
      note(`auto-consent as ${user.id}`);
      await complete(res, parsed, user);
      return;
    }
    const requestId = randomToken(18);
    pending.set(requestId, parsed);
    sendPage(
      res,
      200,
      renderConsentPage({
        lang,
        botName: parsed.client.name,
        site: parsed.redirectUri.host,
        scopes: parsed.scopes,
        users,
        requestId,
        avatarUrl,
      }),
    );
  }

  async function handleConsent(req: IncomingMessage, res: ServerResponse, note: (text: string) => void) {
    let form: Map<string, string>;
    try {
      form = await readForm(req);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      sendPage(res, error.status, renderErrorPage('en', error.error, error.description));
      return;
    }
    const request = pending.take(form.get('request') ?? '');
    if (!request || request === 'expired') {
      note('unknown request');
      sendPage(res, 400, renderErrorPage('en', 'invalid_request', 'this login request is unknown, expired or already answered; start again'));
      return;
    }
    const decision = form.get('decision');
    if (decision === 'deny') {
      note('access_denied');
      deliverError(res, request, 'access_denied', 'the user denied the request');
      return;
    }
    const user = users.find((candidate) => String(candidate.id) === form.get('user'));
    if (decision !== 'allow' || !user) {
      sendPage(res, 400, renderErrorPage(request.lang, 'invalid_request', 'choose a user and Allow or Deny'));
      return;
    }
    note(`allow as ${user.id}`);
    await complete(res, request, user);
  }

  // ---- /token --------------------------------------------------------------------------------

  function authenticateClient(req: IncomingMessage, form: Map<string, string>): MockClient {
    const header = req.headers.authorization;
    const bodySecret = form.get('client_secret');
    let clientId: string | undefined;
    let secret: string | undefined;
    const basicChallenge = { 'WWW-Authenticate': 'Basic realm="mock-telegram"' };
    if (header !== undefined) {
      if (bodySecret !== undefined) {
        throw new HttpError(400, 'invalid_request', 'use one client authentication method, not both Basic and client_secret');
      }
      const [scheme, value = ''] = header.split(' ', 2);
      if (scheme?.toLowerCase() !== 'basic') {
        throw new HttpError(401, 'invalid_client', 'Authorization must use the Basic scheme', basicChallenge);
      }
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) throw new HttpError(401, 'invalid_client', 'malformed Basic credentials', basicChallenge);
      try {
        // RFC 6749 §2.3.1: both halves are form-urlencoded before base64.
        clientId = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
        secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
      } catch {
        throw new HttpError(401, 'invalid_client', 'malformed Basic credentials', basicChallenge);
      }
      const bodyId = form.get('client_id');
      if (bodyId !== undefined && bodyId !== clientId) {
        throw new HttpError(401, 'invalid_client', 'client_id does not match the authenticated client', basicChallenge);
      }
    } else {
      clientId = form.get('client_id');
      secret = bodySecret;
      if (clientId === undefined || secret === undefined) {
        throw new HttpError(401, 'invalid_client', 'client authentication required (client_secret_basic or client_secret_post)', basicChallenge);
      }
    }
    const client = clientById.get(clientId);
    if (!client || !safeEqual(secret, client.secret)) {
      throw new HttpError(401, 'invalid_client', 'client authentication failed', header === undefined ? {} : basicChallenge);
    }
    return client;
  }

  function checkVerifier(issued: IssuedCode, verifier: string | undefined) {
    if (issued.codeChallenge === undefined) {
      if (verifier !== undefined) throw new HttpError(400, 'invalid_grant', 'code_verifier sent but the authorization request had no code_challenge');
      return;
    }
    if (verifier === undefined) throw new HttpError(400, 'invalid_grant', 'code_verifier required');
    if (!UNRESERVED.test(verifier)) throw new HttpError(400, 'invalid_request', 'code_verifier must be 43 to 128 unreserved characters');
    const expected =
      issued.codeChallengeMethod === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
    if (!safeEqual(expected, issued.codeChallenge)) throw new HttpError(400, 'invalid_grant', 'code_verifier does not match the code_challenge');
  }

  async function handleToken(req: IncomingMessage, res: ServerResponse, note: (text: string) => void) {
    const injected = tokenErrors.shift();
    if (injected) {
      await readBody(req).catch(() => '');
      note(`${injected.error} (control)`);
      sendJson(res, injected.status ?? 400, {
        error: injected.error,
        ...(injected.error_description === undefined ? {} : { error_description: injected.error_description }),
      });
      return;
    }
    const form = await readForm(req);
    const grantType = form.get('grant_type');
    if (grantType === undefined) throw new HttpError(400, 'invalid_request', 'grant_type required');
    if (grantType !== 'authorization_code') throw new HttpError(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`);
    const client = authenticateClient(req, form);
    const code = form.get('code');
    if (code === undefined) throw new HttpError(400, 'invalid_request', 'code required');
    const issued = codes.take(code);
    if (issued === undefined) throw new HttpError(400, 'invalid_grant', 'code is invalid or was already used');
    if (issued === 'expired') throw new HttpError(400, 'invalid_grant', 'code expired');
    if (issued.clientId !== client.id) throw new HttpError(400, 'invalid_grant', 'code was issued to another client');
    const redirectUri = form.get('redirect_uri');
    if (redirectUri === undefined) throw new HttpError(400, 'invalid_request', 'redirect_uri required');
    if (redirectUri !== issued.redirectUri) throw new HttpError(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
    checkVerifier(issued, form.get('code_verifier'));
    const idToken = await signIdToken(client, findUser(issued.userId), issued.scopes, issued.nonce);
    note(`client ${client.id}`);
    sendJson(res, 200, { access_token: randomToken(), token_type: 'Bearer', expires_in: 3600, id_token: idToken }, { Pragma: 'no-cache' });
  }

  // ---- control -------------------------------------------------------------------------------

  function checkPath(path: unknown): string {
    if (typeof path !== 'string' || !path.startsWith('/')) throw new TypeError('"path" must start with "/"');
    return path;
  }

  function checkTimes(times: unknown): number {
    if (times === undefined) return Number.POSITIVE_INFINITY;
    if (!Number.isInteger(times) || (times as number) < 1) throw new TypeError('"times" must be a positive integer');
    return times as number;
  }

  function checkAutoConsent(value: unknown): boolean | { userId: number } {
    if (typeof value === 'boolean') return value;
    const userId = (value as { userId?: unknown } | null)?.userId;
    if (typeof userId !== 'number' || !users.some((user) => user.id === userId)) {
      throw new TypeError('"autoConsent" must be true, false or { userId } of a mock user');
    }
    return { userId };
  }

  async function control(command: MockControlCommand): Promise<void> {
    if (typeof command !== 'object' || command === null) throw new TypeError('a control command is an object');
    const known = new Set(['reset', 'tokenError', 'delay', 'fail', 'rotateKeys', 'autoConsent', 'popupCloseDelay']);
    const unknown = Object.keys(command).filter((key) => !known.has(key));
    if (unknown.length > 0) throw new TypeError(`unknown control field ${unknown.join(', ')}`);
    if (command.reset) {
      tokenErrors = [];
      overrides = new Map();
      autoConsent = initialAutoConsent;
      popupCloseDelay = DEFAULT_POPUP_CLOSE_DELAY;
    }
    if (command.tokenError !== undefined) {
      const { error, error_description, status = 400 } = command.tokenError;
      if (typeof error !== 'string' || !/^[\x20-\x21\x23-\x5b\x5d-\x7e]+$/.test(error)) throw new TypeError('"tokenError.error" must be an OAuth error code');
      if (!Number.isInteger(status) || status < 400 || status > 599) throw new TypeError('"tokenError.status" must be 400 to 599');
      tokenErrors.push({ error, status, ...(error_description === undefined ? {} : { error_description: String(error_description) }) });
    }
    if (command.delay !== undefined) {
      const { ms } = command.delay;
      if (!Number.isFinite(ms) || ms < 0 || ms > 600_000) throw new TypeError('"delay.ms" must be 0 to 600000');
      const path = checkPath(command.delay.path);
      overrides.set(path, { ...overrides.get(path), ms, times: checkTimes(command.delay.times) });
    }
    if (command.fail !== undefined) {
      const { status } = command.fail;
      if (!Number.isInteger(status) || status < 400 || status > 599) throw new TypeError('"fail.status" must be 400 to 599');
      const path = checkPath(command.fail.path);
      overrides.set(path, { ...overrides.get(path), status, times: checkTimes(command.fail.times) });
    }
    if (command.rotateKeys !== undefined) {
      const rotate = command.rotateKeys as unknown;
      const isOptions = typeof rotate === 'object' && rotate !== null && Object.keys(rotate).every((key) => key === 'dropPrevious');
      if (typeof rotate !== 'boolean' && !isOptions) throw new TypeError('"rotateKeys" must be true, false or { dropPrevious }');
      if (rotate) await keys.rotate({ dropPrevious: isOptions && (rotate as { dropPrevious?: unknown }).dropPrevious === true });
    }
    if (command.autoConsent !== undefined) autoConsent = checkAutoConsent(command.autoConsent);
    if (command.popupCloseDelay !== undefined) {
      const delay = command.popupCloseDelay;
      if (!Number.isInteger(delay) || delay < 0 || delay > 60_000) throw new TypeError('"popupCloseDelay" must be 0 to 60000');
      popupCloseDelay = delay;
    }
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse) {
    if (mediaType(req) !== 'application/json') throw new HttpError(400, 'invalid_request', 'Content-Type must be application/json');
    let command: MockControlCommand;
    try {
      command = JSON.parse(await readBody(req)) as MockControlCommand;
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new HttpError(400, 'invalid_request', 'body is not valid JSON');
    }
    try {
      await control(command);
    } catch (error) {
      if (error instanceof TypeError) throw new HttpError(400, 'invalid_request', error.message);
      throw error;
    }
    sendJson(res, 200, { ok: true });
  }

  /** Holds a request for `ms`, ending early (and quietly) when the mock stops. */
  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        stopping.signal.removeEventListener('abort', done);
        resolve();
      }
      stopping.signal.addEventListener('abort', done, { once: true });
    });
  }

  // ---- routing -------------------------------------------------------------------------------

  type Handler = (req: IncomingMessage, res: ServerResponse, url: URL, note: (text: string) => void) => void | Promise<void>;
  const routes = new Map<string, Partial<Record<string, Handler>>>([
    ['/', { GET: (_req, res) => sendPage(res, 200, renderIndexPage(issuer, defaultClient.id)) }],
    [
      '/.well-known/openid-configuration',
      {
        GET: (_req, res) =>
          sendJson(
            res,
            200,
            {
              issuer,
              authorization_endpoint: `${issuer}/auth`,
              token_endpoint: `${issuer}/token`,
              jwks_uri: `${issuer}/.well-known/jwks.json`,
              response_types_supported: ['code'],
              token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
              subject_types_supported: ['public'],
              id_token_signing_alg_values_supported: ['RS256', 'ES256', 'EdDSA', 'ES256K'],
              scopes_supported: ['openid', 'phone', 'profile', 'telegram:bot_access', 'ton:wallet'],
              claims_supported: ['aud', 'preferred_username', 'phone_number', 'exp', 'iat', 'iss', 'name', 'picture', 'sub', 'ton'],
              code_challenge_methods_supported: ['plain', 'S256'],
              grant_types_supported: ['authorization_code'],
            },
            { ...CORS, 'Cache-Control': 'public, max-age=60' },
          ),
      },
    ],
    [
      '/.well-known/jwks.json',
      { GET: (_req, res) => sendJson(res, 200, keys.jwks(), { ...CORS, 'Cache-Control': 'public, max-age=60' }) },
    ],
    ['/auth', { GET: (_req, res, url, note) => handleAuth(res, url, note) }],
    ['/auth/consent', { POST: (req, res, _url, note) => handleConsent(req, res, note) }],
    [
      '/token',
      {
        POST: (req, res, _url, note) => handleToken(req, res, note),
        // Telegram answers a GET like a POST without a usable grant.
        GET: () => {
          throw new HttpError(400, 'unsupported_grant_type', 'the token endpoint takes POST with grant_type=authorization_code');
        },
      },
    ],
    [
      '/js/telegram-login.js',
      { GET: (_req, res) => send(res, 200, 'text/javascript; charset=utf-8', library, { ...CORS, 'Cache-Control': 'no-cache' }) },
    ],
    ['/js/auth-result.js', { GET: (_req, res) => send(res, 200, 'text/javascript; charset=utf-8', AUTH_RESULT_SCRIPT) }],
  ]);
  if (options.control) routes.set('/__mock/control', { POST: (req, res) => handleControl(req, res) });

  function avatarRoute(pathname: string): Handler | undefined {
    const match = /^\/avatars\/(\d+)\.svg$/.exec(pathname);
    const user = match && users.find((candidate) => String(candidate.id) === match[1]);
    if (!user) return undefined;
    return (_req, res) => send(res, 200, 'image/svg+xml; charset=utf-8', renderAvatar(user), { ...CORS, 'Cache-Control': 'public, max-age=3600' });
  }

  async function dispatch(req: IncomingMessage, res: ServerResponse, url: URL, note: (text: string) => void) {
    const override = overrides.get(url.pathname);
    if (override) {
      if (--override.times <= 0) overrides.delete(url.pathname);
      if (override.ms) await sleep(override.ms);
      if (stopping.signal.aborted) {
        res.destroy();
        return;
      }
      if (override.status) {
        note('failed by control');
        send(res, override.status, 'text/plain; charset=utf-8', `mock: ${url.pathname} answers ${override.status} (control)\n`, CORS);
        return;
      }
    }
    const avatar = req.method === 'GET' ? avatarRoute(url.pathname) : undefined;
    const methods = routes.get(url.pathname);
    const handler = avatar ?? methods?.[req.method ?? ''];
    if (handler) {
      await handler(req, res, url, note);
      return;
    }
    if (req.method === 'OPTIONS' && methods) {
      res.writeHead(204, { ...CORS, 'Access-Control-Allow-Methods': 'GET', 'Access-Control-Max-Age': '600' });
      res.end();
      return;
    }
    if (methods) {
      throw new HttpError(405, 'invalid_request', `${req.method} is not allowed on ${url.pathname}`, {
        Allow: Object.keys(methods).join(', '),
      });
    }
    throw new HttpError(404, 'not_found', `no such endpoint: ${url.pathname}`);
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    const notes: string[] = [];
    const note = (text: string) => notes.push(text);
    const path = (req.url ?? '/').split('?')[0];
    res.on('finish', () => {
      const ms = Math.round(performance.now() - started);
      log?.(`${req.method} ${path} ${res.statusCode}${notes.length ? ' ' + notes.join(' ') : ''} ${ms}ms`);
    });
    let url: URL;
    try {
      url = new URL(req.url ?? '/', issuer);
    } catch {
      sendJson(res, 400, { error: 'invalid_request', error_description: 'malformed request target' });
      return;
    }
    dispatch(req, res, url, note).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) {
        note(error.error);
        sendJson(res, error.status, { error: error.error, error_description: error.description }, error.headers);
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
  issuer = (options.publicUrl ?? `http://${hostForUrl}:${address.port}`).replace(/\/+$/, '');

  return {
    issuer,
    url: `${issuer}/`,
    port: address.port,
    libraryUrl: `${issuer}/js/telegram-login.js`,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    authorizationEndpoint: `${issuer}/auth`,
    tokenEndpoint: `${issuer}/token`,
    defaultClient,
    clients,
    users,
    control,
    stop: () =>
      new Promise<void>((resolve) => {
        stopping.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
