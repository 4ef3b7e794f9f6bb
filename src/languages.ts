// One rule for finding a translation from a BCP 47 language tag, shared by the element, the bot's
// texts and the mock's pages, so that a page, its button and the bot's question agree on a language.

/** Tags that mean one of the built-in translations but do not reduce to its code by dropping subtags. */
const LANGUAGE_ALIASES: ReadonlyMap<string, string> = new Map([
  ['pt', 'pt-br'],
  ['pt-pt', 'pt-br'],
  ['zh', 'zh-hans'],
  ['zh-cn', 'zh-hans'],
  ['zh-sg', 'zh-hans'],
  ['zh-tw', 'zh-hant'],
  ['zh-hk', 'zh-hant'],
  ['zh-mo', 'zh-hant'],
]);

/**
 * The translation `find` has for `tag`: the tag itself, its alias, then shorter prefixes
 * (`de-AT` → `de`), then `zh-hant` for any Chinese tag in the Hant script; undefined if none.
 * Case and `_` separators do not matter.
 */
export function matchLanguage<T>(tag: string | null | undefined, find: (code: string) => T | undefined): T | undefined {
  const parts = (typeof tag === 'string' ? tag : '').trim().toLowerCase().replace(/_/g, '-').split('-').filter(Boolean);
  for (let length = parts.length; length > 0; length--) {
    const code = parts.slice(0, length).join('-');
    const alias = LANGUAGE_ALIASES.get(code);
    const found = find(code) ?? (alias === undefined ? undefined : find(alias));
    if (found !== undefined) return found;
  }
  // zh-Hant-TW and friends: the script subtag decides.
  return parts[0] === 'zh' && parts.includes('hant') ? find('zh-hant') : undefined;
}
