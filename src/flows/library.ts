import { providerErrorFor, TelegramLoginError, toLoginError } from '../errors.js';
import type { TelegramLibraryLoginResult } from '../types.js';
import { decodeIdTokenClaims } from './id-token.js';
import { COOP_MESSAGE, knownPageSeversPopups } from './coop.js';
import { libraryProviderOrigin, loadTelegramLibrary, readyLibrary, type TelegramAuthOptions, type TelegramCallbackData, type TelegramLoginLibrary } from './library-script.js';
import { runPopupLogin, TELEGRAM_POPUP_NAME, type CloseHandling } from './popup-window.js';
import type { LibraryLoginRequest } from './requests.js';

/**
 * The library reports `popup_closed` itself and may do so just before the result message lands;
 * a result posted as the popup closed arrives within this.
 */
const LIBRARY_CLOSE: CloseHandling = { graceMs: 600, whenSevered: 'fail' };

/** Telegram's error strings, as typed errors: the library's own about the token, else Telegram's. */
function providerError(text: string): TelegramLoginError {
  if (text === 'missing id_token' || text === 'malformed id_token') {
    return new TelegramLoginError('id_token_invalid', `Telegram sent ${text === 'missing id_token' ? 'no' : 'a malformed'} id_token`, {
      providerError: text,
      reason: text === 'missing id_token' ? 'missing' : 'malformed',
    });
  }
  return providerErrorFor(text);
}

/**
 * Runs a login through Telegram's library. Call it from a click handler: the popup opens before
 * anything else (Telegram's library would hang on a blocked popup, so we open it ourselves and let
 * the library reuse it by name). Resolves with the result, or rejects with a `TelegramLoginError`:
 * `popup_closed` and `aborted` are cancels, everything else an error. It always settles: the
 * timeout bounds it.
 */
export function loginWithLibrary(request: LibraryLoginRequest): Promise<TelegramLibraryLoginResult> {
  // Inside Telegram's in-app browser the library asks the app instead of opening a popup.
  const inApp = 'TelegramWebviewProxy' in globalThis;
  // Known in advance: no popup at all, rather than one left on a consent page that can go nowhere.
  if (!inApp && knownPageSeversPopups()) return Promise.reject(new TelegramLoginError('coop_blocked', COOP_MESSAGE));
  const provider = libraryProviderOrigin(request.librarySrc);

  return runPopupLogin<TelegramLibraryLoginResult>(inApp ? null : TELEGRAM_POPUP_NAME, request, LIBRARY_CLOSE, (login) => {
    const { popup } = login;

    function accept(data: TelegramCallbackData, token: unknown) {
      if (typeof data.error === 'string' && data.error) {
        if (data.error === 'popup_closed') login.closed();
        else login.fail(providerError(data.error));
        return;
      }
      if (typeof token !== 'string' || !token) {
        login.fail(providerError('missing id_token'));
        return;
      }
      try {
        login.succeed({ flow: 'library', idToken: token, user: decodeIdTokenClaims(token) });
      } catch (error) {
        login.fail(toLoginError(error, 'id_token_invalid'));
      }
    }

    // Our own listener, with the library's checks (provider origin, our popup): it keeps a result
    // that lands just after the library has already reported popup_closed.
    function onMessage(event: MessageEvent) {
      if (event.origin !== provider || !popup || event.source !== popup) return;
      let data: unknown = event.data;
      if (typeof data === 'string') {
        try {
          data = JSON.parse(data);
        } catch {
          return;
        }
      }
      const message = data as { event?: unknown; result?: unknown; error?: unknown } | null;
      if (message?.event === 'auth_result') accept(message, message.result);
    }

    function begin(api: TelegramLoginLibrary) {
      if (login.settled) return;
      // Lets the library drop its listener at the end; its late popup_closed finds us settled.
      login.onEnd(() => api.close?.());
      const options: TelegramAuthOptions = { client_id: request.clientId };
      if (request.requestAccess.length > 0) options.request_access = [...request.requestAccess];
      if (request.lang) options.lang = request.lang;
      if (request.nonce) options.nonce = request.nonce;
      try {
        api.auth(options, (data) => accept(data ?? {}, data?.id_token));
      } catch (cause) {
        login.fail(new TelegramLoginError('invalid_config', `Telegram.Login.auth refused the options: ${(cause as Error).message}`, { cause }));
      }
    }

    window.addEventListener('message', onMessage);
    login.onEnd(() => window.removeEventListener('message', onMessage));
    const ready = readyLibrary(request.librarySrc);
    if (ready) begin(ready);
    else loadTelegramLibrary(request.librarySrc, request.libraryTimeoutMs).then(begin, (error: unknown) => login.fail(toLoginError(error, 'library_load_failed')));
  });
}
