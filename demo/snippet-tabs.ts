// The snippet tabs: the ARIA tabs pattern, one code panel per tab, and copy buttons. A snippet's
// lines wrap with a hanging indent instead of scrolling sideways; the text (what Copy copies and the
// tests read) stays exactly the snippet.
import { SNIPPET_TABS, type SnippetTabId } from './snippets.js';

const $ = <T extends Element = HTMLElement>(selector: string): T => document.querySelector<T>(selector)!;

export function buildTabs(tablist: HTMLElement, panels: HTMLElement): void {
  for (const [index, tab] of SNIPPET_TABS.entries()) {
    const button = document.createElement('button');
    button.type = 'button';
    button.role = 'tab';
    button.id = `tab-${tab.id}`;
    button.textContent = tab.label;
    button.setAttribute('aria-controls', `panel-${tab.id}`);
    button.setAttribute('aria-selected', String(index === 0));
    button.tabIndex = index === 0 ? 0 : -1;
    tablist.append(button);

    const panel = document.createElement('div');
    panel.role = 'tabpanel';
    panel.id = `panel-${tab.id}`;
    panel.className = 'tabpanel';
    panel.setAttribute('aria-labelledby', button.id);
    panel.hidden = index !== 0;
    const copy = document.createElement('button');
    copy.type = 'button';
    copy.className = 'copy';
    copy.textContent = 'Copy';
    copy.setAttribute('aria-label', `Copy ${tab.label}`);
    copy.addEventListener('click', () => void copySnippet(copy, tab.id, tab.label));
    const pre = document.createElement('pre');
    pre.className = 'code';
    pre.tabIndex = 0;
    pre.setAttribute('aria-label', `${tab.label} snippet`);
    const code = document.createElement('code');
    code.id = `snippet-${tab.id}`;
    pre.append(code);
    panel.append(copy, pre);
    panels.append(panel);
  }
  const tabs = [...tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const select = (tab: HTMLButtonElement, focus: boolean) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      $(`#${other.getAttribute('aria-controls')}`).hidden = !selected;
    }
    if (focus) tab.focus();
  };
  tablist.addEventListener('click', (event) => {
    const tab = (event.target as Element).closest<HTMLButtonElement>('[role="tab"]');
    if (tab) select(tab, false);
  });
  tablist.addEventListener('keydown', (event) => {
    const index = tabs.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select(tabs[(next + tabs.length) % tabs.length]!, true);
  });
}

/** Puts each snippet in its panel, one block per line (for the hanging indent); textContent is the snippet. */
export function showSnippets(snippets: Record<SnippetTabId, string>): void {
  for (const tab of SNIPPET_TABS) {
    const code = $(`#snippet-${tab.id}`);
    if (code.textContent === snippets[tab.id]) continue;
    const lines = snippets[tab.id].split(/(?<=\n)/);
    code.replaceChildren(
      ...lines.map((line) => {
        const span = document.createElement('span');
        span.className = 'line';
        span.textContent = line;
        return span;
      }),
    );
  }
}

const copyTimers = new WeakMap<HTMLButtonElement, number>();

async function copySnippet(button: HTMLButtonElement, id: string, label: string) {
  const text = $(`#snippet-${id}`).textContent ?? '';
  let message: string;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied ✓';
    button.classList.add('done');
    message = `${label} copied to the clipboard.`;
  } catch {
    // No clipboard permission: select the text so Ctrl+C / ⌘C does it.
    const range = document.createRange();
    range.selectNodeContents($(`#snippet-${id}`));
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
    button.textContent = 'Press Ctrl+C';
    message = 'Could not reach the clipboard; the snippet is selected, press Ctrl+C or ⌘C.';
  }
  $('#copy-status').textContent = message;
  clearTimeout(copyTimers.get(button));
  copyTimers.set(
    button,
    window.setTimeout(() => {
      button.textContent = 'Copy';
      button.classList.remove('done');
    }, 2500),
  );
}
