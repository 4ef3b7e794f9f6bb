import { TelegramLoginError, toLoginError } from '../errors.js';
import type { TelegramCodeLoginResult } from '../types.js';
import { beginTransaction, CALLBACK_CHANNEL, CALLBACK_MESSAGE, callbackError, redeemCode, type CallbackMessage, type CodeLoginRequest } from './authorize.js';
import { CLOSE_POLL_MS, COOP_MESSAGE, openLoginPopup, pageSeversPopups, type ActiveLogin } from './popup-window.js';
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
  if (request.signal?.aborted) return Promise.reject(new TelegramLoginError('aborted', 'the login was aborted before it started'));
  let login: ActiveLogin;
  try {
    login = openLoginPopup(POPUP_NAME);
  } catch (error) {
    return Promise.reject(error);
  }
  const popup = login.popup!;

  return new Promise<TelegramCodeLoginResult>((resolve, reject) => {
    let settled = false;
    let transaction: CodeTransaction | undefined;
    let answered = false;
    let closeGrace: ReturnType<typeof setTimeout> | undefined;
    const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CALLBACK_CHANNEL) : undefined;
    const poll = setInterval(() => popup.closed && closed(), CLOSE_POLL_MS);
    const deadline = setTimeout(
      () => settle(new TelegramLoginError('timeout', `no answer from Telegram within ${request.timeout} ms`)),
      request.timeout,
    );
    const onAbort = () => settle(new TelegramLoginError('aborted', 'the login was aborted'));
    login.abandon = () => settle(new TelegramLoginError('aborted', 'a new login replaced this one, whose popup had closed'));

    /** Ends the login once: the outcome follows the branch, never the type of what was thrown. */
    function finish(): boolean {
      if (settled) return false;
      settled = true;
      clearInterval(poll);
      clearTimeout(deadline);
      clearTimeout(closeGrace);
      window.removeEventListener('message', onMessage);
      channel?.close();
      request.signal?.removeEventListener('abort', onAbort);
      login.release();
      if (!popup.closed) popup.close();
      return true;
    }

    function succeed(result: TelegramCodeLoginResult) {
      if (finish()) resolve(result);
    }

    function settle(error: TelegramLoginError) {
      if (finish()) reject(error);
    }

    function closed() {
      if (answered || closeGrace) return;
      clearInterval(poll);
      void pageSeversPopups().then((severed) => {
        if (settled || answered) return;
        if (!severed) {
          closeGrace = setTimeout(
            () => settle(new TelegramLoginError('popup_closed', 'the login popup was closed before the login finished')),
            CLOSE_GRACE_MS,
          );
          return;
        }
        // The popup only looks closed: its callback page will still reach us over BroadcastChannel.
        // Closing it for real can no longer be seen, so the timeout ends an abandoned login.
        if (!coopWarned) {
          coopWarned = true;
          console.warn(`telegram-login-kit: ${COOP_MESSAGE}; the login goes on, but closing its popup cannot be detected [coop_blocked]`);
        }
      });
    }

    function answer(message: CallbackMessage, fromOwnPopup: boolean) {
      if (!transaction || answered || settled) return;
      if (message.state !== transaction.state) {
        // Another tab's login may share the channel; only our own popup's wrong state is an attack.
        if (fromOwnPopup) settle(new TelegramLoginError('state_mismatch', 'the "state" returned to the callback is not the one this login sent'));
        return;
      }
      answered = true;
      clearInterval(poll);
      clearTimeout(closeGrace);
      if (message.error) {
        settle(callbackError(message.error, message.errorDescription));
        return;
      }
      if (!message.code) {
        settle(new TelegramLoginError('provider_error', 'the callback carried neither "code" nor "error"'));
        return;
      }
      redeemCode(transaction, message.code, request.timeout).then(succeed, (error: unknown) => settle(toLoginError(error, 'token_exchange_failed')));
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
    request.signal?.addEventListener('abort', onAbort, { once: true });
    beginTransaction(request).then(
      (begun) => {
        transaction = begun.transaction;
        if (settled) return;
        // Still same-origin (about:blank), so this page may send it on.
        popup.location.replace(begun.url);
      },
      (error: unknown) => settle(new TelegramLoginError('invalid_config', `could not start the login: ${(error as Error).message}`, { cause: error })),
    );
  });
}
