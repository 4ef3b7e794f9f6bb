/** How a running mock mints the tokens and codes of `mock.mintIdToken()` and `mock.authorizeCode()` (see helpers.ts). */
import { HttpError } from '../oauth/http-error.js';
import { pkceChallenge } from '../oauth/pkce.js';
import { issueCode, parseAuthRequest, PKCE_VALUE } from './authorize.js';
import type { AuthorizeCodeOptions, MintIdTokenOptions, MockHelperError } from './helpers.js';
import { KNOWN_SCOPES, SIGNING_ALGORITHMS, type MockSigningAlgorithm, type MockUser } from './id-token.js';
import { validateUsers, type MockClient } from './options.js';
import { signIdToken, type MockState } from './state.js';

function misuse(helper: string, message: string, code: MockHelperError['code'] = 'invalid_request'): MockHelperError {
  return Object.assign(new TypeError(`${helper}: ${message}`), { code });
}

function clientFor(state: MockState, helper: string, clientId: string | number | undefined): MockClient {
  if (clientId === undefined) return state.registry.clients[0]!;
  const client = state.registry.client(String(clientId));
  if (client) return client;
  const known = state.registry.clients.map((candidate) => candidate.id).join(', ');
  throw misuse(helper, `"clientId" ${JSON.stringify(clientId)} is not a client of this mock (it has ${known}); register it with the clients option`, 'invalid_client');
}

function userFor(state: MockState, helper: string, field: string, user: number | MockUser | undefined): MockUser {
  if (user === undefined) return state.registry.users[0]!;
  if (typeof user === 'object' && user !== null) {
    try {
      return validateUsers([user])[0]!;
    } catch (error) {
      throw misuse(helper, `"${field}": ${(error as Error).message}`);
    }
  }
  const found = state.registry.user(user);
  if (found) return found;
  const known = state.registry.users.map((candidate) => candidate.id).join(', ');
  throw misuse(helper, `"${field}" ${JSON.stringify(user)} is not a user of this mock (it has ${known})`);
}

/** `openid profile` by default; `openid` for EdDSA, which may carry nothing else. */
function scopeText(helper: string, scope: string | readonly string[] | undefined, alg: MockSigningAlgorithm): string {
  if (scope === undefined) return alg === 'EdDSA' ? 'openid' : 'openid profile';
  if (typeof scope === 'string') return scope;
  if (Array.isArray(scope) && scope.every((item) => typeof item === 'string')) return scope.join(' ');
  throw misuse(helper, `"scope" must be a space-separated string or a list of strings, got ${JSON.stringify(scope)}`);
}

/** The scopes `/auth` would accept for a client that signs with `alg`; a `TypeError` otherwise. */
function checkScopes(helper: string, text: string, alg: MockSigningAlgorithm): string[] {
  const scopes = [...new Set(text.split(' ').filter(Boolean))];
  if (!scopes.includes('openid')) throw misuse(helper, `"scope" must include "openid", got ${JSON.stringify(text)}`, 'invalid_scope');
  const unknown = scopes.filter((scope) => !(KNOWN_SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) throw misuse(helper, `"scope" has ${unknown.join(' ')}; the mock knows ${KNOWN_SCOPES.join(' ')}`, 'invalid_scope');
  if (alg === 'EdDSA' && scopes.some((scope) => scope === 'profile' || scope === 'phone')) {
    throw misuse(helper, '"scope": tokens signed with EdDSA may only carry the "openid" scope, as on Telegram', 'invalid_scope');
  }
  return scopes;
}

/** A real id_token, as the mock's `/token` or library popup would issue it. */
export async function mintIdTokenWith(state: MockState, options: MintIdTokenOptions = {}): Promise<string> {
  const helper = 'mintIdToken';
  if (typeof options !== 'object' || options === null) throw misuse(helper, `pass an options object or nothing, got ${JSON.stringify(options)}`);
  const client = clientFor(state, helper, options.clientId);
  const alg = options.alg ?? client.algorithm;
  if (!SIGNING_ALGORITHMS.includes(alg)) throw misuse(helper, `"alg" must be one of ${SIGNING_ALGORITHMS.join(', ')}, got ${JSON.stringify(alg)}`);
  const user = userFor(state, helper, 'user', options.user);
  const scopes = checkScopes(helper, scopeText(helper, options.scope, alg), alg);
  if (options.nonce !== undefined && (typeof options.nonce !== 'string' || options.nonce.length === 0)) {
    throw misuse(helper, `"nonce" must be a non-empty string, got ${JSON.stringify(options.nonce)}`);
  }
  if (options.issuedAt !== undefined && !Number.isFinite(options.issuedAt)) {
    throw misuse(helper, `"issuedAt" must be milliseconds since the epoch, got ${JSON.stringify(options.issuedAt)}`);
  }
  return signIdToken(state, { ...client, algorithm: alg }, user, scopes, options.nonce, options.issuedAt);
}

/** A real single-use authorization code, as `/auth` would issue it once the user allowed the request. */
export async function authorizeCodeWith(state: MockState, options: AuthorizeCodeOptions): Promise<string> {
  const helper = 'authorizeCode';
  if (typeof options !== 'object' || options === null) throw misuse(helper, 'pass { redirectUri, … }');
  const client = clientFor(state, helper, options.clientId);
  const user = userFor(state, helper, 'userId', options.userId);
  if (options.codeVerifier !== undefined && options.codeChallenge !== undefined) {
    throw misuse(helper, 'pass "codeVerifier" or "codeChallenge", not both');
  }
  if (typeof options.redirectUri !== 'string' || options.redirectUri === '') {
    throw misuse(helper, `"redirectUri" is required: the callback URL your server sends to /auth and to /token, got ${JSON.stringify(options.redirectUri)}`);
  }
  const query = new Map<string, string>([
    ['response_type', 'code'],
    ['client_id', client.id],
    ['redirect_uri', options.redirectUri],
    ['scope', scopeText(helper, options.scope, client.algorithm)],
  ]);
  if (options.nonce !== undefined) query.set('nonce', options.nonce);
  if (options.codeVerifier !== undefined) {
    if (typeof options.codeVerifier !== 'string' || !PKCE_VALUE.test(options.codeVerifier)) {
      throw misuse(helper, '"codeVerifier" must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 §4.1)');
    }
    query.set('code_challenge', await pkceChallenge(options.codeVerifier));
    query.set('code_challenge_method', 'S256');
  } else if (options.codeChallenge !== undefined) {
    query.set('code_challenge', options.codeChallenge);
    query.set('code_challenge_method', options.codeChallengeMethod ?? 'S256');
  }
  let request;
  try {
    request = parseAuthRequest(query, state.registry, 'en');
  } catch (error) {
    if (error instanceof HttpError) throw authorizationMisuse(client, error);
    throw error;
  }
  if ('redirectError' in request) throw authorizationMisuse(client, request.redirectError);
  return issueCode(state, request, user);
}

/** What /auth would refuse, said with the helper's option names. */
function authorizationMisuse(client: MockClient, error: HttpError): MockHelperError {
  const message = error.message
    .replace(/\bredirect_uri\b/g, '"redirectUri"')
    .replace(/\bcode_challenge_method\b/g, '"codeChallengeMethod"')
    .replace(/\bcode_challenge\b/g, '"codeChallenge"')
    .replace(/^scope\b/, '"scope"')
    .replace(/^unsupported scope (.*)$/, `"scope" has $1; the mock knows ${KNOWN_SCOPES.join(' ')}`);
  const hint = /Allowed URLs/.test(message) ? `; client ${client.id} allows ${client.allowedUrls.join(' ')} (set allowedUrls in the clients option)` : '';
  const code = error.code === 'invalid_client' || error.code === 'invalid_scope' ? error.code : 'invalid_request';
  return misuse('authorizeCode', `${message}${hint}`, code);
}
