import { BUILT_IN_TRANSLATIONS, LANGUAGE_ALIASES, type TelegramLoginTranslation } from './locales.js';

/**
 * The translation registry and the elements that show it. As in Shoelace/Web Awesome's localize:
 * connected elements re-render when the document's `lang` changes or when `registerTranslation()`
 * adds or changes strings.
 */

const translations = new Map<string, TelegramLoginTranslation>(BUILT_IN_TRANSLATIONS.map((entry) => [entry.$code, entry]));
const FALLBACK = translations.get('en')!;

/** What localize needs of an element: a way to ask for a re-render. */
interface Localized {
  requestUpdate(): void;
}

const connected = new Set<Localized>();
let documentObserver: MutationObserver | undefined;

function refresh(): void {
  for (const element of connected) element.requestUpdate();
}

/** Starts re-rendering `element` on language and translation changes (call from connectedCallback). */
export function connectLocalized(element: Localized): void {
  connected.add(element);
  if (!documentObserver && typeof MutationObserver === 'function') {
    documentObserver = new MutationObserver(refresh);
    documentObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }
}

export function disconnectLocalized(element: Localized): void {
  connected.delete(element);
}

/** The element's own `lang`, else the nearest ancestor's (across shadow roots), else the document's; '' when none. */
export function languageOf(element: Element): string {
  for (let node: Node | null = element; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') ?? '';
  }
  return '';
}

/**
 * Adds languages or replaces strings. A partial translation is completed from the existing one for
 * the same code, else from English. Connected buttons re-render at once.
 */
export function registerTranslation(...entries: (Partial<TelegramLoginTranslation> & { $code: string })[]): void {
  for (const entry of entries) {
    const code = entry.$code.toLowerCase();
    const base = translations.get(code) ?? FALLBACK;
    translations.set(code, { ...base, $telegram: code, ...entry, $code: code });
  }
  refresh();
}

/** The translation for a BCP 47 tag: exact match, known alias, then shorter prefixes, then English. */
export function resolveTranslation(lang: string | null | undefined): TelegramLoginTranslation {
  const parts = (lang ?? '').trim().toLowerCase().replace(/_/g, '-').split('-').filter(Boolean);
  for (let length = parts.length; length > 0; length--) {
    const tag = parts.slice(0, length).join('-');
    const found = translations.get(tag) ?? translations.get(LANGUAGE_ALIASES[tag] ?? '');
    if (found) return found;
  }
  // zh-Hant-TW and friends: the script subtag decides.
  if (parts[0] === 'zh' && parts.includes('hant')) return translations.get('zh-hant')!;
  return FALLBACK;
}

/**
 * The language for Telegram's consent page: Telegram's name for a built-in translation (`pt-br`,
 * `zh-hans`), else the tag as given, so Telegram can still match languages we have no label for.
 */
export function telegramLanguage(lang: string): string {
  const translation = resolveTranslation(lang);
  return translation.$code === 'en' && !/^en(?:[-_]|$)/i.test(lang) ? lang.toLowerCase() : translation.$telegram;
}
