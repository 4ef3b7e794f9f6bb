import { botPage, dialogShows, expect, test } from './bot-fixtures.js';

/**
 * `login({ flow: 'bot' })` and the element's attributes with values a developer (or injected
 * markup) gets wrong: each is a typed `invalid_config` naming the option before anything is sent,
 * and the page's language, whatever it is, never stops the login.
 */

const badOptions: [option: string, source: string][] = [
  ['botUrl', "{ flow: 'bot', botUrl: 'https://evil.example/auth/telegram' }"],
  ['botUrl', "{ flow: 'bot', botUrl: '/auth/telegram?next=/x' }"],
  ['botUrl', "{ flow: 'bot', botUrl: 42 }"],
  ['botUrl', "{ flow: 'bot', botUrl: { toString: () => '/auth/telegram' } }"],
  ['lang', "{ flow: 'bot', lang: 42 }"],
  ['lang', "{ flow: 'bot', lang: '<script>' }"],
  ['signal', "{ flow: 'bot', signal: 'stop' }"],
];

for (const [option, source] of badOptions) {
  test(`login(${source}) rejects with invalid_config naming "${option}", and sends nothing`, async ({ page, site }) => {
    const sent: string[] = [];
    page.on('request', (request) => request.url().includes('/bot/') && sent.push(request.url()));
    await page.goto(site.page('/login-options', '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Options</title></head><body></body></html>'));
    const outcome = await page.evaluate(async (source) => {
      const { login } = (await import('/telegram-login-kit.js' as string)) as { login: (options: unknown) => Promise<unknown> };
      const options: unknown = new Function(`return ${source}`)();
      return Promise.race([
        login(options).then(
          () => 'resolved',
          (error: { code: string; message: string }) => `${error.code} ${error.message}`,
        ),
        new Promise((resolve) => setTimeout(() => resolve(document.body.innerHTML.includes('div') ? 'a dialog opened' : 'still pending'), 2000)),
      ]);
    }, source);
    expect(outcome).toMatch(/^invalid_config /);
    expect(outcome).toMatch(option === 'botUrl' ? /"(?:botUrl|bot-url)"/ : new RegExp(`"${option}"`));
    expect(sent).toEqual([]);
  });
}

for (const lang of ['sv-SE-u-fw-mon', 'en-GB-x-hixie', 'i-klingon']) {
  test(`a page in an unusual language tag (${lang}) still starts a bot login`, async ({ page, site }) => {
    await page.goto(botPage(site, { lang }));
    await page.click('#tg');
    await dialogShows(page);
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  });
}
