/**
 * Origins besides Telegram's that the page's own script vouched for (a staging provider, a mirror of
 * Telegram's library, the mock's simulated app on another host), and loopback for local development
 * with the mock. Markup can never add to them: see `TelegramLoginButtonElement.trustProviderOrigins`.
 */

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const trusted = new Set<string>();

/** Trusts these origins (`https://host[:port]`); throws a `TypeError` naming a value that is not one. */
export function trustOrigins(origins: readonly string[]): void {
  for (const origin of origins) {
    let url: URL | undefined;
    try {
      url = typeof origin === 'string' ? new URL(origin) : undefined;
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin.replace(/\/$/, '')) {
      throw new TypeError(`trustProviderOrigins: ${JSON.stringify(origin)} is not an origin like https://oauth.example.com`);
    }
    trusted.add(url.origin);
  }
}

/** Whether a script trusted `origin`. */
export const isTrustedOrigin = (origin: string): boolean => trusted.has(origin);

/** Whether `url` is on loopback and so is this page (local development with the mock). */
export const isLoopbackFromLoopback = (url: URL): boolean =>
  LOOPBACK.has(url.hostname) && typeof location !== 'undefined' && LOOPBACK.has(location.hostname);
