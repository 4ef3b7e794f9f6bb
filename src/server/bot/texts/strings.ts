/**
 * Every text the bot shows in a bot login, in one language. Texts are plain text (the kit escapes
 * them for Telegram's HTML); `{site}`, `{browser}`, `{os}` and `{time}` are filled in, `{site}` in bold.
 */
export interface BotLoginTexts {
  /** The question. `{site}`. */
  prompt: string;
  /** Where the login was started. `{browser}`, `{os}`, `{time}`. */
  requestFrom: string;
  /** Above the three code buttons. */
  chooseCode: string;
  /** Below it: what to do with a login the reader did not start (a relayed link); names the `notMe` button. */
  notStarted: string;
  /** The button that denies the login. */
  notMe: string;
  /** The message after the right code. `{site}`. */
  approved: string;
  /** The message after "Not me". `{site}`. */
  denied: string;
  /** The message after a wrong code. `{site}`. */
  wrongCode: string;
  /** For an expired, unknown or already used link or button. `{site}`. */
  expired: string;
  /** The message after the site cancelled the login. `{site}`. */
  cancelled: string;
  /** The alert for a Telegram user who is not the one who pressed Start. */
  notYours: string;
  /** `{browser}` when the User-Agent names none the kit knows. */
  unknownBrowser: string;
  /** `{os}` when the User-Agent names none the kit knows. */
  unknownOs: string;
}

export type BotLoginTextName = keyof BotLoginTexts;

/** The placeholders each text may use. */
export const PLACEHOLDERS: Readonly<Record<BotLoginTextName, readonly string[]>> = {
  prompt: ['site'],
  requestFrom: ['browser', 'os', 'time'],
  chooseCode: [],
  notStarted: [],
  notMe: [],
  approved: ['site'],
  denied: ['site'],
  wrongCode: ['site'],
  expired: ['site'],
  cancelled: ['site'],
  notYours: [],
  unknownBrowser: [],
  unknownOs: [],
};
