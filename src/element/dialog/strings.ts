import { resolveTranslation } from '../localize.js';
import type { TelegramLoginDialogMessages, TelegramLoginTranslation } from '../translation.js';
import { DIALOG_MESSAGE_LOADERS } from './message-loaders.js';
import ENGLISH from './messages/en.js';

/** What the dialog shows in one language: its strings, and the labels it borrows (title, direction). */
export type DialogTranslation = TelegramLoginDialogMessages & Pick<TelegramLoginTranslation, '$code' | '$dir' | 'login'>;

const DIALOG_KEYS = Object.keys(ENGLISH) as (keyof TelegramLoginDialogMessages)[];
const builtIn = new Map<string, TelegramLoginDialogMessages>();

/**
 * The dialog's strings for a BCP 47 tag: the built-in language's (loaded once), then whatever
 * `registerTranslation()` gave for it. English stands in when the language's chunk does not load,
 * and the next dialog tries it again.
 */
export async function dialogTranslation(lang: string): Promise<DialogTranslation> {
  const { $code } = resolveTranslation(lang);
  const loader = DIALOG_MESSAGE_LOADERS[$code];
  if (loader && !builtIn.has($code)) {
    const loaded = await loader().then((module) => module.default, () => undefined);
    if (loaded) builtIn.set($code, loaded);
  }
  // Read after the load: a translation registered meanwhile counts.
  const translation = resolveTranslation(lang) as TelegramLoginTranslation & Partial<TelegramLoginDialogMessages>;
  const registered: Partial<TelegramLoginDialogMessages> = {};
  for (const key of DIALOG_KEYS) if (typeof translation[key] === 'string' && translation[key]) registered[key] = translation[key];
  return { ...ENGLISH, ...builtIn.get($code), ...registered, $code: translation.$code, $dir: translation.$dir, login: translation.login };
}
