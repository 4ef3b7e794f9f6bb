// The demo page as a product page: no axe violations in light and dark, on a desktop and a 360 px
// phone, no sideways scrolling, and screenshots of each as test artifacts. With
// UPDATE_DEMO_SCREENSHOT=1 the desktop light shot also replaces demo/screenshot.png (the one docs/demo.md shows).
import { copyFile } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { DEMO_PORT } from '../playwright.config.js';

const DEMO_URL = `http://localhost:${DEMO_PORT}/`;

const VIEWPORTS = {
  desktop: { width: 1280, height: 860 },
  phone: { width: 360, height: 740 },
} as const;

async function violations(page: Page) {
  return (await new AxeBuilder({ page }).analyze()).violations.map((violation) => ({
    id: violation.id,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }));
}

async function shoot(page: Page, testInfo: TestInfo, name: string, fullPage = true): Promise<string> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage });
  await testInfo.attach(name, { path, contentType: 'image/png' });
  return path;
}

for (const scheme of ['light', 'dark'] as const) {
  for (const [device, viewport] of Object.entries(VIEWPORTS)) {
    test(`the demo has no accessibility violations and fits the screen (${scheme}, ${device} ${viewport.width} px)`, async ({ page }, testInfo) => {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.goto(DEMO_URL);
      await expect(page.locator('#preview-light').getByRole('button', { name: 'Log in with Telegram' })).toBeVisible();
      await expect(page.locator('#snippet-html')).toContainText('<telegram-login-button client-id="7700000001"');

      expect(await violations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe(scheme === 'light' ? 'rgb(246, 248, 251)' : 'rgb(15, 20, 25)');

      await shoot(page, testInfo, `demo-${scheme}-${device}`);
      if (scheme === 'light' && device === 'desktop' && process.env.UPDATE_DEMO_SCREENSHOT) {
        const path = await shoot(page, testInfo, 'readme-screenshot', false);
        await copyFile(path, new URL('../demo/screenshot.png', import.meta.url));
      }
    });
  }
}

test('the demo stays accessible with an error shown, another tab open and a finished login', async ({ page }, testInfo) => {
  await page.goto(DEMO_URL);
  await page.getByLabel('Client id').fill('not-a-number');
  await page.getByRole('tab', { name: 'BotFather' }).click();
  await expect(page.locator('#clientId-error')).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await page.getByLabel('Client id').fill('7700000001');
  const popup = page.waitForEvent('popup');
  await page.locator('#preview-light').getByRole('button', { name: 'Log in with Telegram' }).click();
  await (await popup).getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByRole('heading', { name: 'Logged in' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await shoot(page, testInfo, 'demo-after-login');
});

test('the whole page works from the keyboard: skip link, form, preview button', async ({ page }) => {
  await page.goto(DEMO_URL);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the generator' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('#preview-light').getByRole('button', { name: 'Log in with Telegram' })).toBeFocused();
  await page.getByLabel('Client id').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: /Library/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: /Popup/ })).toBeChecked();
  await expect(page.locator('#preview-light telegram-login-button')).toHaveAttribute('flow', 'popup');
});

test('at 1280 px every select shows its whole option text, and no snippet scrolls sideways', async ({ page }) => {
  await page.setViewportSize(VIEWPORTS.desktop);
  for (const query of ['', '?flow=popup', '?target=production&flow=redirect&appearance=outlined&theme=auto&text=continue&size=medium']) {
    await page.goto(DEMO_URL + query);
    // A select's own width against the width it would need for its widest option (its max-content).
    const selects = await page.locator('select').evaluateAll((elements) =>
      elements.map((select) => {
        const shown = select.getBoundingClientRect().width;
        (select as HTMLElement).style.width = 'max-content';
        const needed = select.getBoundingClientRect().width;
        (select as HTMLElement).style.width = '';
        return { id: select.id, shown, needed };
      }),
    );
    expect(selects.map((select) => select.id)).toEqual(['size', 'shape', 'appearance', 'theme', 'text']);
    for (const select of selects) expect(select.needed, `${select.id} ${query}`).toBeLessThanOrEqual(select.shown);

    for (const tab of await page.getByRole('tab').all()) {
      await tab.click();
      const panel = page.locator('[role="tabpanel"]:not([hidden]) pre.code');
      const [scrollWidth, clientWidth] = await panel.evaluate((pre) => [pre.scrollWidth, pre.clientWidth]);
      expect(scrollWidth, `${await tab.textContent()} ${query}`).toBeLessThanOrEqual(clientWidth);
    }
  }
});
