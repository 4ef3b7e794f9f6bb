import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { TelegramLoginError } from '../errors.js';
import { runBotLogin, type BotLoginPrompt, type BotLoginTiming, type BotLoginView } from './bot-login.js';
import type { BotLoginRequest } from './requests.js';

/**
 * The bot flow's waiting logic against a scripted HTTP server that answers as the server kit's
 * contract says (docs/bot-login.md), including what a real server rarely does on demand: answers
 * that fail, hang, come late or make no sense. The flow against the real server kit, the mock's bot
 * and the simulated Telegram app is in e2e/bot-login*.spec.ts.
 */

/** One scripted answer of `/bot/status`. */
type Answer =
  | { status?: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  | 'drop'
  | 'hang';

const FAST: BotLoginTiming = { expiryGraceMs: 400, retryDelaysMs: [20, 40, 80], minPollMs: 60, maxRetryAfterMs: 150, startTimeoutMs: 2000, pollSlackMs: 400 };
const USER = { sub: 'bot:100001', tg_id: 100001, name: 'Alice Anderson', preferred_username: 'alice' };

let server: Server;
let base: string;
let startAnswer: Answer;
let statusAnswers: Answer[];
let calls: { method: string; path: string; wait?: string | null; requestId?: string | null; body?: string }[];

function startBody(expiresInMs = 300_000, now = Date.now()) {
  return {
    requestId: 'req-1',
    links: { https: 'https://t.me/TestBot?start=payload', tg: 'tg://resolve?domain=TestBot&start=payload' },
    qr: { size: 21, modules: 'A'.repeat(75) },
    matchCode: '47',
    expiresAt: now + expiresInMs,
  };
}

function reply(res: ServerResponse, answer: Answer) {
  if (answer === 'hang') return;
  if (answer === 'drop') return void res.socket?.destroy();
  const send = () => res.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json', ...answer.headers }).end(JSON.stringify(answer.body ?? {}));
  if (answer.delayMs) setTimeout(send, answer.delayMs);
  else send();
}

test.beforeAll(async () => {
  server = createServer(async (req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const call: (typeof calls)[number] = { method: req.method ?? '', path: url.pathname };
    calls.push(call);
    if (url.pathname.endsWith('/status')) Object.assign(call, { wait: url.searchParams.get('wait'), requestId: url.searchParams.get('requestId') });
    if (url.pathname === '/auth/telegram/bot/start') return reply(res, startAnswer);
    if (url.pathname === '/auth/telegram/bot/status') return reply(res, statusAnswers.shift() ?? { body: { status: 'pending' }, delayMs: 200 });
    if (url.pathname === '/auth/telegram/bot/cancel') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      call.body = Buffer.concat(chunks).toString();
      return reply(res, { body: { status: 'cancelled' } });
    }
    reply(res, { status: 404, body: { error: 'invalid_request', message: 'unknown path' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/auth/telegram`;
});

test.afterAll(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));

test.beforeEach(() => {
  startAnswer = { body: startBody() };
  statusAnswers = [];
  calls = [];
});

/** A view that records what the flow asked of it; `cancelOnShow` presses Cancel as soon as it shows. */
function recordingView(cancelOnShow = false) {
  const seen = { shown: [] as BotLoginPrompt[], closed: 0 };
  const view: BotLoginView = {
    show(prompt, cancel) {
      seen.shown.push(prompt);
      if (cancelOnShow) cancel();
    },
    close() {
      seen.closed++;
    },
  };
  return { view, seen };
}

function request(extra: Partial<BotLoginRequest> = {}): BotLoginRequest {
  return { flow: 'bot', clientId: '', timeoutMs: 300_000, botUrl: base, ...extra };
}

async function failure(promise: Promise<unknown>): Promise<TelegramLoginError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TelegramLoginError);
  return error as TelegramLoginError;
}

const cancels = () => calls.filter((call) => call.path.endsWith('/bot/cancel')).length;
/** The bodies of the cancels sent so far. */
const cancelBodies = () => calls.filter((call) => call.path.endsWith('/bot/cancel')).map((call) => call.body);

test('shows the prompt, long-polls while pending, and resolves with the server user once approved', async () => {
  statusAnswers = [{ body: { status: 'pending' }, delayMs: 50 }, { body: { status: 'approved', user: USER }, delayMs: 50 }];
  const { view, seen } = recordingView();
  const result = await runBotLogin(request(), view, FAST);
  expect(result).toEqual({ flow: 'bot', user: USER });
  expect(seen.shown).toHaveLength(1);
  expect(seen.shown[0]).toMatchObject({ requestId: 'req-1', matchCode: '47', phone: false, links: { tg: 'tg://resolve?domain=TestBot&start=payload' } });
  expect(seen.closed).toBe(1);
  expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
    'POST /auth/telegram/bot/start',
    'GET /auth/telegram/bot/status',
    'GET /auth/telegram/bot/status',
  ]);
  expect(calls[1]!.wait).toBe('25');
  // Every poll names the request, so that it never hears about another tab's newer one.
  expect(calls.slice(1).map((call) => call.requestId)).toEqual(['req-1', 'req-1']);
  expect(cancels()).toBe(0);
});

for (const [status, code] of [['denied', 'access_denied'], ['expired', 'expired']] as const) {
  test(`ends with ${code} when the server says ${status}, and cancels nothing`, async () => {
    statusAnswers = [{ body: { status } }];
    const { view, seen } = recordingView();
    expect((await failure(runBotLogin(request(), view, FAST))).code).toBe(code);
    expect(seen.closed).toBe(1);
    expect(cancels()).toBe(0);
  });
}

for (const status of ['cancelled', 'superseded']) {
  test(`a request ${status} on the server (another tab's newer login replaced it) is a cancel: aborted, and cancels nothing`, async () => {
    statusAnswers = [{ body: { status } }];
    const error = await failure(runBotLogin(request(), recordingView().view, FAST));
    expect(error).toMatchObject({ code: 'aborted', message: 'a newer login in this browser (another tab) replaced it' });
    expect(cancels()).toBe(0);
  });
}

test('the dialog’s Cancel ends the login as popup_closed and cancels the request on the server', async () => {
  const { view, seen } = recordingView(true);
  const error = await failure(runBotLogin(request(), view, FAST));
  expect(error).toMatchObject({ code: 'popup_closed', message: 'the user closed the login dialog before confirming in Telegram' });
  expect(seen.closed).toBe(1);
  await expect.poll(cancelBodies).toEqual(['{"requestId":"req-1"}']);
});

test('an AbortSignal (the element removed) ends the login as aborted and cancels the request on the server', async () => {
  const abort = new AbortController();
  const { view, seen } = recordingView();
  const login = runBotLogin(request({ signal: abort.signal }), view, FAST);
  await expect.poll(() => seen.shown.length).toBe(1);
  abort.abort();
  expect((await failure(login)).code).toBe('aborted');
  await expect.poll(cancels).toBe(1);
});

test('retries failed polls with backoff, and a poll that then succeeds logs in', async () => {
  statusAnswers = ['drop', { status: 503, body: { error: 'store_unavailable', message: 'the store did not answer' } }, { body: { status: 'approved', user: USER } }];
  expect(await runBotLogin(request(), recordingView().view, FAST)).toEqual({ flow: 'bot', user: USER });
});

test('after the last retry a network failure is network_error, and the request is cancelled', async () => {
  statusAnswers = ['drop', 'drop', 'drop', 'drop', { body: { status: 'approved', user: USER } }];
  const error = await failure(runBotLogin(request(), recordingView().view, FAST));
  expect(error.code).toBe('network_error');
  expect(error.message).toContain('could not be reached');
  expect(calls.filter((call) => call.path.endsWith('/status'))).toHaveLength(4);
  await expect.poll(cancels).toBe(1);
});

test('a poll that hangs past its wait counts as a network failure', async () => {
  // Held 2 s (the expiry in 1 s, plus one), given up 0.2 s later: before the expiry's grace ends.
  startAnswer = { body: startBody(1000) };
  statusAnswers = ['hang'];
  const error = await failure(runBotLogin(request(), recordingView().view, { ...FAST, retryDelaysMs: [], expiryGraceMs: 3000, pollSlackMs: 200 }));
  expect(error.code).toBe('network_error');
  expect(error.message).toContain('did not answer within');
});

test('keeps store_unavailable and rate_limited as the error once the retries are spent, honouring Retry-After', async () => {
  const limited = { status: 429, headers: { 'Retry-After': '0' }, body: { error: 'rate_limited', message: 'too many requests' } };
  statusAnswers = [limited, limited, limited, limited];
  expect((await failure(runBotLogin(request(), recordingView().view, FAST))).code).toBe('rate_limited');
  statusAnswers = Array(4).fill({ status: 503, body: { error: 'store_unavailable', message: 'down' } });
  expect((await failure(runBotLogin(request(), recordingView().view, FAST))).code).toBe('store_unavailable');
});

test('a poll without its request cookie (bot_request_missing) fails at once, without retrying', async () => {
  statusAnswers = [{ status: 401, body: { error: 'bot_request_missing', message: 'no login request for this browser' } }];
  const error = await failure(runBotLogin(request(), recordingView().view, FAST));
  expect(error).toMatchObject({ code: 'bot_request_missing', message: `${base}/bot/status answered 401: no login request for this browser` });
  expect(calls.filter((call) => call.path.endsWith('/status'))).toHaveLength(1);
});

test('a server that answers pending at once is not hammered: polls are spaced by minPollMs', async () => {
  statusAnswers = Array(3).fill({ body: { status: 'pending' } }).concat([{ body: { status: 'approved', user: USER } }]);
  const started = Date.now();
  await runBotLogin(request(), recordingView().view, { ...FAST, minPollMs: 100 });
  expect(Date.now() - started).toBeGreaterThanOrEqual(300);
});

test('ends with timeout when the server stays silent past the expiry and its grace, and the poll never waits past the expiry', async () => {
  startAnswer = { body: startBody(1200) };
  statusAnswers = Array(10).fill({ body: { status: 'pending' }, delayMs: 100 });
  const error = await failure(runBotLogin(request(), recordingView().view, FAST));
  expect(error.code).toBe('timeout');
  const waits = calls.filter((call) => call.path.endsWith('/status')).map((call) => Number(call.wait));
  expect(Math.max(...waits)).toBeLessThanOrEqual(3);
});

test('reads the expiry on this browser’s clock: a server clock an hour ahead does not shorten or lengthen the wait', async () => {
  const serverNow = Date.now() + 3_600_000;
  startAnswer = { body: startBody(120_000, serverNow), headers: { Date: new Date(serverNow).toUTCString() } };
  statusAnswers = [{ body: { status: 'denied' } }];
  const { view, seen } = recordingView();
  await failure(runBotLogin(request(), view, FAST));
  const left = seen.shown[0]!.expiresAt - Date.now();
  expect(left).toBeGreaterThan(115_000);
  expect(left).toBeLessThanOrEqual(121_000);
});

const badStarts: [string, Answer, string, string][] = [
  ['no bot option on the server (404)', { status: 404, body: { error: 'invalid_request', message: 'unknown path' } }, 'invalid_config', 'answered 404: mount the server kit with its bot option'],
  ['a rate limit', { status: 429, headers: { 'Retry-After': '30' }, body: { error: 'rate_limited', message: 'too many login requests' } }, 'rate_limited', 'answered 429: too many login requests'],
  ['an unknown error code', { status: 500, body: { error: 'kaboom', message: 'internal' } }, 'server_error', 'answered 500: internal'],
  ['a javascript: link', { body: { ...startBody(), links: { https: 'javascript:alert(1)', tg: 'tg://resolve?domain=TestBot' } } }, 'server_error', "answered links that are not one bot's tg://resolve"],
  ['no QR code', { body: { ...startBody(), qr: null } }, 'server_error', 'without links and qr'],
  ['no requestId', { body: { ...startBody(), requestId: undefined } }, 'server_error', 'without requestId, matchCode and expiresAt'],
  ['a QR code of an impossible size', { body: { ...startBody(), qr: { size: 3, modules: 'AA' } } }, 'server_error', 'without a QR code'],
  ['HTML instead of JSON', { body: '<html>' }, 'server_error', 'without links and qr'],
  ['a redirect (an open redirect on the site)', { status: 307, headers: { Location: 'http://evil.example/bot/start' } }, 'invalid_config', 'answered with a redirect, which the bot flow never follows'],
];
for (const [what, answer, code, message] of badStarts) {
  test(`a /bot/start answer with ${what} is ${code}, shows nothing and never polls`, async () => {
    startAnswer = answer;
    const { view, seen } = recordingView();
    const error = await failure(runBotLogin(request(), view, FAST));
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
    expect(seen).toEqual({ shown: [], closed: 1 });
    expect(calls.filter((call) => call.path.endsWith('/status'))).toHaveLength(0);
  });
}

test('a refused /bot/start answer’s request is cancelled by its id; a start that never answered cancels nothing (by then the cookie may bind another tab’s request)', async () => {
  startAnswer = { body: { ...startBody(), links: { https: 'https://evil.example/', tg: 'tg://proxy?server=evil.example' } } };
  expect((await failure(runBotLogin(request(), recordingView().view, FAST))).code).toBe('server_error');
  await expect.poll(cancelBodies).toEqual(['{"requestId":"req-1"}']);

  startAnswer = 'hang';
  const abort = new AbortController();
  const login = runBotLogin(request({ signal: abort.signal }), recordingView().view, FAST);
  await expect.poll(() => calls.filter((call) => call.path.endsWith('/bot/start'))).toHaveLength(2);
  // A cancel would be sent within abort(): every fetch the page makes from here on is recorded.
  const fetched: string[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => (fetched.push(String(input)), realFetch(input, init));
  try {
    abort.abort();
    expect((await failure(login)).code).toBe('aborted');
  } finally {
    globalThis.fetch = realFetch;
  }
  expect(fetched).toEqual([]);
  expect(cancels()).toBe(1);
});

test('an approved answer without a user is server_error, never a success', async () => {
  statusAnswers = [{ body: { status: 'approved' } }];
  expect((await failure(runBotLogin(request(), recordingView().view, FAST))).code).toBe('server_error');
});

test('a view that fails to show ends the login with its error and cancels the request', async () => {
  const view: BotLoginView = {
    show: () => Promise.reject(new TypeError('bad QR')),
    close: () => undefined,
  };
  const error = await failure(runBotLogin(request(), view, FAST));
  expect(error).toMatchObject({ code: 'server_error', message: 'bad QR' });
  await expect.poll(cancels).toBe(1);
});

test('an already aborted signal ends the login at once, before any request', async () => {
  const { view, seen } = recordingView();
  expect((await failure(runBotLogin(request({ signal: AbortSignal.abort() }), view, FAST))).code).toBe('aborted');
  expect(seen.closed).toBe(1);
  expect(calls.filter((call) => !call.path.endsWith('/cancel'))).toEqual([]);
});

test('a server whose pending answers keep moving the expiry later cannot keep the login open: it ends with timeout', async () => {
  // The start says 1 s; every pending answer then claims the request lives another hour.
  startAnswer = { body: startBody(1000) };
  statusAnswers = Array.from({ length: 200 }, () => ({ body: { status: 'pending', expiresAt: Date.now() + 3_600_000 }, delayMs: 20 }));
  const outcome = await Promise.race([
    runBotLogin(request(), recordingView().view, FAST).then(
      () => 'success',
      (error: TelegramLoginError) => error.code,
    ),
    new Promise((resolve) => setTimeout(() => resolve('still open after 5 s'), 5000)),
  ]);
  expect(outcome).toBe('timeout');
});

test('a server that keeps answering pending past the expiry cannot push the end back: timeout at the expiry plus its grace', async () => {
  const started = Date.now();
  startAnswer = { body: startBody(1000, started) };
  statusAnswers = Array.from({ length: 200 }, () => ({ body: { status: 'pending', expiresAt: started + 1000 }, delayMs: 20 }));
  const outcome = await Promise.race([
    runBotLogin(request(), recordingView().view, FAST).then(
      () => 'success',
      (error: TelegramLoginError) => error.code,
    ),
    new Promise((resolve) => setTimeout(() => resolve('still open after 5 s'), 5000)),
  ]);
  expect(outcome).toBe('timeout');
  // The expiry (1 s) and the grace (0.4 s), with room for a busy machine.
  expect(Date.now() - started).toBeLessThan(3000);
});
