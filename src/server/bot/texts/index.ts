/**
 * The bot's texts in every language the kit ships (the element's and the mock's list), chosen by the
 * Telegram user's `language_code`, with English for any other language; `bot.texts` overrides any of
 * them or adds a language.
 */
import { matchLanguage } from '../../../languages.js';
import { shown } from '../../validate.js';
import { ar } from './ar.js';
import { be } from './be.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fa } from './fa.js';
import { fr } from './fr.js';
import { hi } from './hi.js';
import { id } from './id.js';
import { it } from './it.js';
import { ja } from './ja.js';
import { kk } from './kk.js';
import { ko } from './ko.js';
import { nl } from './nl.js';
import { pl } from './pl.js';
import { ptBr } from './pt-br.js';
import { ru } from './ru.js';
import { tr } from './tr.js';
import { uk } from './uk.js';
import { uz } from './uz.js';
import { zhHans } from './zh-hans.js';
import { zhHant } from './zh-hant.js';
import { PLACEHOLDERS, type BotLoginTextName, type BotLoginTexts } from './strings.js';

export type { BotLoginTexts, BotLoginTextName } from './strings.js';

const BUILT_IN: ReadonlyMap<string, BotLoginTexts> = new Map(
  Object.entries({ en, ru, uk, be, es, 'pt-br': ptBr, de, fr, it, tr, id, fa, ar, 'zh-hans': zhHans, 'zh-hant': zhHant, ja, ko, pl, nl, uz, kk, hi }),
);

/** The languages the bot speaks without `bot.texts`. */
export const BOT_LOGIN_LANGUAGES: readonly string[] = [...BUILT_IN.keys()];


/** `bot.texts`: per language tag, the texts to replace; a tag the kit lacks adds a language (English fills the gaps). */
export type BotLoginTextOverrides = Readonly<Record<string, Partial<BotLoginTexts>>>;

/** Finds the texts for a language tag: the tag, an alias, shorter prefixes, then English. */
export type BotTextsFor = (lang: string | undefined) => BotLoginTexts;

const TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/;
const MAX_TEXT = 1000;

function normalize(tag: string): string {
  return tag.trim().toLowerCase().replace(/_/g, '-');
}

function checkText(lang: string, name: string, value: unknown): string {
  const option = `bot.texts.${lang}.${name}`;
  if (!Object.hasOwn(PLACEHOLDERS, name)) throw new TypeError(`"${option}" is not a bot text: use ${Object.keys(PLACEHOLDERS).join(', ')}`);
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT) {
    throw new TypeError(`"${option}" must be a non-empty string of at most ${MAX_TEXT} characters, got ${shown(value)}`);
  }
  const allowed = PLACEHOLDERS[name as BotLoginTextName];
  for (const [, placeholder] of value.matchAll(/\{([^{}]*)\}/g)) {
    if (!allowed.includes(placeholder!)) {
      throw new TypeError(`"${option}" has the placeholder {${placeholder}}, which it cannot fill: ${allowed.length ? `use ${allowed.map((one) => `{${one}}`).join(', ')}` : 'it takes none'}`);
    }
  }
  return value;
}

function checkOverrides(overrides: unknown): Map<string, Partial<BotLoginTexts>> {
  const checked = new Map<string, Partial<BotLoginTexts>>();
  if (overrides === undefined) return checked;
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw new TypeError(`"bot.texts" must be an object of languages, like { en: { prompt: 'Sign in to {site}?' } }, got ${shown(overrides)}`);
  }
  for (const [tag, texts] of Object.entries(overrides)) {
    const lang = normalize(tag);
    if (!TAG.test(lang)) throw new TypeError(`"bot.texts" key ${shown(tag)} is not a language tag like en, ru or pt-br`);
    if (typeof texts !== 'object' || texts === null || Array.isArray(texts)) throw new TypeError(`"bot.texts.${tag}" must be an object of texts, got ${shown(texts)}`);
    const own: Partial<BotLoginTexts> = {};
    for (const [name, value] of Object.entries(texts)) own[name as BotLoginTextName] = checkText(tag, name, value);
    checked.set(lang, { ...checked.get(lang), ...own });
  }
  return checked;
}

/** The language lookup for `bot.texts`; bad overrides throw a `TypeError` naming them. */
export function createBotTexts(overrides?: BotLoginTextOverrides): BotTextsFor {
  const extra = checkOverrides(overrides);
  const languages = new Map<string, BotLoginTexts>();
  for (const lang of new Set([...BUILT_IN.keys(), ...extra.keys()])) {
    languages.set(lang, { ...en, ...BUILT_IN.get(lang), ...extra.get(lang) });
  }
  return (lang) => matchLanguage(lang, (code) => languages.get(code)) ?? languages.get('en')!;
}
