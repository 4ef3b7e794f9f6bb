import { isLanguageTag } from '../flows/options.js';
import type { LoginFlow, TelegramLoginOptions } from '../types.js';
import { languageOf, telegramLanguage } from './localize.js';

/** The element's configuration as `login()` reads it. */
export interface ButtonConfiguration extends Element {
  clientId: string | null;
  requestAccess: string | null;
  flow: LoginFlow | null;
  issuer: string;
  redirectUri: string | null;
  exchangeUrl: string | null;
  librarySrc: string;
  libraryTimeout: number | null;
  timeout: number | null;
  botUrl: string | null;
  nonce: string;
}

/** An attribute that is absent (null) or a property set to null/undefined means the default. */
export const orDefault = <T,>(value: T | null | undefined, fallback: T): T => (value === null || value === undefined ? fallback : value);

/** The element's attributes and properties as `login()` options: a removed one is its default. */
export function loginOptionsOf(button: ButtonConfiguration, signal?: AbortSignal): TelegramLoginOptions {
  // The page's language is a hint: one that is not a language tag (lang="en US") is left out, not an error.
  const lang = languageOf(button) && telegramLanguage(languageOf(button));
  return {
    clientId: orDefault(button.clientId, ''),
    // normalizeLoginOptions takes the attribute's space-separated string as it is.
    requestAccess: orDefault(button.requestAccess, '') as unknown as TelegramLoginOptions['requestAccess'],
    ...(isLanguageTag(lang) ? { lang } : {}),
    nonce: button.nonce,
    flow: orDefault(button.flow, 'library'),
    issuer: button.issuer,
    redirectUri: orDefault(button.redirectUri, ''),
    exchangeUrl: orDefault(button.exchangeUrl, ''),
    librarySrc: button.librarySrc,
    libraryTimeout: orDefault(button.libraryTimeout, 10),
    timeout: orDefault(button.timeout, 300),
    botUrl: orDefault(button.botUrl, ''),
    ...(signal ? { signal } : {}),
  };
}
