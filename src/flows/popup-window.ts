import { TelegramLoginError } from '../errors.js';

const POPUP_WIDTH = 550;
const POPUP_HEIGHT = 650;
const CLOSE_POLL_MS = 250;
/** A result posted just before the popup closed may arrive after the close is seen: wait this long. */
export const CLOSE_GRACE_MS = 600;

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

// Telegram's library runs one login per page; the code flows follow the same rule.
let active: ActiveLogin | undefined;

export interface ActiveLogin {
  /** The login's popup, for focusing it on the next click. */
  popup: Window | null;
  release(): void;
  /** Ends the login as a cancel (`aborted`), so that a new one can start. */
  abandon?: () => void;
}

/** Marks a login as running; throws `login_in_progress` when another one is. */
function claimActiveLogin(): ActiveLogin {
  if (active) throw new TelegramLoginError('login_in_progress', 'another Telegram login is already open on this page');
  const claim: ActiveLogin = {
    popup: null,
    release() {
      if (active === claim) active = undefined;
    },
  };
  active = claim;
  return claim;
}

/**
 * Claims the page's one login and opens its blank popup (none when `name` is null, for Telegram's
 * in-app browser). Throws `login_in_progress` or `popup_blocked`; nothing stays claimed then.
 */
function openLoginPopup(name: string | null): ActiveLogin {
  const login = claimActiveLogin();
  try {
    login.popup = name === null ? null : openBlankPopup(name);
  } catch (error) {
    login.release();
    throw error;
  }
  return login;
}

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

let coop: Promise<boolean> | undefined;

/**
 * Whether this page sends `Cross-Origin-Opener-Policy: same-origin`, which cuts it off from any popup
 * that navigates to another origin: the popup then looks closed at once and cannot post back.
 * Asked only when a popup looks closed, and once per page.
 */
export function pageSeversPopups(): Promise<boolean> {
  coop ??= fetch(location.href, { method: 'HEAD', cache: 'no-store', credentials: 'same-origin' }).then(
    (response) => {
      const policy = (response.headers.get('cross-origin-opener-policy') ?? '').split(';')[0]!.trim().toLowerCase();
      return policy === 'same-origin';
    },
    () => false,
  );
  return coop;
}

export const COOP_MESSAGE =
  'this page sends Cross-Origin-Opener-Policy: same-origin, which cuts it off from the login popup; send Cross-Origin-Opener-Policy: same-origin-allow-popups (or no such header) on this page';

/** What a flow gets from `runPopupLogin`. */
export interface PopupLogin<T> {
  /** The blank popup opened inside the click; null in Telegram's in-app browser. */
  readonly popup: Window | null;
  readonly settled: boolean;
  succeed(result: T): void;
  fail(error: TelegramLoginError): void;
  /** Runs when the login ends, whatever the outcome. */
  onEnd(cleanup: () => void): void;
}

/**
 * The part every popup login shares. Claims the page's one login and opens its popup inside the
 * click (before any await), then runs `body` with exactly-once outcome controls. It enforces the
 * timeout and the AbortSignal, lets a newer click abandon a login whose popup looks closed, closes
 * the popup at the end (one still closing itself would be reused by name), and calls `onClosed` the
 * first time the popup looks closed.
 */
export function runPopupLogin<T>(
  name: string | null,
  request: { timeout: number; signal?: AbortSignal },
  onClosed: (login: PopupLogin<T>) => void,
  body: (login: PopupLogin<T>) => void,
): Promise<T> {
  if (request.signal?.aborted) return Promise.reject(new TelegramLoginError('aborted', 'the login was aborted before it started'));
  let active: ActiveLogin;
  try {
    active = openLoginPopup(name);
  } catch (error) {
    return Promise.reject(error);
  }
  const { popup } = active;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const cleanups: (() => void)[] = [];
    const finish = (): boolean => {
      if (settled) return false;
      settled = true;
      active.release();
      for (const cleanup of cleanups) cleanup();
      if (popup && !popup.closed) popup.close();
      return true;
    };
    const login: PopupLogin<T> = {
      popup,
      get settled() {
        return settled;
      },
      succeed: (result) => finish() && resolve(result),
      fail: (error) => finish() && reject(error),
      onEnd: (cleanup) => void cleanups.push(cleanup),
    };
    const deadline = setTimeout(() => login.fail(new TelegramLoginError('timeout', `no answer from Telegram within ${request.timeout} ms`)), request.timeout);
    const onAbort = () => login.fail(new TelegramLoginError('aborted', 'the login was aborted'));
    request.signal?.addEventListener('abort', onAbort, { once: true });
    active.abandon = () => login.fail(new TelegramLoginError('aborted', 'a new login replaced this one, whose popup had closed'));
    const poll = popup
      ? setInterval(() => {
          if (!popup.closed) return;
          clearInterval(poll);
          onClosed(login);
        }, CLOSE_POLL_MS)
      : undefined;
    login.onEnd(() => {
      clearTimeout(deadline);
      clearInterval(poll);
      request.signal?.removeEventListener('abort', onAbort);
    });
    body(login);
  });
}
