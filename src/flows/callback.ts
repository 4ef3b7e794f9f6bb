import { loginErrors, providerErrorFor } from '../errors.js';
import type { TelegramCodeLoginResult } from '../types.js';
import { CALLBACK_MESSAGE, flowOfState } from './callback-message.js';
import { peekCodeTransaction, takeCodeTransaction } from './code-transaction.js';
import { exchangeCodeAtServer } from './exchange.js';
import { handOffToOpener } from './popup-handoff.js';

const CALLBACK_PARAMS = ['code', 'state', 'error', 'error_description', 'iss'];
const DEFAULT_EXCHANGE_TIMEOUT_SECONDS = 30;

interface Callback {
  state: string;
  flow: 'popup' | 'redirect';
}

// The callback being handled on this page. Keyed by state, and also found by the cleaned URL: the
// first call removes code and state from the address bar, later callers still share its result.
let handled: (Callback & { cleanHref: string; clientId?: string; result: Promise<TelegramCodeLoginResult | undefined> }) | undefined;

function callbackIn(url: URL): Callback | undefined {
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
function redirectCallbackClientId(callback: Callback): string | undefined {
  return peekCodeTransaction(callback.state)?.clientId ?? (handled?.state === callback.state ? handled.clientId : undefined);
}

async function complete(url: URL, callback: Callback, timeoutMs: number): Promise<TelegramCodeLoginResult | undefined> {
  const code = url.searchParams.get('code');
  const error = url.searchParams.get('error');
  const description = url.searchParams.get('error_description');
  if (callback.flow === 'popup') {
    handOffToOpener({
      type: CALLBACK_MESSAGE,
      state: callback.state,
      ...(code ? { code } : {}),
      ...(error ? { error } : {}),
      ...(description ? { errorDescription: description } : {}),
    });
    return undefined;
  }
  const transaction = takeCodeTransaction(callback.state);
  if (!transaction) throw loginErrors.stateMismatch();
  if (error) throw providerErrorFor(error, description ?? undefined);
  if (!code) throw loginErrors.neitherCodeNorError();
  return exchangeCodeAtServer(transaction, code, timeoutMs);
}

/**
 * Call it on your callback page (the element does it for you when it is on that page). In a popup it
 * hands `code` and `state` to the page that opened it and closes the popup; after the redirect flow
 * it checks `state`, has your server redeem the code and resolves with the verified result. Resolves
 * with `undefined` when the URL is not one of our callbacks (safe to call on every page load);
 * rejects with `state_mismatch`, `access_denied`, `token_exchange_failed`, `timeout`, … Every call on
 * the same page shares one result, also after the first has cleaned the URL. `timeout` is in seconds
 * (default 30), for the server's answer.
 */
export function handleRedirectCallback(
  url: string = location.href,
  { timeout = DEFAULT_EXCHANGE_TIMEOUT_SECONDS }: { timeout?: number } = {},
): Promise<TelegramCodeLoginResult | undefined> {
  const parsed = new URL(url);
  const callback = callbackIn(parsed);
  if (!callback) return Promise.resolve(undefined);
  if (handled?.state === callback.state) return handled.result;
  const clean = new URL(parsed);
  for (const name of CALLBACK_PARAMS) clean.searchParams.delete(name);
  const clientId = peekCodeTransaction(callback.state)?.clientId;
  const result = complete(parsed, callback, timeout * 1000);
  handled = { ...callback, cleanHref: clean.href, ...(clientId ? { clientId } : {}), result };
  // The code is single use, but keep it out of the history and of Referer headers all the same.
  if (parsed.href === location.href) history.replaceState(history.state, '', clean.href);
  return result;
}

/**
 * For a button on this page: hands a popup callback back to its opener, or resumes the redirect login
 * this page is the callback of, when it belongs to `clientId` (a callback whose owner is unknown, a
 * forged or spent `state`, is every redirect button's to report). Undefined when there is nothing to
 * resume for this button.
 */
export function resumeLoginOnCallback(button: { clientId: string; flow: string; timeoutSeconds: number }): Promise<TelegramCodeLoginResult> | undefined {
  const callback = callbackIn(new URL(location.href));
  if (!callback) return undefined;
  if (callback.flow === 'popup') {
    void handleRedirectCallback();
    return undefined;
  }
  if (button.flow !== 'redirect') return undefined;
  const owner = redirectCallbackClientId(callback);
  if (owner !== undefined && owner !== button.clientId) return undefined;
  return handleRedirectCallback(location.href, { timeout: button.timeoutSeconds }).then((result) => {
    if (!result) throw loginErrors.stateMismatch();
    return result;
  });
}
