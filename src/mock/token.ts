import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../oauth/http-error.js';
import { pkceChallenge } from '../oauth/pkce.js';
import { randomToken } from '../oauth/random.js';
import { PKCE_VALUE } from './authorize.js';
import { readBody, readForm, sendJson } from './http.js';
import type { MockClient, MockRegistry } from './options.js';
import { findUser, signIdToken, type MockState } from './state.js';

/** What an authorization code stands for until /token redeems it. */
export interface IssuedCode {
  clientId: string;
  /** As the client sent it to /auth. */
  redirectUri: string;
  userId: number;
  scopes: string[];
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
}

const BASIC_CHALLENGE = { 'WWW-Authenticate': 'Basic realm="mock-telegram"' };

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** RFC 6749 §2.3.1: the id and secret are form-urlencoded before base64. */
function readBasicCredentials(header: string): { clientId: string; secret: string } {
  const [scheme, value = ''] = header.split(' ', 2);
  if (scheme?.toLowerCase() !== 'basic') throw new HttpError(401, 'invalid_client', 'Authorization must use the Basic scheme', BASIC_CHALLENGE);
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new HttpError(401, 'invalid_client', 'malformed Basic credentials', BASIC_CHALLENGE);
  try {
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    throw new HttpError(401, 'invalid_client', 'malformed Basic credentials', BASIC_CHALLENGE);
  }
}

/** client_secret_basic or client_secret_post, exactly one of them; returns the authenticated client. */
export function authenticateClient(authorization: string | undefined, form: Map<string, string>, registry: MockRegistry): MockClient {
  const bodySecret = form.get('client_secret');
  let clientId: string | undefined;
  let secret: string | undefined;
  if (authorization !== undefined) {
    if (bodySecret !== undefined) throw new HttpError(400, 'invalid_request', 'use one client authentication method, not both Basic and client_secret');
    ({ clientId, secret } = readBasicCredentials(authorization));
    const bodyId = form.get('client_id');
    if (bodyId !== undefined && bodyId !== clientId) {
      throw new HttpError(401, 'invalid_client', 'client_id does not match the authenticated client', BASIC_CHALLENGE);
    }
  } else {
    clientId = form.get('client_id');
    secret = bodySecret;
    if (clientId === undefined || secret === undefined) {
      throw new HttpError(401, 'invalid_client', 'client authentication required (client_secret_basic or client_secret_post)', BASIC_CHALLENGE);
    }
  }
  const client = registry.client(clientId);
  if (!client || !safeEqual(secret, client.secret)) {
    throw new HttpError(401, 'invalid_client', 'client authentication failed', authorization === undefined ? {} : BASIC_CHALLENGE);
  }
  return client;
}

/** PKCE (RFC 7636 §4.6): the verifier must match the challenge /auth received, or be absent when there was none. */
export async function checkVerifier(issued: Pick<IssuedCode, 'codeChallenge' | 'codeChallengeMethod'>, verifier: string | undefined): Promise<void> {
  if (issued.codeChallenge === undefined) {
    if (verifier !== undefined) throw new HttpError(400, 'invalid_grant', 'code_verifier sent but the authorization request had no code_challenge');
    return;
  }
  if (verifier === undefined) throw new HttpError(400, 'invalid_grant', 'code_verifier required');
  if (!PKCE_VALUE.test(verifier)) throw new HttpError(400, 'invalid_request', 'code_verifier must be 43 to 128 unreserved characters');
  const expected = issued.codeChallengeMethod === 'S256' ? await pkceChallenge(verifier) : verifier;
  if (!safeEqual(expected, issued.codeChallenge)) throw new HttpError(400, 'invalid_grant', 'code_verifier does not match the code_challenge');
}

/** Takes the code (single use) and checks that it belongs to `client`, `redirect_uri` and the verifier. */
export async function redeemCode(state: MockState, client: MockClient, form: Map<string, string>): Promise<IssuedCode> {
  const code = form.get('code');
  if (code === undefined) throw new HttpError(400, 'invalid_request', 'code required');
  const issued = state.codes.take(code);
  if (issued === undefined) throw new HttpError(400, 'invalid_grant', 'code is invalid or was already used');
  if (issued === 'expired') throw new HttpError(400, 'invalid_grant', 'code expired');
  if (issued.clientId !== client.id) throw new HttpError(400, 'invalid_grant', 'code was issued to another client');
  const redirectUri = form.get('redirect_uri');
  if (redirectUri === undefined) throw new HttpError(400, 'invalid_request', 'redirect_uri required');
  if (redirectUri !== issued.redirectUri) throw new HttpError(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
  await checkVerifier(issued, form.get('code_verifier'));
  return issued;
}

/** `POST /token`: authorization_code only, as on Telegram. */
export async function handleToken(state: MockState, req: IncomingMessage, res: ServerResponse, note: (text: string) => void): Promise<void> {
  const injected = state.settings.tokenErrors.shift();
  if (injected) {
    await readBody(req).catch(() => '');
    note(`${injected.error} (control)`);
    const { status, ...body } = injected;
    sendJson(res, status, body);
    return;
  }
  const form = await readForm(req);
  const grantType = form.get('grant_type');
  if (grantType === undefined) throw new HttpError(400, 'invalid_request', 'grant_type required');
  if (grantType !== 'authorization_code') throw new HttpError(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`);
  const client = authenticateClient(req.headers.authorization, form, state.registry);
  const issued = await redeemCode(state, client, form);
  const idToken = await signIdToken(state, client, findUser(state, issued.userId), issued.scopes, issued.nonce);
  note(`client ${client.id}`);
  sendJson(res, 200, { access_token: randomToken(), token_type: 'Bearer', expires_in: 3600, id_token: idToken }, { Pragma: 'no-cache' });
}
