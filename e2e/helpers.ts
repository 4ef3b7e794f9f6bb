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
