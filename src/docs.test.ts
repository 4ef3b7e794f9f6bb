import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import GithubSlugger from 'github-slugger';
import { marked, type Token } from 'marked';

// README.md is the front door and docs/ holds one page per topic: every relative link between them
// must land on a file, and every #anchor on a heading of its page, as GitHub renders it.

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** The markdown of a .md file, '' for any other file, undefined when nothing is there. */
type ReadFile = (path: string) => string | undefined;

interface Page {
  links: string[];
  anchors: Set<string>;
}

/** The text a heading renders to, which GitHub turns into its anchor. */
function plainText(tokens: Token[]): string {
  return tokens.map((token) => ('tokens' in token && token.tokens ? plainText(token.tokens) : 'text' in token ? token.text : '')).join('');
}

function parse(markdown: string): Page {
  const tokens = marked.lexer(markdown);
  const slugger = new GithubSlugger(); // numbers repeated headings -1, -2 as GitHub does
  const page: Page = { links: [], anchors: new Set() };
  marked.walkTokens(tokens, (token) => {
    if (token.type === 'heading') page.anchors.add(slugger.slug(plainText(token.tokens ?? [])));
    if (token.type === 'link' || token.type === 'image') page.links.push(token.href);
  });
  return page;
}

const EXTERNAL = /^([a-z][a-z\d+.-]*:|\/\/)/i;

/** The relative links of one page that lead nowhere, as `href: reason`. */
function brokenLinks(file: string, read: ReadFile): string[] {
  const broken: string[] = [];
  for (const href of parse(read(file) ?? '').links) {
    if (EXTERNAL.test(href)) continue;
    const [path = '', anchor] = href.split('#', 2);
    const target = path ? resolve(dirname(file), decodeURIComponent(path)) : file;
    if (target !== ROOT && !target.startsWith(ROOT + sep)) broken.push(`${href}: outside the repository`);
    else if (read(target) === undefined) broken.push(`${href}: no such file`);
    else if (anchor !== undefined && !parse(read(target)!).anchors.has(anchor)) broken.push(`${href}: no heading "${anchor}"`);
  }
  return broken;
}

const readRepoFile: ReadFile = (path) => {
  if (!existsSync(path)) return undefined;
  return path.endsWith('.md') && statSync(path).isFile() ? readFileSync(path, 'utf8') : '';
};

const docs = (readdirSync(join(ROOT, 'docs'), { recursive: true }) as string[]).filter((name) => name.endsWith('.md')).map((name) => join('docs', name));
const pages = ['README.md', ...docs];

for (const page of pages) {
  test(`every relative link and anchor in ${page} resolves`, () => {
    expect(brokenLinks(join(ROOT, page), readRepoFile)).toEqual([]);
  });
}

test('the README links to every page in docs/', () => {
  const linked = new Set(parse(readFileSync(join(ROOT, 'README.md'), 'utf8')).links.map((href) => href.split('#')[0]));
  expect(docs.length).toBeGreaterThan(5);
  expect(docs.filter((page) => !linked.has(page.split(sep).join('/')))).toEqual([]);
});

test('the link check reports a missing file, a missing heading and a path out of the repository', () => {
  const links = [
    '[fine](a.md#the-handler-on-node-nodehttp)',
    '[second routes](a.md#routes-1)',
    '[in page](#links)',
    '[image](../demo/screenshot.png)',
    '[web](https://example.com/x.md#nowhere)',
    '`[in code](nowhere.md)`',
    '[gone](missing.md)',
    '[bad anchor](a.md#route)',
    '[mangled](#Links)',
    '[escape](../../etc/passwd)',
  ];
  const files = new Map([
    [join(ROOT, 'docs/a.md'), '# Page A\n\n## The handler on Node (`node:http`)\n\n## Routes\n\n## Routes\n'],
    [join(ROOT, 'docs/b.md'), `# B\n\n## Links\n\n${links.join('\n\n')}\n`],
    [join(ROOT, 'demo/screenshot.png'), ''],
  ]);
  expect(brokenLinks(join(ROOT, 'docs/b.md'), (path) => files.get(path))).toEqual([
    'missing.md: no such file',
    'a.md#route: no heading "route"',
    '#Links: no heading "Links"',
    '../../etc/passwd: outside the repository',
  ]);
});

test("the element's console warnings link to a docs page the package ships", () => {
  const { files } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
  const sources = (readdirSync(join(ROOT, 'src'), { recursive: true }) as string[]).filter((name) => /\.ts$/.test(name) && !name.includes('.test.'));
  const shipped = sources.flatMap((name) => [...readFileSync(join(ROOT, 'src', name), 'utf8').matchAll(/cdn\.jsdelivr\.net\/npm\/telegram-login-kit\/([^'"`\s#)]+)/g)].map((match) => match[1]!));
  expect(shipped).toContain('docs/errors.md');
  expect(files).toContain('docs');
  for (const path of shipped) expect(existsSync(join(ROOT, path)), path).toBe(true);
});
