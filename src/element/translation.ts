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

/**
 * The waiting dialog's strings (the bot flow's QR code and match code). They load with the dialog, in
 * a chunk per language, so pages that never open it never fetch them. Override them, like the rest,
 * with `registerTranslation()`.
 */
export interface TelegramLoginDialogMessages {
  /** The dialog's button that ends the login. */
  dialogCancel: string;
  /** The status line while the login waits for the user's confirmation. */
  dialogWaiting: string;
  /** The time left before the request expires; `{time}` becomes `m:ss`. */
  dialogTimeLeft: string;
  /** Announced once when a minute is left. */
  dialogOneMinute: string;
  /** On a computer: how to go on. */
  botScan: string;
  /** The accessible name of the QR code. */
  botQrLabel: string;
  /** The button that opens the bot in the Telegram app (`tg:` link). */
  botOpen: string;
  /** The link to the same chat through t.me, in a new tab, for when the app does not open. */
  botOpenWeb: string;
  /** Shown before the match code, which follows it in large type. */
  botPressCode: string;
}

/** A whole translation: add a language or change strings with `registerTranslation()`. */
export interface TelegramLoginTranslation extends TelegramLoginLabels, TelegramLoginMessages {}

/** The label styles of the `text` attribute. */
export type TelegramLoginButtonText = 'login' | 'signin' | 'signup' | 'continue';
