import type { TelegramCodeLoginResult } from '../types.js';
import { flowOfState } from './callback-message.js';
import { loadChunk } from './chunks.js';

type CallbackModule = typeof import('./callback.js');
let loaded: CallbackModule | undefined;

/** Whether `url` carries the callback of one of our logins (its `state` says so), or this page already handled one. */
function mayBeCallback(url: string): boolean {
  return loaded !== undefined || flowOfState(new URL(url, location.href).searchParams.get('state')) !== undefined;
}

function callbackModule(): Promise<CallbackModule> {
  return loadChunk('callback', () => import('./callback.js')).then((module) => (loaded = module));
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
export function handleRedirectCallback(url: string = location.href, options: { timeout?: number } = {}): Promise<TelegramCodeLoginResult | undefined> {
  if (!mayBeCallback(url)) return Promise.resolve(undefined);
  return callbackModule().then((module) => module.handleRedirectCallback(url, options));
}

/**
 * For a button on this page: resolves with the redirect login this page resumes for it, or undefined
 * (no callback here, a popup's answer handed back to its opener, or another button's login).
 */
export function resumeLoginOnCallback(button: { clientId: string; flow: string; timeoutSeconds: number }): Promise<{ login: Promise<TelegramCodeLoginResult> } | undefined> {
  if (!mayBeCallback(location.href)) return Promise.resolve(undefined);
  return callbackModule().then((module) => {
    const login = module.resumeLoginOnCallback(button);
    // Wrapped: a promise inside a promise would be flattened, and the button wants it while pending.
    return login ? { login } : undefined;
  });
}
