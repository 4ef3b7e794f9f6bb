/**
 * telegram-login-kit: importing this module registers `<telegram-login-button>`.
 * Import `telegram-login-kit/element` for the class without registering it.
 */
import './define.js';

export {
  TelegramLoginButtonElement,
  type TelegramLoginButtonAppearance,
  type TelegramLoginButtonShape,
  type TelegramLoginButtonSize,
  type TelegramLoginButtonTheme,
  type TelegramLoginStatus,
} from './element/telegram-login-button.js';
export {
  TelegramLoginCancelEvent,
  TelegramLoginErrorEvent,
  TelegramLoginStartEvent,
  TelegramLoginSuccessEvent,
  type TelegramLoginErrorDetail,
  type TelegramLoginEventMap,
  type TelegramLoginStartDetail,
} from './element/events.js';
export { BUILT_IN_LANGUAGES } from './element/labels.js';
export type { TelegramLoginButtonText, TelegramLoginDialogMessages, TelegramLoginLabels, TelegramLoginMessages, TelegramLoginTranslation } from './element/translation.js';
export { loadTranslation, registerTranslation, resolveTranslation } from './element/localize.js';
export { login } from './login.js';
export { handleRedirectCallback } from './flows/callback-entry.js';
export { decodeIdTokenClaims } from './flows/id-token.js';
export { ERROR_CODES, isTelegramLoginError, TelegramLoginError, type TelegramLoginErrorCode, type TelegramLoginErrorOptions } from './errors.js';
export {
  DEFAULT_BOT_URL,
  DEFAULT_ISSUER,
  DEFAULT_LIBRARY_SRC,
  type LoginFlow,
  type RequestAccess,
  type TelegramAuthCallbackData,
  type TelegramBotLoginResult,
  type TelegramCodeLoginResult,
  type TelegramLibraryLoginResult,
  type TelegramIdTokenClaims,
  type TelegramLoginOptions,
  type TelegramLoginResult,
  type TelegramSessionUser,
  type UnverifiedTelegramClaims,
} from './types.js';
