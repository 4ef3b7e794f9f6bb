import { readdir, readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';

/** Clicks `selector` and resolves with the popup the click opens (the wait is registered first). */
export async function clickForPopup(page: Page, selector = '#tg'): Promise<Page> {
  const popup = page.waitForEvent('popup');
  await page.click(selector);
  return popup;
}

/** Resolves when the popup is closed, also when that happened before the call. */
export function whenClosed(popup: Page): Promise<unknown> {
  return popup.isClosed() ? Promise.resolve() : popup.waitForEvent('close');
}

const DIST = new URL('../dist/', import.meta.url);

/**
 * The built drop-in as a site serves it: the entry and its lazy chunks (copy the whole folder). For a
 * path under a site's prefix (`/telegram-login-kit.js`, `/chunks/…`), the file to send, or undefined.
 */
export function dropInFile(pathname: string, prefix = '/'): URL | undefined {
  if (!pathname.startsWith(prefix)) return undefined;
  const rest = pathname.slice(prefix.length);
  if (rest === 'telegram-login-kit.js' || /^chunks\/[\w-]+\.js$/.test(rest)) return new URL(rest, DIST);
  return undefined;
}

/** Every file of the built drop-in as [path under `prefix`, body]: for sites that serve a fixed table of pages. */
export async function dropInFiles(prefix = '/'): Promise<[string, Buffer][]> {
  const chunks = (await readdir(new URL('chunks/', DIST))).filter((name) => name.endsWith('.js')).map((name) => `chunks/${name}`);
  return Promise.all(['telegram-login-kit.js', ...chunks].map(async (rest) => [`${prefix}${rest}`, await readFile(new URL(rest, DIST))] as [string, Buffer]));
}
