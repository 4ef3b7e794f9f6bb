import { TelegramLoginError, toLoginError } from '../errors.js';
import { authorizationUrlFor } from './code-authorization.js';
import { createCodeTransaction, saveCodeTransaction } from './code-transaction.js';
import type { CodeLoginRequest } from './requests.js';

/**
 * The Authorization Code + PKCE flow as a full-page redirect. The page leaves for Telegram, so the
 * promise only settles if that fails; `handleRedirectCallback()` finishes the login on return.
 */
export async function loginWithRedirect(request: CodeLoginRequest): Promise<never> {
  let url: string;
  try {
    const transaction = createCodeTransaction(request, location.href);
    url = await authorizationUrlFor(request, transaction);
    saveCodeTransaction(transaction);
  } catch (error) {
    // For example no WebCrypto on a plain-http page other than localhost, or no sessionStorage.
    throw toLoginError(error, 'invalid_config');
  }
  if (request.signal?.aborted) throw new TelegramLoginError('aborted', 'the login was aborted');
  location.assign(url);
  // The page is unloading. It stays only if a beforeunload prompt was declined (the timeout ends the
  // login) or comes back from the back/forward cache with this promise still pending (Back button).
  return new Promise<never>((_, reject) => {
    const timer = setTimeout(() => reject(new TelegramLoginError('timeout', 'the page did not leave for Telegram')), request.timeoutMs);
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
