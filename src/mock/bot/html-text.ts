import { badRequest } from './errors.js';
import type { BotApiMessageEntity } from './types.js';

/** Tags of Telegram's HTML parse mode and the entity each makes. */
const TAGS: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>/;
const ATTRIBUTE = /([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
const ENTITY = /^&(?:(lt|gt|amp|quot)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/;

interface Open {
  tag: string;
  entity: BotApiMessageEntity | undefined;
}

function cantParse(detail: string) {
  return badRequest(`can't parse entities: ${detail}`);
}

function decodeEntities(value: string): string {
  return value.replace(/&(?:(lt|gt|amp|quot)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g, (whole, named: string, dec: string, hex: string) =>
    named ? NAMED[named]! : safeCodePoint(Number.parseInt(dec ?? hex, dec ? 10 : 16)) ?? whole,
  );
}

function safeCodePoint(code: number): string | undefined {
  return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : undefined;
}

function attributesOf(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of source.matchAll(ATTRIBUTE)) attributes.set(match[1]!.toLowerCase(), decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
  return attributes;
}

/** The entity an opening tag starts, or throws Telegram's error for tags it does not support. */
function entityFor(tag: string, attributes: Map<string, string>, offset: number, byteOffset: number, top: Open | undefined, textLength: number): BotApiMessageEntity | undefined {
  const type = TAGS[tag];
  if (!type || (tag === 'span' && attributes.get('class') !== 'tg-spoiler')) {
    throw cantParse(`Unsupported start tag "${tag}" at byte offset ${byteOffset}`);
  }
  const entity: BotApiMessageEntity = { type, offset, length: 0 };
  if (tag === 'a') {
    const href = attributes.get('href') ?? '';
    if (!/^(https?|tg|mailto):/i.test(href)) return undefined;
    entity.url = href;
  } else if (tag === 'code' && top?.tag === 'pre' && top.entity && top.entity.offset === textLength) {
    // <pre><code class="language-x"> is one pre entity with a language, not two entities.
    const language = /^language-(.+)$/.exec(attributes.get('class') ?? '')?.[1];
    if (language) top.entity.language = language;
    return undefined;
  } else if (tag === 'blockquote' && attributes.has('expandable')) {
    entity.type = 'expandable_blockquote';
  } else if (tag === 'tg-emoji') {
    entity.custom_emoji_id = attributes.get('emoji-id') ?? '';
  }
  return entity;
}

/**
 * Telegram's HTML parse mode: turns `<b>Hi</b> &amp; bye` into the plain text and its entities
 * (offsets in UTF-16 code units, as the Bot API counts them). Unsupported or unbalanced tags fail
 * with Telegram's "can't parse entities" error and the byte offset.
 */
export function parseHtmlText(html: string): { text: string; entities: BotApiMessageEntity[] } {
  let text = '';
  const entities: BotApiMessageEntity[] = [];
  const stack: Open[] = [];
  let index = 0;
  while (index < html.length) {
    const char = html[index]!;
    const rest = html.slice(index);
    const byteOffset = Buffer.byteLength(html.slice(0, index));
    if (char === '<') {
      const match = TAG.exec(rest);
      if (!match) throw cantParse(`Unsupported start tag "${/^<\/?([^\s>]*)/.exec(rest)?.[1] ?? ''}" at byte offset ${byteOffset}`);
      const [whole, closing, rawTag, attributeSource] = match;
      const tag = rawTag!.toLowerCase();
      if (closing) {
        const open = stack.pop();
        if (!open) throw cantParse(`Unexpected end tag at byte offset ${byteOffset}`);
        if (open.tag !== tag) throw cantParse(`Unmatched end tag at byte offset ${byteOffset}, expected "</${open.tag}>", found "</${tag}>"`);
        if (open.entity) {
          open.entity.length = text.length - open.entity.offset;
          if (open.entity.length > 0) entities.push(open.entity);
        }
      } else {
        stack.push({ tag, entity: entityFor(tag, attributesOf(attributeSource ?? ''), text.length, byteOffset, stack.at(-1), text.length) });
      }
      index += whole.length;
    } else if (char === '&') {
      const match = ENTITY.exec(rest);
      const decoded = match && (match[1] ? NAMED[match[1]] : safeCodePoint(Number.parseInt(match[2] ?? match[3]!, match[2] ? 10 : 16)));
      // Telegram leaves an ampersand that starts no supported entity as it is.
      text += decoded ?? '&';
      index += decoded ? match[0].length : 1;
    } else {
      text += char;
      index += 1;
    }
  }
  const unclosed = stack.at(-1);
  if (unclosed) throw cantParse(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}
