import { TelegramLoginError } from '../errors.js';
import type { TelegramIdTokenClaims } from '../types.js';
import { checkClientId, checkClientSecret, checkUrl, normalizeIssuer, ownOptions, type IdTokenAlgorithm } from './validate.js';
import { verifyIdToken, type VerifyIdTokenOptions } from './verify-id-token.js';

export interface ExchangeCodeOptions
  extends Pick<VerifyIdTokenOptions, 'jwksUri' | 'clockTolerance' | 'currentDate' | 'jwksTimeout' | 'maxAge'> {
  /** The `code` Telegram sent to your redirect URI. */
  code: string;
  /** The PKCE verifier whose S256 challenge went into the authorization request. */
  codeVerifier?: string;
  /** Exactly the `redirect_uri` of the authorization request. */
  redirectUri: string;
  clientId: string | number;
  /** The Client Secret from BotFather (not the bot token). Server-side only. */
  clientSecret: string;
  /** Default `https://oauth.telegram.org`. */
  issuer?: string;
  /** Default `${issuer}/token`. */
  tokenEndpoint?: string;
  /** Default `client_secret_basic`. */
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post';
  /** Checked only when given: Telegram may not echo a nonce in the code flow. */
  nonce?: string;
  /** Default `['RS256']`. */
  algorithms?: IdTokenAlgorithm[];
  /** For the token request only (the JWKS is fetched with the global `fetch`). */
  fetch?: typeof fetch;
  /** Milliseconds to wait for the token endpoint. Default 10 000. */
  timeout?: number;
}

export interface ExchangeCodeResult {
  idToken: string;
  /** The id_token's claims, verified. */
  claims: TelegramIdTokenClaims;
  /** Telegram issues one, but documents no use for it. */
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
}

interface TokenResponse {
  id_token?: unknown;
  access_token?: unknown;
  expires_in?: unknown;
  error?: unknown;
  error_description?: unknown;
}

const DEFAULT_TIMEOUT = 10_000;

function failed(message: string, options: { cause?: unknown; providerError?: string; providerErrorDescription?: string } = {}): TelegramLoginError {
  return new TelegramLoginError('token_exchange_failed', message, options);
}

/** RFC 6749 §2.3.1: each half of the Basic credentials is form-urlencoded before base64. */
function formEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

function basicCredentials(clientId: string, secret: string): string {
  return `Basic ${btoa(`${formEncode(clientId)}:${formEncode(secret)}`)}`;
}

function checkOptions(options: ExchangeCodeOptions): void {
  if (typeof options.code !== 'string' || options.code === '') throw new TypeError(`"code" must be a non-empty string, got ${typeof options.code === 'string' ? 'an empty string' : typeof options.code}`);
  checkClientSecret(options.clientSecret);
  checkUrl(options.redirectUri, 'redirectUri');
  const method = options.tokenEndpointAuthMethod ?? 'client_secret_basic';
  if (method !== 'client_secret_basic' && method !== 'client_secret_post') {
    throw new TypeError('"tokenEndpointAuthMethod" must be "client_secret_basic" or "client_secret_post"');
  }
}

function tokenRequest(options: ExchangeCodeOptions, clientId: string, timeout: number): RequestInit {
  const body = new URLSearchParams({ grant_type: 'authorization_code', code: options.code, redirect_uri: options.redirectUri, client_id: clientId });
  if (options.codeVerifier !== undefined) body.set('code_verifier', options.codeVerifier);
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
  if (options.tokenEndpointAuthMethod === 'client_secret_post') body.set('client_secret', options.clientSecret);
  else headers.Authorization = basicCredentials(clientId, options.clientSecret);
  // A token endpoint never redirects; following one would resend the credentials elsewhere.
  return { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeout) };
}

async function postToken(endpoint: string, init: RequestInit, fetchImpl: typeof fetch, timeout: number): Promise<Response> {
  try {
    return await fetchImpl(endpoint, init);
  } catch (cause) {
    const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
    throw failed(timedOut ? `token endpoint did not answer within ${timeout} ms` : 'token request failed: network error', { cause });
  }
}

async function readTokenResponse(response: Response): Promise<TokenResponse> {
  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    throw failed(`token endpoint answered ${response.status} with a body that is not json`, { cause });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw failed(`token endpoint answered ${response.status} with json that is not an object`);
  }
  return body as TokenResponse;
}

function providerFailure(status: number, body: TokenResponse): TelegramLoginError {
  if (typeof body.error !== 'string') return failed(`token endpoint answered ${status} without an oauth error`);
  // Telegram answers invalid_client to a wrong secret; the usual mistake is the bot token in its place.
  const hint = body.error === 'invalid_client' ? ': check "clientSecret" (the Client Secret from BotFather → Bot Settings → Web Login, not the bot token)' : '';
  return failed(`token endpoint answered "${body.error}"${hint}`, {
    providerError: body.error,
    ...(typeof body.error_description === 'string' ? { providerErrorDescription: body.error_description } : {}),
  });
}

/**
 * Exchanges an authorization code for tokens at Telegram's token endpoint (client_secret_basic by
 * default), then verifies the id_token. Failures of the request are `token_exchange_failed` (with
 * Telegram's `providerError` when it sent one); failures of the token are those of `verifyIdToken`.
 */
export async function exchangeCode(given: ExchangeCodeOptions): Promise<ExchangeCodeResult> {
  const options = ownOptions(given, 'exchangeCode');
  checkOptions(options);
  const clientId = checkClientId(options.clientId);
  const issuer = normalizeIssuer(options.issuer);
  const endpoint = checkUrl(options.tokenEndpoint ?? `${issuer}/token`, 'tokenEndpoint');
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  if (!Number.isSafeInteger(timeout) || timeout <= 0) throw new TypeError('"timeout" must be a positive whole number of milliseconds');

  const response = await postToken(endpoint, tokenRequest(options, clientId, timeout), options.fetch ?? fetch, timeout);
  const body = await readTokenResponse(response);
  if (!response.ok) throw providerFailure(response.status, body);
  if (typeof body.id_token !== 'string') throw failed('"id_token" missing from the token response');
  if (typeof body.access_token !== 'string') throw failed('"access_token" missing from the token response');

  const claims = await verifyIdToken(body.id_token, {
    clientId,
    issuer,
    jwksUri: options.jwksUri,
    algorithms: options.algorithms,
    nonce: options.nonce,
    clockTolerance: options.clockTolerance,
    currentDate: options.currentDate,
    jwksTimeout: options.jwksTimeout,
    maxAge: options.maxAge,
  });
  return {
    idToken: body.id_token,
    claims,
    accessToken: body.access_token,
    expiresIn: typeof body.expires_in === 'number' ? body.expires_in : 0,
  };
}
