import type { TelegramLoginOptions, TelegramLoginResult } from '../types.js';
import { loginWithLibrary } from './library.js';
import { normalizeLoginOptions } from './options.js';
import { loginWithPopup } from './popup.js';
import { loginWithRedirect } from './redirect.js';
import type { LoginRequest } from './requests.js';

/** Runs a validated login with its flow. Synchronous up to the popup's `window.open`. */
export function runLogin(request: LoginRequest): Promise<TelegramLoginResult> {
  switch (request.flow) {
    case 'library':
      return loginWithLibrary(request);
    case 'popup':
      return loginWithPopup(request);
    case 'redirect':
      return loginWithRedirect(request);
  }
}

/**
 * Logs in with Telegram without the element. Call it from a click handler (the popup must open
 * inside the user's gesture). Resolves with the result; rejects with a `TelegramLoginError`
 * (`popup_closed` and `aborted` when the user or your code cancelled). With `flow: 'redirect'` the
 * page leaves for Telegram: finish on the callback page with `handleRedirectCallback()`.
 */
export function login(options: TelegramLoginOptions): Promise<TelegramLoginResult> {
  let request;
  try {
    request = normalizeLoginOptions(options);
  } catch (error) {
    return Promise.reject(error);
  }
  return runLogin(request);
}
