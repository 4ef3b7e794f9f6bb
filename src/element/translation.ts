/**
 * Every string the element shows or announces, per language. The labels are what the first paint
 * needs (all built-in languages ship in the drop-in); the messages load with the language on demand.
 */
export interface TelegramLoginLabels {
  /** BCP 47 tag of this translation, lower case (`en`, `pt-br`, `zh-hant`). */
  $code: string;
  /** Writing direction. */
  $dir: 'ltr' | 'rtl';
  /** Telegram's name for the language, sent as `lang` to its consent page. */
  $telegram: string;
  login: string;
  signin: string;
  signup: string;
  continue: string;
}

export interface TelegramLoginMessages {
  /** Shown in the button while the user confirms in Telegram. */
  pending: string;
  /** Announced when the browser blocked the popup. */
  popupBlocked: string;
  /** Announced when a login failed. */
  failed: string;
}

/** A whole translation: add a language or change strings with `registerTranslation()`. */
export interface TelegramLoginTranslation extends TelegramLoginLabels, TelegramLoginMessages {}

/** The label styles of the `text` attribute. */
export type TelegramLoginButtonText = 'login' | 'signin' | 'signup' | 'continue';
