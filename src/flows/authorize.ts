import { ERROR_CODES, TelegramLoginError } from '../errors.js';
import type { TelegramCodeLoginResult, TelegramIdTokenClaims } from '../types.js';
import { pkceChallenge, randomToken } from './pkce.js';
import { saveTransaction, TRANSACTION_TTL_MS, type CodeTransaction } from './transaction.js';

/** A code-flow login, validated (see `normalizeLoginOptions`). */
export interface CodeLoginRequest {
  flow: 'popup' | 'redirect';
  clientId: string;
  /** Space-separated OIDC scopes. */
  scope: string;
  lang?: string;
  nonce?: string;
  authorizationEndpoint: string;
  redirectUri: string;
  exchangeUrl: string;
  timeout: number;
  signal?: AbortSignal;
}

/** What a callback page hands to the page that opened its popup. */
export interface CallbackMessage {
  type: typeof CALLBACK_MESSAGE;
  state: string;
  code?: string;
  error?: string;
  errorDescription?: string;
}

export const CALLBACK_MESSAGE = 'telegram-login-kit:callback';
/** Same-origin fallback when the popup lost its opener (Cross-Origin-Opener-Policy on a page). */
export const CALLBACK_CHANNEL = 'telegram-login-kit';
// Our states carry the flow, so a callback page knows whom to hand the answer to, and never
// mistakes another provider's `state` for ours.
const STATE_PREFIX = { popup: 'tlkp.', redirect: 'tlkr.' } as const;

export function flowOfState(state: string | null): 'popup' | 'redirect' | undefined {
  if (state?.startsWith(STATE_PREFIX.popup)) return 'popup';
  if (state?.startsWith(STATE_PREFIX.redirect)) return 'redirect';
  return undefined;
}

/** Creates and stores the transaction (state, PKCE verifier) and returns the authorization URL. */
export async function beginTransaction(request: CodeLoginRequest, returnTo?: string): Promise<{ transaction: CodeTransaction; url: string }> {
  const transaction: CodeTransaction = {
    flow: request.flow,
    clientId: request.clientId,
    state: STATE_PREFIX[request.flow] + randomToken(24),
    codeVerifier: randomToken(48),
    redirectUri: request.redirectUri,
    exchangeUrl: request.exchangeUrl,
    ...(request.nonce ? { nonce: request.nonce } : {}),
    ...(returnTo === undefined ? {} : { returnTo }),
    expiresAt: Date.now() + TRANSACTION_TTL_MS,
  };
  const url = new URL(request.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    scope: request.scope,
    state: transaction.state,
    code_challenge: await pkceChallenge(transaction.codeVerifier),
    code_challenge_method: 'S256',
    ...(request.nonce ? { nonce: request.nonce } : {}),
    ...(request.lang ? { lang: request.lang } : {}),
  }).toString();
  if (request.flow === 'redirect') saveTransaction(transaction);
  return { transaction, url: url.href };
}

/**
 * The exchange endpoint's error answer, `{ error, message, providerError? }`: the server kit answers
 * with our own codes (`state_mismatch`, `id_token_invalid`, …), which stay as they are; anything else
 * is `token_exchange_failed`.
 */
function exchangeError(status: number, body: Record<string, unknown> | undefined): TelegramLoginError {
  const error = typeof body?.error === 'string' ? body.error : undefined;
  const message = typeof body?.message === 'string' ? body.message : `exchange-url answered ${status}`;
  const providerError = typeof body?.providerError === 'string' ? body.providerError : undefined;
  const code = ERROR_CODES.find((known) => known === error) ?? 'token_exchange_failed';
  return new TelegramLoginError(code, message, {
    ...(providerError ? { providerError } : error && code === 'token_exchange_failed' ? { providerError: error } : {}),
  });
}

/**
 * Hands the code to the site's server (`exchange-url`), which redeems it with the client secret and
 * answers `{ user, idToken? }` with the claims it verified.
 */
export async function redeemCode(transaction: CodeTransaction, code: string, timeout: number): Promise<TelegramCodeLoginResult> {
  let response: Response;
  try {
    response = await fetch(transaction.exchangeUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({
        code,
        codeVerifier: transaction.codeVerifier,
        state: transaction.state,
        redirectUri: transaction.redirectUri,
        ...(transaction.nonce ? { nonce: transaction.nonce } : {}),
      }),
      signal: AbortSignal.timeout(timeout),
    });
  } catch (cause) {
    if ((cause as Error).name === 'TimeoutError') {
      throw new TelegramLoginError('timeout', `exchange-url did not answer within ${timeout} ms`, { cause });
    }
    throw new TelegramLoginError('token_exchange_failed', `could not reach exchange-url ${transaction.exchangeUrl}`, { cause });
  }
  const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (!response.ok) throw exchangeError(response.status, body);
  if (!body || typeof body.user !== 'object' || body.user === null) {
    throw new TelegramLoginError('token_exchange_failed', 'exchange-url must answer JSON with the verified claims as "user"');
  }
  return {
    flow: transaction.flow,
    code,
    user: body.user as TelegramIdTokenClaims,
    ...(typeof body.idToken === 'string' ? { idToken: body.idToken } : {}),
    ...(transaction.returnTo ? { returnTo: transaction.returnTo } : {}),
    response: body,
  };
}
