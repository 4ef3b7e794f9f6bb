import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { startMockTelegram, type MockTelegram } from '../server.js';
import { DEFAULT_BOT } from './bots.js';
import type { BotApiUpdate } from './types.js';

/** Webhook deliveries to a real local HTTP server: order, secret token, retries, timeouts, replies. */

const ALICE = 100001;
const SECRET = 'hook-secret_42';

interface Delivery {
  headers: IncomingHttpHeaders;
  update: BotApiUpdate;
  at: number;
  /** Answers the delivery; until then the mock waits (one delivery at a time). */
  respond(status: number, body?: unknown): void;
}

/** A site's webhook endpoint whose test decides how to answer each delivery. */
async function webhookSite() {
  const received: Delivery[] = [];
  const waiters: ((delivery: Delivery) => void)[] = [];
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      open.add(res);
      const delivery: Delivery = {
        headers: req.headers,
        update: JSON.parse(Buffer.concat(chunks).toString('utf8')) as BotApiUpdate,
        at: Date.now(),
        respond(status, body) {
          open.delete(res);
          res.writeHead(status, body === undefined ? {} : { 'Content-Type': 'application/json' });
          res.end(body === undefined ? '' : JSON.stringify(body));
        },
      };
      received.push(delivery);
      waiters.shift()?.(delivery);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let taken = 0;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook`,
    received,
    /** The next delivery not yet handed out, as soon as it arrives. */
    next(): Promise<Delivery> {
      const index = taken++;
      const ready = received[index];
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiters.push(resolve));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let mock: MockTelegram;
let site: Awaited<ReturnType<typeof webhookSite>>;

test.beforeEach(async () => {
  // Short retries keep the tests quick; the timeout stays long so a slow machine never trips it by accident.
  mock = await startMockTelegram({ control: true, botApi: { webhookRetryMs: 20, webhookMaxRetryMs: 50 } });
  site = await webhookSite();
});
test.afterEach(async () => {
  await mock.stop();
  await site.close();
});

async function call(method: string, params: Record<string, unknown> = {}) {
  const response = await fetch(`${mock.issuer}/bot${DEFAULT_BOT.token}/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(params) });
  return (await response.json()) as { ok: boolean; result?: any; description?: string; error_code?: number };
}

async function aliceStartsAndSays(...texts: string[]) {
  await mock.app.open(ALICE, mock.deepLink('MockLoginBot', 'p1'));
  await mock.app.press(ALICE, 'Start');
  for (const text of texts) await mock.app.send(ALICE, text);
}

test('delivers updates one at a time, in order, as JSON with the secret token header', async () => {
  expect(await call('setWebhook', { url: site.url, secret_token: SECRET })).toEqual({ ok: true, result: true, description: 'Webhook was set' });
  await aliceStartsAndSays('one', 'two');
  const first = await site.next();
  expect(first.headers['x-telegram-bot-api-secret-token']).toBe(SECRET);
  expect(first.headers['content-type']).toBe('application/json');
  expect(first.update.message).toMatchObject({ text: '/start p1', from: { id: ALICE } });
  // While the site has not answered, the others wait in the queue.
  expect((await call('getWebhookInfo')).result).toMatchObject({ url: site.url, pending_update_count: 3 });
  expect(site.received).toHaveLength(1);
  first.respond(200);
  const second = await site.next();
  expect(second.update.message?.text).toBe('one');
  expect(second.update.update_id).toBe(first.update.update_id + 1);
  second.respond(204);
  const third = await site.next();
  expect(third.update.message?.text).toBe('two');
  third.respond(200);
  await expect.poll(async () => (await call('getWebhookInfo')).result.pending_update_count).toBe(0);
});

test('retries a failed delivery with growing waits and shows the last error in getWebhookInfo', async () => {
  await call('setWebhook', { url: site.url });
  await aliceStartsAndSays();
  const first = await site.next();
  first.respond(500);
  const second = await site.next();
  expect(second.update.update_id).toBe(first.update.update_id);
  expect(second.at - first.at).toBeGreaterThanOrEqual(15);
  const info = (await call('getWebhookInfo')).result;
  expect(info).toMatchObject({ pending_update_count: 1, last_error_message: 'Wrong response from the webhook: 500 Internal Server Error', last_error_date: expect.any(Number) });
  second.respond(502);
  const third = await site.next();
  expect(third.at - second.at).toBeGreaterThanOrEqual(35);
  third.respond(200);
  await expect.poll(async () => (await call('getWebhookInfo')).result.pending_update_count).toBe(0);
});

test('a site that does not answer in time counts as failed ("Read timeout expired") and gets the update again', async () => {
  await mock.stop();
  mock = await startMockTelegram({ control: true, botApi: { webhookRetryMs: 20, webhookTimeoutMs: 200 } });
  await call('setWebhook', { url: site.url });
  await aliceStartsAndSays();
  const ignored = await site.next();
  const retry = await site.next();
  expect(retry.update.update_id).toBe(ignored.update.update_id);
  expect((await call('getWebhookInfo')).result.last_error_message).toBe('Read timeout expired');
  retry.respond(200);
});

test('a webhook nobody listens on records "Connection refused" and keeps the update', async () => {
  const closed = site.url;
  await site.close();
  await call('setWebhook', { url: closed });
  await aliceStartsAndSays();
  await expect.poll(async () => (await call('getWebhookInfo')).result.last_error_message).toBe('Connection refused');
  expect((await call('getWebhookInfo')).result.pending_update_count).toBe(1);
});

test('a webhook may answer with a method call, which the mock runs', async () => {
  await call('setWebhook', { url: site.url });
  await aliceStartsAndSays();
  (await site.next()).respond(200, { method: 'sendMessage', chat_id: ALICE, text: 'Hello from the webhook reply' });
  expect((await mock.app.waitForMessage(ALICE, 'MockLoginBot', 'webhook reply')).text).toBe('Hello from the webhook reply');
});

test('control webhookDelay holds deliveries', async () => {
  await mock.control({ webhookDelay: { ms: 250, times: 1 } });
  await call('setWebhook', { url: site.url });
  const before = Date.now();
  await aliceStartsAndSays();
  const delivery = await site.next();
  expect(delivery.at - before).toBeGreaterThanOrEqual(240);
  delivery.respond(200);
});

test('drop_pending_updates clears the queue; deleteWebhook stops deliveries and keeps the rest for getUpdates', async () => {
  await aliceStartsAndSays('queued');
  await call('setWebhook', { url: site.url, drop_pending_updates: true });
  expect((await call('getWebhookInfo')).result.pending_update_count).toBe(0);
  await mock.app.send(ALICE, 'after');
  const delivery = await site.next();
  expect(delivery.update.message?.text).toBe('after');
  delivery.respond(500);
  expect(await call('deleteWebhook')).toMatchObject({ ok: true, description: 'Webhook was deleted' });
  const info = (await call('getWebhookInfo')).result;
  expect(info).toEqual({ url: '', has_custom_certificate: false, pending_update_count: 1 });
  expect((await call('getUpdates')).result.map((update: BotApiUpdate) => update.message?.text)).toEqual(['after']);
});

test('setWebhook checks its parameters and says when nothing changed', async () => {
  expect(await call('setWebhook', { url: 'ftp://example.com/hook' })).toMatchObject({ error_code: 400, description: 'Bad Request: bad webhook: An HTTP(S) URL must be provided for webhook' });
  expect(await call('setWebhook', { url: 'not a url' })).toMatchObject({ error_code: 400, description: 'Bad Request: invalid webhook URL specified' });
  expect(await call('setWebhook', { url: site.url, secret_token: 'has spaces' })).toMatchObject({ error_code: 400, description: 'Bad Request: secret token contains unallowed characters' });
  expect(await call('setWebhook', { url: site.url, max_connections: 0 })).toMatchObject({ error_code: 400 });
  expect(await call('setWebhook', { url: site.url, secret_token: SECRET, allowed_updates: ['message'] })).toMatchObject({ ok: true, description: 'Webhook was set' });
  expect(await call('setWebhook', { url: site.url, secret_token: SECRET })).toMatchObject({ ok: true, description: 'Webhook is already set' });
  expect((await call('getWebhookInfo')).result).toEqual({ url: site.url, has_custom_certificate: false, pending_update_count: 0, max_connections: 40, allowed_updates: ['message'] });
  expect(await call('setWebhook', { url: '' })).toMatchObject({ ok: true, description: 'Webhook was deleted' });
});

test('changing the webhook URL sends the pending update to the new URL', async () => {
  const other = await webhookSite();
  try {
    await call('setWebhook', { url: site.url });
    await aliceStartsAndSays();
    (await site.next()).respond(503);
    await call('setWebhook', { url: other.url });
    const moved = await other.next();
    expect(moved.update.message?.text).toBe('/start p1');
    moved.respond(200);
  } finally {
    await other.close();
  }
});
