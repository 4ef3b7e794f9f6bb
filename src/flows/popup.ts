import { providerErrorFor, TelegramLoginError, toLoginError } from '../errors.js';
import type { TelegramCodeLoginResult } from '../types.js';
import { beginTransaction, CALLBACK_CHANNEL, CALLBACK_MESSAGE, redeemCode, type CallbackMessage, type CodeLoginRequest } from './authorize.js';
import { COOP_MESSAGE, pageSeversPopups, runPopupLogin, type PopupLogin } from './popup-window.js';
import type { CodeTransaction } from './transaction.js';

const POPUP_NAME = 'telegram_login_kit';
/**
 * A callback page that sends Cross-Origin-Opener-Policy itself cuts the popup off as it arrives (it
 * looks closed) and answers over the channel once its script has loaded: give it that long.
 */
const CLOSE_GRACE_MS = 3000;
let coopWarned = false;

/**
 * The Authorization Code + PKCE flow in a popup. Call it from a click handler: the popup opens blank
 * before anything else, and is sent to Telegram once the PKCE challenge is hashed. The callback page
 * (`handleRedirectCallback()`) hands back `code` and `state`; this page checks them, has its server
 * redeem the code, and resolves with the verified claims the server returns.
 */
export function loginWithPopup(request: CodeLoginRequest): Promise<TelegramCodeLoginResult> {
  let transaction: CodeTransaction | undefined;
  let answered = false;
  let closeGrace: ReturnType<typeof setTimeout> | undefined;

  function closed(login: PopupLogin<TelegramCodeLoginResult>) {
    void pageSeversPopups().then((severed) => {
      if (login.settled || answered) return;
      if (!severed) {
        closeGrace = setTimeout(
          () => login.fail(new TelegramLoginError('popup_closed', 'the login popup was closed before the login finished')),
          CLOSE_GRACE_MS,
        );
        return;
      }
      // The popup only looks closed: its callback page will still reach us over BroadcastChannel.
      // Closing it for real can no longer be seen: a new click or the timeout ends the login.
      if (!coopWarned) {
        coopWarned = true;
        console.warn(`telegram-login-kit: ${COOP_MESSAGE}; the login goes on, but closing its popup cannot be detected [coop_blocked]`);
      }
    });
  }

  return runPopupLogin<TelegramCodeLoginResult>(POPUP_NAME, request, closed, (login) => {
    const popup = login.popup!;
    const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CALLBACK_CHANNEL) : undefined;

    function answer(message: CallbackMessage, fromOwnPopup: boolean) {
      if (!transaction || answered || login.settled) return;
      if (message.state !== transaction.state) {
        // Another tab's login may share the channel; only our own popup's wrong state is an attack.
        if (fromOwnPopup) login.fail(new TelegramLoginError('state_mismatch', 'the "state" returned to the callback is not the one this login sent'));
        return;
      }
      answered = true;
      clearTimeout(closeGrace);
      if (message.error) {
        login.fail(providerErrorFor(message.error, message.errorDescription));
        return;
      }
      if (!message.code) {
        login.fail(new TelegramLoginError('provider_error', 'the callback carried neither "code" nor "error"'));
        return;
      }
      redeemCode(transaction, message.code, request.timeout).then(login.succeed, (error: unknown) =>
        login.fail(toLoginError(error, 'token_exchange_failed')),
      );
    }

    function onMessage(event: MessageEvent) {
      if (event.origin !== location.origin || event.source !== popup) return;
      const data = event.data as CallbackMessage | null;
      if (data?.type === CALLBACK_MESSAGE) answer(data, true);
    }

    window.addEventListener('message', onMessage);
    channel?.addEventListener('message', (event: MessageEvent) => {
      const data = event.data as CallbackMessage | null;
      if (data?.type === CALLBACK_MESSAGE) answer(data, false);
    });
    login.onEnd(() => {
      window.removeEventListener('message', onMessage);
      channel?.close();
      clearTimeout(closeGrace);
    });
    beginTransaction(request).then(
      (begun) => {
        transaction = begun.transaction;
        // Still same-origin (about:blank), so this page may send it on.
        if (!login.settled) popup.location.replace(begun.url);
      },
      (error: unknown) => login.fail(toLoginError(error, 'invalid_config')),
    );
  });
}
