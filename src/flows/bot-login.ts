import { TelegramLoginError, toLoginError } from '../errors.js';
import type { TelegramBotLoginResult } from '../types.js';
import { cancelBotLogin, isBotCallFailure, pollBotStatus, startBotLogin, STATUS_WAIT_SECONDS, type BotCallFailure, type BotLoginStart } from './bot-requests.js';
import type { BotLoginRequest } from './requests.js';

/** The bot flow's timings, in ms. */
export interface BotLoginTiming {
  /** How long past the request's expiry the browser waits for the server to say `expired` before `timeout`. */
  expiryGraceMs: number;
  /** Pauses before asking again after a failed status poll; one more failure after the last is the end (`network_error`, …). */
  retryDelaysMs: readonly number[];
  /** A `pending` answer sooner than this after the poll (a server that does not long-poll) waits the rest. */
  minPollMs: number;
  /** The longest `Retry-After` honoured; anything longer counts as this. */
  maxRetryAfterMs: number;
  /** How long `/bot/start` may take. */
  startTimeoutMs: number;
  /** How much longer than its `wait` one status poll may take before it counts as a network failure. */
  pollSlackMs: number;
}

export const BOT_LOGIN_TIMING: BotLoginTiming = {
  expiryGraceMs: 10_000,
  retryDelaysMs: [1000, 2000, 4000],
  minPollMs: 1000,
  maxRetryAfterMs: 30_000,
  startTimeoutMs: 20_000,
  pollSlackMs: 10_000,
};
/**
 * Phones: a coarse pointer on a narrow screen (the screen's shorter side, so a phone held sideways
 * is still one, and a page without a viewport meta tag too). There the click opens Telegram itself.
 */
const PHONE_MAX_SHORT_SIDE = 600;

/** What the dialog shows while the login waits. */
export interface BotLoginPrompt extends BotLoginStart {
  /** On a phone: the click opened the `tg:` link already; no QR code to scan. */
  phone: boolean;
}

/**
 * What the bot flow needs of its user interface (the element's waiting dialog, or your own): show
 * the prompt once the server has created the request, and close when the login ends.
 */
export interface BotLoginView {
  /** `cancel` ends the login as a cancel (the user's Cancel, Escape). A failure (thrown or rejected) ends it too. */
  show(prompt: BotLoginPrompt, cancel: () => void): void | Promise<void>;
  /** The login ended (any outcome). Called once, also when `show` never was. */
  close(): void;
}

const delay = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

const isPhone = () => typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches && Math.min(screen.width, screen.height) < PHONE_MAX_SHORT_SIDE;

/**
 * Opens the bot on a phone from the click that started the login. The page itself navigates to the
 * `tg:` link: the system hands it to the Telegram app and the page stays (a blank window opened in
 * the click would leave an empty tab behind, and the user would come back to it instead of here).
 * It runs as soon as the server answered, while the click's user activation lasts (5 s in Chromium
 * and Firefox); when it does not open, the dialog's "Open Telegram" link does. An http(s) link (the
 * mock's simulated app) would replace the page, so it is left to that link.
 */
function openOnPhone(start: BotLoginStart): void {
  if (/^tg:/i.test(start.links.tg)) location.assign(start.links.tg);
}

/**
 * Runs a bot login: asks the server for a request (`/bot/start`), shows its QR code, link and match
 * code through `view`, and long-polls `/bot/status` until the user confirmed, denied, or the request
 * expired. Resolves with the server's user (the session cookie is set by then); rejects with a
 * `TelegramLoginError`: `popup_closed` (the user's Cancel or Escape) and `aborted` are cancels;
 * `access_denied`, `expired`, `timeout`, `network_error`, `bot_request_missing`, `rate_limited`,
 * `store_unavailable`, … are errors. It always settles: the request's expiry bounds it.
 */
export function runBotLogin(request: BotLoginRequest, view: BotLoginView, timing: BotLoginTiming = BOT_LOGIN_TIMING): Promise<TelegramBotLoginResult> {
  return new Promise((resolve, reject) => {
    const stop = new AbortController();
    let deadline: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    /**
     * The request `/bot/start` created, once its answer named it: the one to cancel. Without an answer
     * nothing is cancelled (the cookie may bind another tab's request by then); the request expires.
     */
    let requestId: unknown;

    /** Ends the login once; `cancelOnServer` when the server's request may still be open. */
    const end = (outcome: TelegramBotLoginResult | TelegramLoginError, cancelOnServer: boolean) => {
      if (closed) return;
      closed = true;
      stop.abort();
      clearTimeout(deadline);
      request.signal?.removeEventListener('abort', onAbort);
      if (typeof removeEventListener === 'function') removeEventListener('pagehide', onPageHide);
      if (cancelOnServer && requestId) cancelBotLogin(request.botUrl, requestId);
      try {
        view.close();
      } finally {
        if (outcome instanceof TelegramLoginError) reject(outcome);
        else resolve(outcome);
      }
    };
    const fail = (error: TelegramLoginError) => end(error, true);
    const onAbort = () => fail(new TelegramLoginError('aborted', 'the login was aborted: the element was removed or the AbortSignal fired'));
    // Leaving the page (unless into the back/forward cache, from which it may return) ends the login and
    // its request: nobody could pick up the session any more, and the bot must not offer it meanwhile.
    const onPageHide = (event: PageTransitionEvent) => {
      if (!event.persisted) fail(new TelegramLoginError('aborted', 'the page was left before the login ended'));
    };
    if (request.signal?.aborted) return onAbort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    if (typeof addEventListener === 'function') addEventListener('pagehide', onPageHide);

    /** Ends the login `expiryGraceMs` after `expiresAt`: a fixed moment, which answers after the expiry do not push back. */
    const armDeadline = (expiresAt: number) => {
      clearTimeout(deadline);
      deadline = setTimeout(
        () => fail(new TelegramLoginError('timeout', `the server did not report the login's end within ${timing.expiryGraceMs / 1000} s of its expiry: check that /bot/status answers`)),
        Math.max(0, expiresAt + timing.expiryGraceMs - Date.now()),
      );
    };

    const poll = async (id: string, expiresAt: number) => {
      // A pending answer re-measures the clocks and may move the expiry, but never past the grace after
      // the one the request started with: a server that kept moving it would keep the login open for ever.
      const latestExpiry = expiresAt + timing.expiryGraceMs;
      let failures = 0;
      while (!closed) {
        const askedAt = Date.now();
        // Never held past the expiry: the poll after it hears `expired` at once.
        const wait = Math.min(STATUS_WAIT_SECONDS, Math.max(1, Math.ceil((expiresAt - askedAt) / 1000) + 1));
        try {
          const answer = await pollBotStatus(request.botUrl, id, wait, timing.pollSlackMs, stop.signal);
          failures = 0;
          switch (answer.status) {
            case 'approved':
              return end({ flow: 'bot', user: answer.user }, false);
            case 'denied':
              return end(new TelegramLoginError('access_denied', 'the user pressed "Not me" in the bot'), false);
            case 'expired':
              return end(new TelegramLoginError('expired', 'the login request expired before the user confirmed it in the bot'), false);
            // Cancelled by a newer start from this browser, or replaced by one (`superseded`): another tab's login goes on.
            case 'cancelled':
            case 'superseded':
              return end(new TelegramLoginError('aborted', 'a newer login in this browser (another tab) replaced it'), false);
            case 'pending':
              if (answer.expiresAt !== undefined) armDeadline((expiresAt = Math.min(answer.expiresAt, latestExpiry)));
              await delay(Math.max(0, askedAt + timing.minPollMs - Date.now()), stop.signal);
          }
        } catch (error) {
          if (closed) return;
          const failed = toFailure(error);
          if (!failed.retryable || failures >= timing.retryDelaysMs.length) return fail(failed.error);
          await delay(Math.min(failed.retryAfterMs ?? timing.retryDelaysMs[failures]!, timing.maxRetryAfterMs), stop.signal);
          failures++;
        }
      }
    };

    startBotLogin(request.botUrl, request.lang, timing.startTimeoutMs, stop.signal).then(
      (start) => {
        if (closed) return;
        requestId = start.requestId;
        const phone = isPhone();
        // First, while the click's activation is fresh; the dialog follows.
        if (phone) openOnPhone(start);
        armDeadline(start.expiresAt);
        const cancel = () => fail(new TelegramLoginError('popup_closed', 'the user closed the login dialog before confirming in Telegram'));
        new Promise<void>((shown) => shown(view.show({ ...start, phone }, cancel))).catch((error: unknown) =>
          fail(toLoginError(error, 'server_error')),
        );
        void poll(start.requestId, start.expiresAt);
      },
      // An answer the flow refused may have created a request: cancel it too.
      (error: unknown) => {
        const failed = toFailure(error);
        requestId = failed.requestId;
        if (!closed) fail(failed.error);
      },
    );
  });
}

function toFailure(error: unknown): BotCallFailure {
  if (isBotCallFailure(error)) return error;
  return { error: error instanceof TelegramLoginError ? error : new TelegramLoginError('network_error', String(error), { cause: error }), retryable: false };
}
