/**
 * Which providers markup may point the button at. An attacker who can inject HTML but not run script
 * must not make the element talk to another provider (an OAuth mix-up that logs the victim in as the
 * attacker) or load another script (`library-src` is a script gadget): so the `issuer` and
 * `library-src` **attributes** may name only Telegram's own origins, or loopback when the page itself
 * is on loopback (local development with the mock). Anything else comes from script: the property, or
 * origins trusted once with {@link trustProviderOrigins}.
 */

import { isLoopbackFromLoopback, isTrustedOrigin, trustOrigins } from '../flows/trusted-origins.js';

const TELEGRAM_ORIGINS = {
  issuer: ['https://oauth.telegram.org'],
  'library-src': ['https://oauth.telegram.org', 'https://telegram.org'],
} as const;
/** On Telegram's origins the attribute may name only the login library itself, not any script there. */
const TELEGRAM_LIBRARY_PATH = '/js/telegram-login.js';

export type ProviderAttribute = keyof typeof TELEGRAM_ORIGINS;

function originOf(value: string): URL | undefined {
  try {
    // The page's own address, not document.baseURI: an injected <base href> must not move it.
    return new URL(value, location.href);
  } catch {
    return undefined;
  }
}

/**
 * Lets the `issuer` and `library-src` attributes name these origins too (a staging provider, a
 * mirror of Telegram's library), and the bot flow's https link point there (the mock's simulated app
 * on a host that is not loopback). Call it from your own script before the buttons connect; markup
 * alone can never extend the list.
 */
export function trustProviderOrigins(origins: readonly string[]): void {
  trustOrigins(origins);
}

/** Why markup may not use this value for `attribute`, or undefined when it may. */
export function providerAttributeProblem(attribute: ProviderAttribute, value: string): string | undefined {
  const url = originOf(value);
  // Malformed values are reported by the option checks, with their own message.
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return undefined;
  const telegram = (TELEGRAM_ORIGINS[attribute] as readonly string[]).includes(url.origin);
  if (telegram && attribute === 'library-src' && url.pathname !== TELEGRAM_LIBRARY_PATH) {
    return `the "library-src" attribute may name only ${TELEGRAM_LIBRARY_PATH} on Telegram's origins; got ${JSON.stringify(value)}`;
  }
  if (telegram || isTrustedOrigin(url.origin) || isLoopbackFromLoopback(url)) return undefined;
  const property = attribute === 'issuer' ? 'issuer' : 'librarySrc';
  return (
    `the "${attribute}" attribute may only name Telegram (${TELEGRAM_ORIGINS[attribute].join(', ')}), or loopback on a loopback page; ` +
    `got ${JSON.stringify(value)}. Markup cannot choose another provider: set the "${property}" property from your script, ` +
    `or call TelegramLoginButtonElement.trustProviderOrigins(['${url.origin}']) before the button connects`
  );
}

/**
 * Where an element's `issuer` and `library-src` come from: the property (your script: trusted) wins
 * over the attribute (markup: checked by {@link providerAttributeProblem}).
 */
export class ProviderSources {
  readonly #attribute: Record<ProviderAttribute, string | null> = { issuer: null, 'library-src': null };
  readonly #property: Record<ProviderAttribute, string | undefined> = { issuer: undefined, 'library-src': undefined };

  value(name: ProviderAttribute): string | undefined {
    return this.#property[name] ?? this.#attribute[name] ?? undefined;
  }

  setAttribute(name: ProviderAttribute, value: string | null): void {
    this.#attribute[name] = value || null;
  }

  /** Undefined, null and '' mean "not set by script". */
  setProperty(name: ProviderAttribute, value: string | null | undefined): void {
    this.#property[name] = value === null || value === undefined || value === '' ? undefined : String(value);
  }

  /** Why markup may not choose the provider it names, or undefined. */
  problem(): string | undefined {
    for (const name of ['issuer', 'library-src'] as const) {
      const attribute = this.#attribute[name];
      if (this.#property[name] === undefined && attribute !== null) {
        const problem = providerAttributeProblem(name, attribute);
        if (problem) return problem;
      }
    }
    return undefined;
  }
}
