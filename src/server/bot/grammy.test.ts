// The kit as grammY middleware, exactly as docs/bot-login.md shows it: a real grammY bot (long
// polling the mock's Bot API) in which the kit takes its own /start payloads and buttons and passes
// every other update on to the site's own handlers.
import { Bot, InlineKeyboard } from 'grammy';
import { ALICE } from '../handler.test-support.js';
import { BOT, botSays, browser, call, expect, openAndStart, startSite, status, test } from '../bot-login.test-support.js';

test('grammY middleware: the kit logs the user in, and the site\'s own /start, buttons and messages still reach its handlers', async ({ mock }) => {
  const site = await startSite(mock, { webhook: false });
  const auth = site.handler;
  const bot = new Bot(mock.bots[0]!.token, { client: { apiRoot: mock.issuer } });
  // The kit first: it handles its own updates and passes the rest on.
  bot.use(async (ctx, next) => {
    const { handled } = await auth.handleBotUpdate(ctx.update);
    if (!handled) await next();
  });
  bot.command('start', (ctx) => ctx.reply(`Welcome! ${ctx.match || 'no payload'}`, { reply_markup: new InlineKeyboard().text('Buy', 'site:buy') }));
  bot.callbackQuery('site:buy', async (ctx) => {
    await ctx.answerCallbackQuery({ text: 'Bought' });
    await ctx.editMessageText('Thank you for your order');
  });
  bot.on('message:text', (ctx) => ctx.reply(`You said: ${ctx.message.text}`));
  const running = new Promise<void>((resolve) => void bot.start({ onStart: () => resolve(), timeout: 1 }));
  await running;
  try {
    const page = browser();
    const started = (await (await call(site, '/bot/start', page, { body: {} })).json()) as { links: { https: string }; matchCode: string };
    await openAndStart(mock, ALICE, started.links.https);
    const waiting = status(site, page);
    await mock.app.press(ALICE, started.matchCode);
    expect(((await (await waiting).json()) as { user: { sub: string } }).user.sub).toBe('tg:100001');
    await botSays(mock, ALICE, 'You are logged in to localhost:3000.');

    await mock.app.send(ALICE, '/start promo-7');
    await botSays(mock, ALICE, 'Welcome! promo-7');
    await mock.app.press(ALICE, 'Buy');
    await botSays(mock, ALICE, 'Thank you for your order');
    await mock.app.send(ALICE, 'hello');
    await botSays(mock, ALICE, 'You said: hello');
    expect(mock.app.messages(ALICE, BOT).filter((message) => message.from === 'bot').map((message) => message.text)).toEqual([
      'You are logged in to localhost:3000.',
      'Thank you for your order',
      'You said: hello',
    ]);
    expect(site.events.filter((event) => event.type === 'bot_update_refused')).toEqual([]);
  } finally {
    await bot.stop();
    await site.stop();
  }
});
