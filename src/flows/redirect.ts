import { providerErrorFor, TelegramLoginError, toLoginError } from '../errors.js';
import type { TelegramCodeLoginResult } from '../types.js';
import {
  beginTransaction,
  CALLBACK_CHANNEL,
  CALLBACK_MESSAGE,
  flowOfState,
  redeemCode,
  type CallbackMessage,
  type CodeLoginRequest,
} from './authorize.js';
import { peekTransaction, takeTransaction } from './transaction.js';

/**
 * The Authorization Code + PKCE flow as a full-page redirect. The page leaves for Telegram, so the
 * promise only settles if that fails; `handleRedirectCallback()` finishes the login on return.
 */
export async function loginWithRedirect(request: CodeLoginRequest): Promise<never> {
  let url: string;
  try {
    ({ url } = await beginTransaction(request, location.href));
  } catch (error) {
    // For example no WebCrypto on a plain-http page other than localhost.
    throw toLoginError(error, 'invalid_config');
  }
  if (request.signal?.aborted) throw new TelegramLoginError('aborted', 'the login was aborted');
  location.assign(url);
  // The page is unloading. It stays only if a beforeunload prompt was declined (the timeout ends the
  // login) or comes back from the back/forward cache with this promise still pending (Back button).
  return new Promise<never>((_, reject) => {
    const timer = setTimeout(() => reject(new TelegramLoginError('timeout', 'the page did not leave for Telegram')), request.timeout);
    window.addEventListener(
      'pageshow',
      (event) => {
        if (!event.persisted) return;
        clearTimeout(timer);
        reject(new TelegramLoginError('aborted', 'the user came back without finishing the login'));
      },
      { once: true },
    );
  });
}

const CALLBACK_PARAMS = ['code', 'state', 'error', 'error_description', 'iss'];
const DEFAULT_EXCHANGE_TIMEOUT = 30_000;
// The callback being handled on this page. Keyed by state, and also found by the cleaned URL: the
// first call removes code and state from the address bar, later callers still share its result.
let handled:
  | { state: string; flow: 'popup' | 'redirect'; cleanHref: string; clientId?: string; result: Promise<TelegramCodeLoginResult | undefined> }
  | undefined;

function callbackIn(url: URL): { state: string; flow: 'popup' | 'redirect' } | undefined {
  const state = url.searchParams.get('state');
  const flow = flowOfState(state);
  if (state && flow) return { state, flow };
  if (handled && handled.cleanHref === url.href) return handled;
  return undefined;
}

/** The callback of one of our logins is in this URL (or was, before this page cleaned it). */
export function callbackFlow(url: string = location.href): 'popup' | 'redirect' | undefined {
  return callbackIn(new URL(url))?.flow;
}

/** The client id of the redirect-flow login this URL answers, when this tab started it. */
export function redirectCallbackClientId(url: string = location.href): string | undefined {
  const callback = callbackIn(new URL(url));
  if (callback?.flow !== 'redirect') return undefined;
  return peekTransaction(callback.state)?.clientId ?? (handled?.state === callback.state ? handled.clientId : undefined);
}

/**
 * Call it on your callback page (the element does it for you when it is on that page). In a popup it
 * hands `code` and `state` to the page that opened it and closes the popup; after the redirect flow
 * it checks `state`, has your server redeem the code and resolves with the verified result. Resolves
 * with `undefined` when the URL is not one of our callbacks (safe to call on every page load);
 * rejects with `state_mismatch`, `access_denied`, `token_exchange_failed`, `timeout`, … Every call on
 * the same page shares one result, also after the first has cleaned the URL.
 */
export function handleRedirectCallback(
  url: string = location.href,
  { timeout = DEFAULT_EXCHANGE_TIMEOUT }: { timeout?: number } = {},
): Promise<TelegramCodeLoginResult | undefined> {
  const parsed = new URL(url);
  const callback = callbackIn(parsed);
  if (!callback) return Promise.resolve(undefined);
  if (handled?.state === callback.state) return handled.result;
  const clean = new URL(parsed);
  for (const name of CALLBACK_PARAMS) clean.searchParams.delete(name);
  const clientId = peekTransaction(callback.state)?.clientId;
  const result = complete(parsed, callback.state, callback.flow, timeout);
  handled = { state: callback.state, flow: callback.flow, cleanHref: clean.href, ...(clientId ? { clientId } : {}), result };
  // The code is single use, but keep it out of the history and of Referer headers all the same.
  if (parsed.href === location.href) history.replaceState(history.state, '', clean.href);
  return result;
}

async function complete(url: URL, state: string, flow: 'popup' | 'redirect', timeout: number): Promise<TelegramCodeLoginResult | undefined> {
  const code = url.searchParams.get('code');
  const error = url.searchParams.get('error');
  const description = url.searchParams.get('error_description');
  if (flow === 'popup') {
    handOff({
      type: CALLBACK_MESSAGE,
      state,
      ...(code ? { code } : {}),
      ...(error ? { error } : {}),
      ...(description ? { errorDescription: description } : {}),
    });
    return undefined;
  }
  const transaction = takeTransaction(state);
  if (!transaction) {
    throw new TelegramLoginError('state_mismatch', 'no login in this tab sent this "state": it expired (10 minutes), was already used, or was forged');
  }
  if (error) throw providerErrorFor(error, description ?? undefined);
  if (!code) throw new TelegramLoginError('provider_error', 'the callback carried neither "code" nor "error"');
  return redeemCode(transaction, code, timeout);
}

/** Hands the popup's answer to its opener, or over the same-origin channel when COOP cut it off. */
function handOff(message: CallbackMessage) {
  try {
    const opener = window.opener as Window | null;
    // targetOrigin: only a page of our own origin may receive the code.
    if (opener && !opener.closed) opener.postMessage(message, location.origin);
  } catch {
    // The opener is unreachable; the channel below still is.
  }
  if (typeof BroadcastChannel === 'function') {
    const channel = new BroadcastChannel(CALLBACK_CHANNEL);
    channel.postMessage(message);
    channel.close();
  }
  window.close();
}
