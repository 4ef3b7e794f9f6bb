import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../oauth/http-error.js';
import { isAllowedOrigin, isAllowedRedirect } from './allowed-urls.js';
import { parseParams, readForm, redirect, sendPage } from './http.js';
import type { MockClient, MockRegistry } from './options.js';
import { pageLanguage, renderConsentPage, renderErrorPage, renderResultPage, type PageLanguage } from './pages.js';
import { autoConsentUser, avatarUrl, signIdToken, type MockState } from './state.js';
import { KNOWN_SCOPES, type MockUser } from './id-token.js';

/** PKCE challenges and verifiers: 43 to 128 unreserved characters (RFC 7636 §4.1). */
export const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;

/** A validated authorization request, waiting for consent. */
export interface PendingAuth {
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
}

/** An error found once the redirect URI is trusted: it goes back to the client, not onto an error page. */
export interface RedirectableError {
  redirectError: HttpError;
  to: PendingAuth;
}

type Note = (text: string) => void;

/**
 * Validates an authorization request. Errors before the redirect URI is trusted are thrown (the mock
 * shows them as a page); later ones are returned, to be sent back to the client.
 */
export function parseAuthRequest(query: Map<string, string>, registry: MockRegistry, lang: PageLanguage): PendingAuth | RedirectableError {
  const clientId = query.get('client_id');
  if (!clientId) throw new HttpError(400, 'invalid_request', 'client_id is required');
  const client = registry.client(clientId);
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
  const allowed = registry.allowedUrls(client);
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

  const request: PendingAuth = { client, responseType, redirectUri, rawRedirectUri: rawRedirect, scopes: [], lang };
  const state = query.get('state');
  if (state !== undefined) request.state = state;
  const fail = (error: string, description: string): RedirectableError => ({ redirectError: new HttpError(400, error, description), to: request });

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
  if (challenge === undefined && method !== undefined) return fail('invalid_request', 'code_challenge_method without code_challenge');
  if (challenge !== undefined) {
    if (method !== undefined && method !== 'S256' && method !== 'plain') {
      return fail('invalid_request', 'code_challenge_method must be "S256" or "plain"');
    }
    if (!PKCE_VALUE.test(challenge)) return fail('invalid_request', 'code_challenge must be 43 to 128 unreserved characters');
    request.codeChallenge = challenge;
    request.codeChallengeMethod = method === 'S256' ? 'S256' : 'plain';
  }
  return request;
}

/** Stores a single-use code for a code-flow request that `user` allowed; returns the code. */
export function issueCode(state: MockState, request: PendingAuth, user: MockUser): string {
  return state.codes.issue({
    clientId: request.client.id,
    redirectUri: request.rawRedirectUri,
    userId: user.id,
    scopes: request.scopes,
    ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
    ...(request.codeChallenge === undefined ? {} : { codeChallenge: request.codeChallenge, codeChallengeMethod: request.codeChallengeMethod }),
  });
}

function redirectWith(res: ServerResponse, request: PendingAuth, params: Record<string, string>): void {
  const target = new URL(request.redirectUri);
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
  if (request.state !== undefined) target.searchParams.set('state', request.state);
  redirect(res, target.href);
}

function postResult(state: MockState, res: ServerResponse, request: PendingAuth, message: Record<string, unknown>): void {
  sendPage(res, 200, renderResultPage(request.lang, request.redirectUri.origin, { event: 'auth_result', ...message }, state.settings.popupCloseDelay));
}

/** Ends an allowed request: a redirect with a code, or the post_message page with an id_token. */
async function complete(state: MockState, res: ServerResponse, request: PendingAuth, user: MockUser): Promise<void> {
  // "Allow the bot to send me messages": the bot whose id is the client id may now write to the user.
  if (request.scopes.includes('telegram:bot_access')) state.botSide.grantWriteAccess(Number(request.client.id), user.id);
  if (request.responseType === 'code') {
    redirectWith(res, request, { code: issueCode(state, request, user) });
    return;
  }
  postResult(state, res, request, { result: await signIdToken(state, request.client, user, request.scopes, request.nonce) });
}

function deliverError(state: MockState, res: ServerResponse, request: PendingAuth, error: HttpError): void {
  if (request.responseType === 'code') redirectWith(res, request, { error: error.code, error_description: error.message });
  else postResult(state, res, request, { error: error.code });
}

/** `GET /auth`: validates, then completes at once (auto-consent) or shows the consent page. */
export async function handleAuth(state: MockState, res: ServerResponse, url: URL, note: Note): Promise<void> {
  const lang = pageLanguage(url.searchParams.get('lang'));
  let parsed: ReturnType<typeof parseAuthRequest>;
  try {
    parsed = parseAuthRequest(parseParams(url.searchParams), state.registry, lang);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    note(error.code);
    sendPage(res, error.status, renderErrorPage(lang, error.code, error.message));
    return;
  }
  if ('redirectError' in parsed) {
    const { redirectError, to } = parsed;
    note(redirectError.code);
    if (to.responseType === 'code') redirectWith(res, to, { error: redirectError.code, error_description: redirectError.message });
    else sendPage(res, 400, renderErrorPage(lang, redirectError.code, redirectError.message));
    return;
  }
  const user = autoConsentUser(state);
  if (user) {
    note(`auto-consent as ${user.id}`);
    await complete(state, res, parsed, user);
    return;
  }
  const requestId = state.pending.issue(parsed);
  sendPage(
    res,
    200,
    renderConsentPage({
      lang,
      botName: parsed.client.name,
      site: parsed.redirectUri.host,
      scopes: parsed.scopes,
      users: state.registry.users,
      requestId,
      avatarUrl: (candidate) => avatarUrl(state, candidate),
    }),
  );
}

/** `POST /auth/consent`: the consent page's Allow or Deny, answered once per request id. */
export async function handleConsent(state: MockState, req: IncomingMessage, res: ServerResponse, note: Note): Promise<void> {
  let form: Map<string, string>;
  try {
    form = await readForm(req);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    sendPage(res, error.status, renderErrorPage('en', error.code, error.message));
    return;
  }
  const request = state.pending.take(form.get('request') ?? '');
  if (!request || request === 'expired') {
    note('unknown request');
    sendPage(res, 400, renderErrorPage('en', 'invalid_request', 'this login request is unknown, expired or already answered; start again'));
    return;
  }
  const decision = form.get('decision');
  if (decision === 'deny') {
    note('access_denied');
    deliverError(state, res, request, new HttpError(400, 'access_denied', 'the user denied the request'));
    return;
  }
  const user = state.registry.users.find((candidate) => String(candidate.id) === form.get('user'));
  if (decision !== 'allow' || !user) {
    sendPage(res, 400, renderErrorPage(request.lang, 'invalid_request', 'choose a user and Allow or Deny'));
    return;
  }
  const phoneWithheld = request.scopes.includes('phone') && form.get('phone_asked') === 'yes' && form.get('share_phone') !== 'yes';
  note(`allow as ${user.id}${phoneWithheld ? ' without phone' : ''}`);
  await complete(state, res, phoneWithheld ? { ...request, scopes: request.scopes.filter((scope) => scope !== 'phone') } : request, user);
}
