import { BUILT_IN_LABELS, LANGUAGE_ALIASES } from './labels.js';
import { MESSAGE_LOADERS } from './message-loaders.js';
import ENGLISH_MESSAGES from './messages/en.js';
import type { TelegramLoginDialogMessages, TelegramLoginLabels, TelegramLoginMessages, TelegramLoginTranslation } from './translation.js';

/**
 * The translation registry and the elements that show it. As in Shoelace/Web Awesome's localize:
 * connected elements re-render when the document's `lang` changes, when `registerTranslation()` adds
 * or changes strings, and when a language's messages have loaded.
 */

const labels = new Map<string, TelegramLoginLabels>(BUILT_IN_LABELS.map((entry) => [entry.$code, entry]));
const messages = new Map<string, TelegramLoginMessages>([['en', ENGLISH_MESSAGES]]);
const loading = new Map<string, Promise<void>>();
const FALLBACK = labels.get('en')!;

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

/** The labels for a BCP 47 tag: exact match, known alias, then shorter prefixes, then English. */
function resolveLabels(lang: string | null | undefined): TelegramLoginLabels {
  const parts = (lang ?? '').trim().toLowerCase().replace(/_/g, '-').split('-').filter(Boolean);
  for (let length = parts.length; length > 0; length--) {
    const tag = parts.slice(0, length).join('-');
    const found = labels.get(tag) ?? labels.get(LANGUAGE_ALIASES[tag] ?? '');
    if (found) return found;
  }
  // zh-Hant-TW and friends: the script subtag decides.
  if (parts[0] === 'zh' && parts.includes('hant')) return labels.get('zh-hant')!;
  return FALLBACK;
}

/** The messages of the language of `lang`, when they have loaded (English always has). */
export function loadedMessages(lang: string | null | undefined): TelegramLoginMessages | undefined {
  return messages.get(resolveLabels(lang).$code);
}

/**
 * The translation for a BCP 47 tag: exact match, known alias, then shorter prefixes, then English.
 * Its messages are English until the language's have loaded: see {@link loadTranslation}.
 */
export function resolveTranslation(lang: string | null | undefined): TelegramLoginTranslation {
  const found = resolveLabels(lang);
  return { ...found, ...(messages.get(found.$code) ?? ENGLISH_MESSAGES) };
}

/**
 * Loads the messages of a built-in language (a small chunk of its own) and resolves with the whole
 * translation. A failed load is forgotten, so the next call tries again; the English messages stand in.
 */
export function loadTranslation(lang: string | null | undefined): Promise<TelegramLoginTranslation> {
  const code = resolveLabels(lang).$code;
  const loader = MESSAGE_LOADERS[code];
  if (messages.has(code) || !loader) return Promise.resolve(resolveTranslation(lang));
  let pending = loading.get(code);
  if (!pending) {
    pending = loader().then(
      (module) => {
        if (!messages.has(code)) messages.set(code, module.default);
        loading.delete(code);
        refresh();
      },
      () => void loading.delete(code),
    );
    loading.set(code, pending);
  }
  return pending.then(() => resolveTranslation(lang));
}

/**
 * Adds languages or replaces strings. A partial translation is completed from the existing one for
 * the same code, else from English. Connected buttons re-render at once. The dialog's strings are
 * kept with the labels and read by the dialog when it opens.
 */
export function registerTranslation(...entries: (Partial<TelegramLoginTranslation & TelegramLoginDialogMessages> & { $code: string })[]): void {
  for (const entry of entries) {
    const code = entry.$code.toLowerCase();
    const { pending, popupBlocked, failed, ...labelStrings } = entry;
    labels.set(code, { ...(labels.get(code) ?? FALLBACK), $telegram: code, ...labelStrings, $code: code });
    const given = { ...(pending ? { pending } : {}), ...(popupBlocked ? { popupBlocked } : {}), ...(failed ? { failed } : {}) };
    // A registered language has its messages now: given ones, else the built-in ones once loaded, else English.
    if (Object.keys(given).length > 0 || !MESSAGE_LOADERS[code]) messages.set(code, { ...(messages.get(code) ?? ENGLISH_MESSAGES), ...given });
  }
  refresh();
}

/**
 * The language for Telegram's consent page: Telegram's name for a built-in translation (`pt-br`,
 * `zh-hans`), else the tag as given, so Telegram can still match languages we have no label for.
 */
export function telegramLanguage(lang: string): string {
  const translation = resolveLabels(lang);
  return translation.$code === 'en' && !/^en(?:[-_]|$)/i.test(lang) ? lang.toLowerCase() : translation.$telegram;
}
