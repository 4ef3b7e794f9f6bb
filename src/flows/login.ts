import type { TelegramLoginOptions, TelegramLoginResult } from '../types.js';
import { loginWithLibrary } from './library.js';
import { normalizeLoginOptions } from './options.js';

/**
 * Logs in with Telegram without the element. Call it from a click handler (the popup must open
 * inside the user's gesture). Resolves with the id_token and its unverified claims; rejects with a
 * `TelegramLoginError` (`popup_closed` and `aborted` when the user or your code cancelled).
 */
export function login(options: TelegramLoginOptions): Promise<TelegramLoginResult> {
  let request;
  try {
    request = normalizeLoginOptions(options);
  } catch (error) {
    return Promise.reject(error);
  }
  return loginWithLibrary(request);
}
