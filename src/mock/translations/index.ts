/**
 * The languages of the mock's pages: every language the element ships, so that the consent page
 * follows the button's `lang` (which the element passes on to Telegram's page) instead of quietly
 * falling back to English. Other tags get English, and the page says `lang="en"`.
 */
import { en } from './en.js';
import { ru } from './ru.js';
import { uk } from './uk.js';
import { be } from './be.js';
import { es } from './es.js';
import { ptBr } from './pt-br.js';
import { de } from './de.js';
import { fr } from './fr.js';
import { it } from './it.js';
import { tr } from './tr.js';
import { id } from './id.js';
import { fa } from './fa.js';
import { ar } from './ar.js';
import { zhHans } from './zh-hans.js';
import { zhHant } from './zh-hant.js';
import { ja } from './ja.js';
import { ko } from './ko.js';
import { pl } from './pl.js';
import { nl } from './nl.js';
import { uz } from './uz.js';
import { kk } from './kk.js';
import { hi } from './hi.js';
import { matchLanguage } from '../../languages.js';
import type { ConsentPageStrings } from './strings.js';

export type { ConsentPageStrings } from './strings.js';

const BY_CODE = new Map<string, ConsentPageStrings>([en, ru, uk, be, es, ptBr, de, fr, it, tr, id, fa, ar, zhHans, zhHant, ja, ko, pl, nl, uz, kk, hi].map((strings) => [strings.$code, strings]));

// Tags that do not reduce to a built-in code by dropping subtags (the element's list).

/** Language codes the mock's pages are translated into. */
export const PAGE_LANGUAGES: readonly string[] = [...BY_CODE.keys()];

/** The strings for a BCP 47 tag: exact match, alias, then shorter prefixes, then English. */
export function pageStrings(lang: string | null | undefined): ConsentPageStrings {
  return matchLanguage(lang, (code) => BY_CODE.get(code)) ?? BY_CODE.get('en')!;
}
