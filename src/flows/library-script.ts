import { TelegramLoginError } from '../errors.js';
import type { RequestAccess } from '../types.js';

/** The part of Telegram's `Telegram.Login` that we call. */
export interface TelegramLoginLibrary {
  auth(options: TelegramAuthOptions, callback: (data: TelegramCallbackData) => void): void;
  close?(): void;
}

export interface TelegramAuthOptions {
  client_id: string;
  request_access?: RequestAccess[];
  lang?: string;
  nonce?: string;
}

export interface TelegramCallbackData {
  id_token?: unknown;
  error?: unknown;
}

const loaded = new Map<string, TelegramLoginLibrary>();
const loading = new Map<string, Promise<TelegramLoginLibrary>>();
const attempts = new Map<string, number>();
const ran = new Set<string>();

function telegramGlobal(): TelegramLoginLibrary | undefined {
  const login = (globalThis as { Telegram?: { Login?: Partial<TelegramLoginLibrary> } }).Telegram?.Login;
  return typeof login?.auth === 'function' ? (login as TelegramLoginLibrary) : undefined;
}

/**
 * The library takes its script URL's origin as the provider, mapping Telegram's CDN hosts to their
 * OAuth hosts; messages are accepted from that origin only.
 */
export function libraryProviderOrigin(librarySrc: string): string {
  const { origin } = new URL(librarySrc);
  if (origin === 'https://telegram.org') return 'https://oauth.telegram.org';
  if (origin === 'https://tg.dev' || origin === 'https://telegram-js.azureedge.net') return 'https://oauth.tg.dev';
  return origin;
}

/** The library when it is already on the page: loaded by us, or by the site's own script tag. */
export function readyLibrary(url: string): TelegramLoginLibrary | undefined {
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

function insertScript(url: string, timeoutMs: number): Promise<TelegramLoginLibrary> {
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
    const timer = setTimeout(() => fail(`telegram-login.js did not load within ${timeoutMs / 1000} s: ${url}`), timeoutMs);
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
export function loadTelegramLibrary(url: string, timeoutMs: number): Promise<TelegramLoginLibrary> {
  const ready = readyLibrary(url);
  if (ready) return Promise.resolve(ready);
  let promise = loading.get(url);
  if (!promise) {
    promise = insertScript(url, timeoutMs).then(
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
