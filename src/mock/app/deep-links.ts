import { MockAppError } from './errors.js';

/** Telegram's rule for `start` payloads; anything else opens the chat without one. */
export const START_PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;

/** The mock's stand-in for `t.me/<bot>?start=…` and `tg://resolve?domain=<bot>&start=…`. */
export const DEEP_LINK_PATH = '/app/resolve';

export interface DeepLink {
  username: string;
  /** The start payload, when the link has a valid one. */
  payload: string | undefined;
}

function parseUrl(link: string): URL | undefined {
  try {
    return new URL(/^(t|telegram)\.me\//i.test(link) ? `https://${link}` : link);
  } catch {
    return undefined;
  }
}

function validPayload(value: string | null): string | undefined {
  return value !== null && START_PAYLOAD.test(value) ? value : undefined;
}

/**
 * Reads a bot link: `https://t.me/<bot>[?start=<payload>]` (also telegram.me, with or without the
 * scheme), `tg://resolve?domain=<bot>[&start=<payload>]`, or the mock's own `…/app/resolve?domain=…`.
 */
export function parseDeepLink(link: string): DeepLink {
  const url = typeof link === 'string' ? parseUrl(link.trim()) : undefined;
  let username: string | undefined;
  if (url && (url.protocol === 'https:' || url.protocol === 'http:') && /^(www\.)?(t|telegram)\.me$/i.test(url.hostname)) {
    username = /^\/([A-Za-z0-9_]{3,32})\/?$/.exec(url.pathname)?.[1];
  } else if (url?.protocol === 'tg:' && url.hostname === 'resolve') {
    username = url.searchParams.get('domain') ?? undefined;
  } else if (url && (url.protocol === 'https:' || url.protocol === 'http:') && url.pathname === DEEP_LINK_PATH) {
    username = url.searchParams.get('domain') ?? undefined;
  }
  if (!url || !username) {
    throw new MockAppError('invalid_link', `not a bot link: ${JSON.stringify(link)}; use https://t.me/<bot>?start=<payload>, tg://resolve?domain=<bot>&start=<payload> or mock.deepLink()`);
  }
  return { username, payload: validPayload(url.searchParams.get('start')) };
}

/** The URL that opens `username`'s chat in the simulated app with a Start button for `payload`. */
export function buildDeepLink(origin: string, username: string, payload?: string): string {
  if (payload !== undefined && !START_PAYLOAD.test(payload)) {
    throw new TypeError(`a start payload is 1 to 64 characters of A-Za-z0-9_- (Telegram's rule), got ${JSON.stringify(payload)}`);
  }
  const url = new URL(DEEP_LINK_PATH, origin);
  url.searchParams.set('domain', username);
  if (payload !== undefined) url.searchParams.set('start', payload);
  return url.href;
}
