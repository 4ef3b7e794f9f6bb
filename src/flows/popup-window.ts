import { loginErrors, TelegramLoginError } from '../errors.js';
import { COOP_MESSAGE, pageSeversPopups } from './coop.js';
import { warnOnce } from './warn-once.js';

/** Telegram's library opens (or reuses) a window with this name; the library flow opens it first, blank, inside the click. */
export const TELEGRAM_POPUP_NAME = 'telegram_oidc_login';
/** Our code flows' popup: its own name, so it never collides with a popup Telegram's library manages. */
export const CODE_FLOW_POPUP_NAME = 'telegram_login_kit';

const POPUP_WIDTH = 550;
const POPUP_HEIGHT = 650;
const CLOSE_POLL_MS = 250;

/** Telegram's popup size, centred on the screen, as Telegram's library opens it. */
function popupFeatures(): string {
  const left = Math.max(0, (screen.width - POPUP_WIDTH) / 2) + ((screen as { availLeft?: number }).availLeft ?? 0);
  const top = Math.max(0, (screen.height - POPUP_HEIGHT) / 2) + ((screen as { availTop?: number }).availTop ?? 0);
  return `width=${POPUP_WIDTH},height=${POPUP_HEIGHT},left=${left},top=${top},status=0,location=0,menubar=0,toolbar=0`;
}

/**
 * Opens a blank popup. Call it before any `await` in a click handler: browsers only allow popups
 * inside the user's gesture. Throws `popup_blocked` when the browser refuses.
 */
function openBlankPopup(name: string): Window {
  const popup = window.open('about:blank', name, popupFeatures());
  if (!popup) {
    throw new TelegramLoginError('popup_blocked', 'the browser blocked the login popup: start the login from a click, or allow pop-ups for this site');
  }
  return popup;
}

/** The page's one running login (Telegram's library runs one per page; the code flows follow it). */
interface ActiveLogin {
  popup: Window | null;
  /** Ends the login as a cancel (`aborted`), so that a new one can start. */
  abandon?: () => void;
}

let active: ActiveLogin | undefined;

/**
 * Brings the open login popup to the front and returns true. Returns false when no login is open,
 * or when its popup looks closed (the user closed it, or COOP hides it): that login is abandoned, so
 * a new click starts afresh instead of waiting for a timeout.
 */
export function focusActiveLogin(): boolean {
  if (!active) return false;
  if (active.popup?.closed && active.abandon) {
    active.abandon();
    return false;
  }
  active.popup?.focus();
  return true;
}

/** What a flow does once its popup looks closed. */
export interface CloseHandling {
  /** Milliseconds a result may still take to arrive after the popup looks closed, before `popup_closed`. */
  graceMs: number;
  /**
   * Under COOP same-origin the popup only looks closed. `fail`: the result can never arrive (the
   * library flow's postMessage), so end with `coop_blocked`. `keep-waiting`: the result still comes
   * (the code flows' callback page answers over BroadcastChannel); warn once, and let a new click or
   * the timeout end the login.
   */
  whenSevered: 'fail' | 'keep-waiting';
}

/** What a flow gets from `runPopupLogin`. */
export interface PopupLogin<T> {
  /** The blank popup opened inside the click; null in Telegram's in-app browser. */
  readonly popup: Window | null;
  readonly settled: boolean;
  succeed(result: T): void;
  fail(error: TelegramLoginError): void;
  /** The result is in (the rest is the flow's own work): a popup closing now is no longer a cancel. */
  answered(): void;
  /** The popup was reported closed by someone else than our poll (Telegram's library). */
  closed(): void;
  /** Runs when the login ends, whatever the outcome. */
  onEnd(cleanup: () => void): void;
}

export interface PopupLoginRequest {
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * The part every popup login shares. Claims the page's one login and opens its popup inside the
 * click (before any await; none when `name` is null, for Telegram's in-app browser), then runs `body`
 * with exactly-once outcome controls. It enforces the timeout and the AbortSignal, lets a newer click
 * abandon a login whose popup looks closed, handles the popup closing as `close` says, and closes the
 * popup at the end (one still closing itself would be reused by name).
 */
export function runPopupLogin<T>(name: string | null, request: PopupLoginRequest, close: CloseHandling, body: (login: PopupLogin<T>) => void): Promise<T> {
  if (request.signal?.aborted) return Promise.reject(new TelegramLoginError('aborted', 'the login was aborted before it started'));
  if (active) return Promise.reject(loginErrors.loginInProgress());
  let popup: Window | null;
  try {
    popup = name === null ? null : openBlankPopup(name);
  } catch (error) {
    return Promise.reject(error);
  }
  const claim: ActiveLogin = { popup };
  active = claim;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let answered = false;
    let closeSeen = false;
    let grace: ReturnType<typeof setTimeout> | undefined;
    const cleanups: (() => void)[] = [];
    const finish = (): boolean => {
      if (settled) return false;
      settled = true;
      if (active === claim) active = undefined;
      for (const cleanup of cleanups) cleanup();
      if (popup && !popup.closed) popup.close();
      return true;
    };
    const onClosed = () => {
      if (closeSeen || answered) return;
      closeSeen = true;
      void pageSeversPopups().then((severed) => {
        if (settled || answered) return;
        if (!severed) {
          grace = setTimeout(() => login.fail(loginErrors.popupClosed()), close.graceMs);
        } else if (close.whenSevered === 'fail') {
          login.fail(new TelegramLoginError('coop_blocked', COOP_MESSAGE));
        } else {
          warnOnce('coop_blocked', `${COOP_MESSAGE}; the login goes on, but closing its popup cannot be detected`);
        }
      });
    };
    const login: PopupLogin<T> = {
      popup,
      get settled() {
        return settled;
      },
      succeed: (result) => finish() && resolve(result),
      fail: (error) => finish() && reject(error),
      answered: () => {
        answered = true;
        clearTimeout(grace);
      },
      closed: onClosed,
      onEnd: (cleanup) => void cleanups.push(cleanup),
    };
    const deadline = setTimeout(() => login.fail(new TelegramLoginError('timeout', `no answer from Telegram within ${request.timeoutMs / 1000} s`)), request.timeoutMs);
    const onAbort = () => login.fail(new TelegramLoginError('aborted', 'the login was aborted'));
    request.signal?.addEventListener('abort', onAbort, { once: true });
    claim.abandon = () => login.fail(new TelegramLoginError('aborted', 'a new login replaced this one, whose popup had closed'));
    const poll = popup
      ? setInterval(() => {
          if (!popup.closed) return;
          clearInterval(poll);
          onClosed();
        }, CLOSE_POLL_MS)
      : undefined;
    login.onEnd(() => {
      clearTimeout(deadline);
      clearTimeout(grace);
      clearInterval(poll);
      request.signal?.removeEventListener('abort', onAbort);
    });
    body(login);
  });
}
