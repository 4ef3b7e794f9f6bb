import { providerErrorFor, TelegramLoginError, toLoginError } from '../errors.js';
import type { RequestAccess, TelegramLibraryLoginResult } from '../types.js';
import { decodeIdTokenClaims } from './id-token.js';
import { CLOSE_GRACE_MS, COOP_MESSAGE, pageSeversPopups, runPopupLogin, type PopupLogin } from './popup-window.js';

/** The part of Telegram's `Telegram.Login` that we call. */
export interface TelegramLoginLibrary {
  auth(options: TelegramAuthOptions, callback: (data: TelegramCallbackData) => void): void;
  close?(): void;
}

interface TelegramAuthOptions {
  client_id: string;
  request_access?: RequestAccess[];
  lang?: string;
  nonce?: string;
}

interface TelegramCallbackData {
  id_token?: unknown;
  error?: unknown;
}

/** A library-flow login, validated (see `normalizeLoginOptions`). */
export interface LibraryLoginRequest {
  flow: 'library';
  clientId: string;
  requestAccess: readonly RequestAccess[];
  lang?: string;
  nonce?: string;
  /** Absolute URL of telegram-login.js. */
  librarySrc: string;
  libraryTimeout: number;
  timeout: number;
  signal?: AbortSignal;
}

/** Telegram's library opens (or reuses) a window with this name; so do we, inside the click. */
export const POPUP_NAME = 'telegram_oidc_login';

const loaded = new Map<string, TelegramLoginLibrary>();
const loading = new Map<string, Promise<TelegramLoginLibrary>>();

function telegramGlobal(): TelegramLoginLibrary | undefined {
  const login = (globalThis as { Telegram?: { Login?: Partial<TelegramLoginLibrary> } }).Telegram?.Login;
  return typeof login?.auth === 'function' ? (login as TelegramLoginLibrary) : undefined;
}

/**
 * The library took its script URL's origin as the provider, mapping Telegram's CDN hosts to their
 * OAuth hosts; messages are accepted from that origin only.
 */
export function providerOrigin(librarySrc: string): string {
  const { origin } = new URL(librarySrc);
  if (origin === 'https://telegram.org') return 'https://oauth.telegram.org';
  if (origin === 'https://tg.dev' || origin === 'https://telegram-js.azureedge.net') return 'https://oauth.tg.dev';
  return origin;
}

/** The library when it is already on the page: loaded by us, or by the site's own script tag. */
function readyLibrary(url: string): TelegramLoginLibrary | undefined {
  const known = loaded.get(url);
  if (known) return known;
  const api = telegramGlobal();
  // Only once our script has run (or may have: it timed out) is the global ours, not a legacy widget's.
  if (api && (ran.has(url) || Array.from(document.scripts).some((script) => script.src === url))) {
    loaded.set(url, api);
    return api;
  }
  return undefined;
}

const attempts = new Map<string, number>();
const ran = new Set<string>();

function insertScript(url: string, timeout: number): Promise<TelegramLoginLibrary> {
  // A retry asks for a distinct URL: browsers queue a request for the same URL behind a previous one
  // that still hangs, so the retry would hang with it. The library reads only its script's origin.
  const attempt = attempts.get(url) ?? 0;
  attempts.set(url, attempt + 1);
  const src = new URL(url);
  if (attempt > 0) src.searchParams.set('tlk-retry', String(attempt));
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    const fail = (message: string) => {
      clearTimeout(timer);
      script.remove();
      ran.add(url);
      reject(new TelegramLoginError('library_load_failed', message));
    };
    const timer = setTimeout(() => fail(`telegram-login.js did not load within ${timeout} ms: ${url}`), timeout);
    script.async = true;
    script.src = src.href;
    script.addEventListener('load', () => {
      clearTimeout(timer);
      ran.add(url);
      const api = telegramGlobal();
      if (api) resolve(api);
      else fail(`${url} loaded but did not define Telegram.Login.auth`);
    });
    script.addEventListener('error', () => fail(`could not load telegram-login.js from ${url}`));
    document.head.append(script);
  });
}

/**
 * Loads Telegram's library once per URL for the whole page: every caller shares one promise. A
 * failed load is forgotten, so the next call tries again.
 */
export function loadTelegramLibrary(url: string, timeout: number): Promise<TelegramLoginLibrary> {
  const ready = readyLibrary(url);
  if (ready) return Promise.resolve(ready);
  let promise = loading.get(url);
  if (!promise) {
    promise = insertScript(url, timeout).then(
      (api) => {
        loaded.set(url, api);
        loading.delete(url);
        return api;
      },
      (error: unknown) => {
        loading.delete(url);
        throw error;
      },
    );
    loading.set(url, promise);
  }
  return promise;
}

/** Telegram's error strings, as typed errors: the library's own about the token, else Telegram's. */
function providerError(text: string): TelegramLoginError {
  if (text === 'missing id_token' || text === 'malformed id_token') {
    return new TelegramLoginError('id_token_invalid', `Telegram sent ${text === 'missing id_token' ? 'no' : 'a malformed'} id_token`, {
      providerError: text,
      reason: text === 'missing id_token' ? 'missing' : 'malformed',
    });
  }
  return providerErrorFor(text);
}

/**
 * Runs a login through Telegram's library. Call it from a click handler: the popup opens before
 * anything else (Telegram's library would hang on a blocked popup, so we open it ourselves and let
 * the library reuse it by name). Resolves with the result, or rejects with a `TelegramLoginError`:
 * `popup_closed` and `aborted` are cancels, everything else an error. It always settles: the
 * `timeout` bounds it.
 */
export function loginWithLibrary(request: LibraryLoginRequest): Promise<TelegramLibraryLoginResult> {
  // Inside Telegram's in-app browser the library asks the app instead of opening a popup.
  const inApp = 'TelegramWebviewProxy' in globalThis;
  const provider = providerOrigin(request.librarySrc);
  let closeGrace: ReturnType<typeof setTimeout> | undefined;
  let closeSeen = false;

  // Seen by our poll or reported by the library: either way, once.
  function closed(login: PopupLogin<TelegramLibraryLoginResult>) {
    if (closeSeen) return;
    closeSeen = true;
    // Under COOP same-origin the popup only looks closed, and its answer can never reach us.
    void pageSeversPopups().then((severed) => {
      if (login.settled) return;
      if (severed) {
        login.fail(new TelegramLoginError('coop_blocked', COOP_MESSAGE));
        return;
      }
      closeGrace = setTimeout(
        () => login.fail(new TelegramLoginError('popup_closed', 'the login popup was closed before the login finished')),
        CLOSE_GRACE_MS,
      );
    });
  }

  return runPopupLogin<TelegramLibraryLoginResult>(inApp ? null : POPUP_NAME, request, closed, (login) => {
    const { popup } = login;

    function accept(data: TelegramCallbackData, token: unknown) {
      if (typeof data.error === 'string' && data.error) {
        if (data.error === 'popup_closed') closed(login);
        else login.fail(providerError(data.error));
        return;
      }
      if (typeof token !== 'string' || !token) {
        login.fail(providerError('missing id_token'));
        return;
      }
      try {
        login.succeed({ flow: 'library', idToken: token, user: decodeIdTokenClaims(token) });
      } catch (error) {
        login.fail(toLoginError(error, 'id_token_invalid'));
      }
    }

    // Our own listener, with the library's checks (provider origin, our popup): it keeps a result
    // that lands just after the library has already reported popup_closed.
    function onMessage(event: MessageEvent) {
      if (event.origin !== provider || !popup || event.source !== popup) return;
      let data: unknown = event.data;
      if (typeof data === 'string') {
        try {
          data = JSON.parse(data);
        } catch {
          return;
        }
      }
      const message = data as { event?: unknown; result?: unknown; error?: unknown } | null;
      if (message?.event === 'auth_result') accept(message, message.result);
    }

    function begin(api: TelegramLoginLibrary) {
      if (login.settled) return;
      // Lets the library drop its listener at the end; its late popup_closed finds us settled.
      login.onEnd(() => api.close?.());
      const options: TelegramAuthOptions = { client_id: request.clientId };
      if (request.requestAccess.length > 0) options.request_access = [...request.requestAccess];
      if (request.lang) options.lang = request.lang;
      if (request.nonce) options.nonce = request.nonce;
      try {
        api.auth(options, (data) => accept(data ?? {}, data?.id_token));
      } catch (cause) {
        login.fail(new TelegramLoginError('invalid_config', `Telegram.Login.auth refused the options: ${(cause as Error).message}`, { cause }));
      }
    }

    window.addEventListener('message', onMessage);
    login.onEnd(() => {
      window.removeEventListener('message', onMessage);
      clearTimeout(closeGrace);
    });
    const ready = readyLibrary(request.librarySrc);
    if (ready) begin(ready);
    else loadTelegramLibrary(request.librarySrc, request.libraryTimeout).then(begin, (error: unknown) => login.fail(toLoginError(error, 'library_load_failed')));
  });
}
