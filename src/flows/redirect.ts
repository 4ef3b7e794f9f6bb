import { TelegramLoginError } from '../errors.js';
import type { TelegramCodeLoginResult } from '../types.js';
import {
  beginTransaction,
  CALLBACK_CHANNEL,
  CALLBACK_MESSAGE,
  callbackError,
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
  const { url } = await beginTransaction(request, location.href);
  if (request.signal?.aborted) throw new TelegramLoginError('aborted', 'the login was aborted');
  location.assign(url);
  // The page is unloading; if it does not (a beforeunload prompt was declined), the timeout ends it.
  return new Promise<never>((_, reject) =>
    setTimeout(() => reject(new TelegramLoginError('timeout', 'the page did not leave for Telegram')), request.timeout),
  );
}

const CALLBACK_PARAMS = ['code', 'state', 'error', 'error_description', 'iss'];
let handled: { url: string; result: Promise<TelegramCodeLoginResult | undefined> } | undefined;

/** The callback of one of our logins is in this URL: its `state` has our popup or redirect marker. */
export function callbackFlow(url: string = location.href): 'popup' | 'redirect' | undefined {
  return flowOfState(new URL(url).searchParams.get('state'));
}

/** The client id of the redirect-flow login this URL answers, when this tab started it. */
export function redirectCallbackClientId(url: string = location.href): string | undefined {
  const state = new URL(url).searchParams.get('state');
  return state && flowOfState(state) === 'redirect' ? peekTransaction(state)?.clientId : undefined;
}

/**
 * Call it on your callback page (the element does it for you when it is on that page). In a popup it
 * hands `code` and `state` to the page that opened it and closes the popup; after the redirect flow
 * it checks `state`, has your server redeem the code and resolves with the verified result. Resolves
 * with `undefined` when the URL is not one of our callbacks (safe to call on every page load);
 * rejects with `state_mismatch`, `access_denied`, `token_exchange_failed`, … Repeated calls for the
 * same URL share one result.
 */
export function handleRedirectCallback(url: string = location.href): Promise<TelegramCodeLoginResult | undefined> {
  if (handled?.url !== url) handled = { url, result: complete(new URL(url)) };
  return handled.result;
}

async function complete(url: URL): Promise<TelegramCodeLoginResult | undefined> {
  const state = url.searchParams.get('state');
  const flow = flowOfState(state);
  if (!state || !flow) return undefined;
  const code = url.searchParams.get('code');
  const error = url.searchParams.get('error');
  const description = url.searchParams.get('error_description');
  const message: CallbackMessage = {
    type: CALLBACK_MESSAGE,
    state,
    ...(code ? { code } : {}),
    ...(error ? { error } : {}),
    ...(description ? { errorDescription: description } : {}),
  };
  if (flow === 'popup') {
    handOff(message);
    return undefined;
  }
  // The code is single use, but keep it out of the history and of Referer headers all the same.
  const clean = new URL(url);
  for (const name of CALLBACK_PARAMS) clean.searchParams.delete(name);
  if (url.href === location.href) history.replaceState(history.state, '', clean.href);

  const transaction = takeTransaction(state);
  if (!transaction) {
    throw new TelegramLoginError('state_mismatch', 'no login in this tab sent this "state": it expired, was already used, or was forged');
  }
  if (error) throw callbackError(error, description ?? undefined);
  if (!code) throw new TelegramLoginError('provider_error', 'the callback carried neither "code" nor "error"');
  return redeemCode(transaction, code);
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
