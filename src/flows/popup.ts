import { loginErrors, providerErrorFor, toLoginError } from '../errors.js';
import type { TelegramCodeLoginResult } from '../types.js';
import { CALLBACK_CHANNEL, CALLBACK_MESSAGE, type CallbackMessage } from './callback-message.js';
import { authorizationUrlFor } from './code-authorization.js';
import { createCodeTransaction } from './code-transaction.js';
import { exchangeCodeAtServer } from './exchange.js';
import type { PopupLogin } from './popup-window.js';
import type { CodeLoginRequest } from './requests.js';

/**
 * The Authorization Code + PKCE flow in the popup that `runLogin` opened blank inside the click (this
 * module loads after that): sends the popup to Telegram once the PKCE challenge is hashed. The
 * callback page (`handleRedirectCallback()`) hands back `code` and `state`; this page checks them,
 * has its server redeem the code, and the login resolves with the verified claims the server returns.
 */
export function continuePopupLogin(login: PopupLogin<TelegramCodeLoginResult>, request: CodeLoginRequest): void {
  if (login.settled) return;
  const transaction = createCodeTransaction(request);
  let answered = false;
  const popup = login.popup!;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CALLBACK_CHANNEL) : undefined;

  function answer(message: CallbackMessage, fromOwnPopup: boolean) {
    if (answered || login.settled) return;
    if (message.state !== transaction.state) {
      // Another tab's login may share the channel; only our own popup's wrong state is an attack.
      if (fromOwnPopup) login.fail(loginErrors.stateMismatch());
      return;
    }
    answered = true;
    login.answered();
    if (message.error) {
      login.fail(providerErrorFor(message.error, message.errorDescription));
      return;
    }
    if (!message.code) {
      login.fail(loginErrors.neitherCodeNorError());
      return;
    }
    exchangeCodeAtServer(transaction, message.code, request.timeoutMs).then(login.succeed, (error: unknown) =>
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
  });
  authorizationUrlFor(request, transaction).then(
    (url) => {
      // Still same-origin (about:blank), so this page may send it on.
      if (!login.settled) popup.location.replace(url);
    },
    (error: unknown) => login.fail(toLoginError(error, 'invalid_config')),
  );
}
