// The snippet generator: plain functions from a configuration to the code a user copies, one module
// per job in demo/generator/. No DOM here, so the e2e suite imports the same functions and runs what
// they print.
import type { DemoConfig } from './generator/config.js';
import { botFatherChecklist, headersSnippet } from './generator/deploy-snippets.js';
import { reactSnippet, vueSnippet } from './generator/framework-snippets.js';
import { htmlSnippet, npmSnippet } from './generator/page-snippets.js';
import { serverFetchSnippet, serverNodeSnippet } from './generator/server-snippets.js';
import type { SnippetContext } from './generator/text.js';

export * from './generator/config.js';
export {
  AUTH_BASE,
  BUNDLE_DIR,
  BUNDLE_SRC,
  COPY_BUNDLE,
  DEFAULT_MOCK,
  cdnUrl,
  elementAttributes,
  providerAttributes,
  type MockSettings,
  type SnippetContext,
} from './generator/text.js';
export { botFatherChecklist, headersSnippet, htmlSnippet, npmSnippet, reactSnippet, serverFetchSnippet, serverNodeSnippet, vueSnippet };

export const SNIPPET_TABS = [
  { id: 'html', label: 'HTML drop-in', language: 'html', render: htmlSnippet },
  { id: 'npm', label: 'npm / ESM', language: 'js', render: npmSnippet },
  { id: 'react', label: 'React', language: 'jsx', render: reactSnippet },
  { id: 'vue', label: 'Vue', language: 'html', render: vueSnippet },
  { id: 'server-node', label: 'Server: Node', language: 'js', render: serverNodeSnippet },
  { id: 'server-fetch', label: 'Server: Fetch', language: 'js', render: serverFetchSnippet },
  { id: 'headers', label: 'CSP & COOP', language: 'http', render: headersSnippet },
  { id: 'botfather', label: 'BotFather', language: 'text', render: botFatherChecklist },
] as const satisfies ReadonlyArray<{ id: string; label: string; language: string; render: (config: DemoConfig, context: SnippetContext) => string }>;

export type SnippetTabId = (typeof SNIPPET_TABS)[number]['id'];

export function renderSnippets(config: DemoConfig, context: SnippetContext): Record<SnippetTabId, string> {
  return Object.fromEntries(SNIPPET_TABS.map((tab) => [tab.id, tab.render(config, context)])) as Record<SnippetTabId, string>;
}
