import { ERROR_CODES, TelegramLoginError } from '../errors.js';
import type { TelegramCodeLoginResult, TelegramIdTokenClaims } from '../types.js';
import type { CodeTransaction } from './code-transaction.js';

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
export async function exchangeCodeAtServer(transaction: CodeTransaction, code: string, timeoutMs: number): Promise<TelegramCodeLoginResult> {
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
      // The code and its verifier go to this origin's exchange-url and nowhere else: a redirect (an
      // open redirect on the site, named by injected markup) must not carry them to another origin.
      mode: 'same-origin',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (cause) {
    if ((cause as Error).name === 'TimeoutError') {
      throw new TelegramLoginError('timeout', `exchange-url did not answer within ${timeoutMs / 1000} s`, { cause });
    }
    throw new TelegramLoginError('token_exchange_failed', `could not reach exchange-url ${transaction.exchangeUrl}`, { cause });
  }
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    throw new TelegramLoginError('token_exchange_failed', 'exchange-url answered with a redirect, which is never followed with the code: point exchange-url at the handler\'s /exchange route itself');
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
