import { loginWithBot } from './element/bot-login.js';
import { runLogin } from './flows/login.js';
import { normalizeLoginOptions } from './flows/options.js';
import type { TelegramLoginOptions, TelegramLoginResult } from './types.js';

/**
 * Logs in with Telegram without the element. Call it from a click handler (a popup must open inside
 * the user's gesture, and on phones the bot flow opens Telegram from it). Resolves with the result;
 * rejects with a `TelegramLoginError` (`popup_closed` and `aborted` when the user or your code
 * cancelled). With `flow: 'redirect'` the page leaves for Telegram: finish on the callback page with
 * `handleRedirectCallback()`. With `flow: 'bot'` it shows the element's waiting dialog (QR code,
 * match code) in a host of its own, in the language of `lang` or the page.
 */
export function login(options: TelegramLoginOptions): Promise<TelegramLoginResult> {
  let request;
  try {
    request = normalizeLoginOptions(options);
  } catch (error) {
    return Promise.reject(error);
  }
  if (request.flow !== 'bot') return runLogin(request);
  return loginWithBot(request, { opener: document.activeElement as HTMLElement | null, theme: 'auto', lang: request.lang ?? document.documentElement.lang });
}
