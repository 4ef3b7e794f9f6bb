import { expect, test } from '@playwright/test';
import { parseHtmlText } from './html-text.js';

/** Telegram's HTML parse mode: text, entities in UTF-16 offsets, and its errors with byte offsets. */

test('every supported tag becomes its entity, nested tags included', () => {
  expect(parseHtmlText('<b>bold <i>both</i></b> <u>u</u> <s>s</s> <tg-spoiler>x</tg-spoiler> <span class="tg-spoiler">y</span>')).toEqual({
    text: 'bold both u s x y',
    entities: [
      { type: 'bold', offset: 0, length: 9 },
      { type: 'italic', offset: 5, length: 4 },
      { type: 'underline', offset: 10, length: 1 },
      { type: 'strikethrough', offset: 12, length: 1 },
      { type: 'spoiler', offset: 14, length: 1 },
      { type: 'spoiler', offset: 16, length: 1 },
    ],
  });
});

test('links, code, pre with a language and blockquotes', () => {
  expect(parseHtmlText('<a href="https://example.com/?a=1&amp;b=2">link</a> <code>c</code>\n<pre><code class="language-ts">let x;</code></pre><blockquote expandable>q</blockquote>')).toEqual({
    text: 'link c\nlet x;q',
    entities: [
      { type: 'text_link', offset: 0, length: 4, url: 'https://example.com/?a=1&b=2' },
      { type: 'code', offset: 5, length: 1 },
      { type: 'pre', offset: 7, length: 6, language: 'ts' },
      { type: 'expandable_blockquote', offset: 13, length: 1 },
    ],
  });
});

test('HTML entities decode; a bare ampersand stays; offsets count UTF-16 units', () => {
  expect(parseHtmlText('&lt;tag&gt; &quot;q&quot; &#128640; &#x41; R&D')).toEqual({ text: '<tag> "q" 🚀 A R&D', entities: [] });
  expect(parseHtmlText('🚀 <b>go</b>')).toEqual({ text: '🚀 go', entities: [{ type: 'bold', offset: 3, length: 2 }] });
});

test('a javascript: link keeps its text and loses its link; empty tags make no entity', () => {
  expect(parseHtmlText('<a href="javascript:alert(1)">x</a><b></b>')).toEqual({ text: 'x', entities: [] });
});

test("unsupported, unmatched and unclosed tags fail with Telegram's messages and byte offsets", () => {
  const message = (html: string) => {
    try {
      parseHtmlText(html);
      return 'parsed';
    } catch (error) {
      return (error as { description: string }).description;
    }
  };
  expect(message('é <script>x</script>')).toBe(`Bad Request: can't parse entities: Unsupported start tag "script" at byte offset 3`);
  expect(message('<b>x</i>')).toBe(`Bad Request: can't parse entities: Unmatched end tag at byte offset 4, expected "</b>", found "</i>"`);
  expect(message('x</b>')).toBe(`Bad Request: can't parse entities: Unexpected end tag at byte offset 1`);
  expect(message('<b>x')).toBe(`Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`);
  expect(message('1 < 2')).toBe(`Bad Request: can't parse entities: Unsupported start tag "" at byte offset 2`);
  expect(message('<span>plain span</span>')).toBe(`Bad Request: can't parse entities: Unsupported start tag "span" at byte offset 0`);
});
