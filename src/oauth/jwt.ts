import { decodeBase64Url } from './base64url.js';

/**
 * The payload of a compact JWS, decoded as UTF-8 JSON, **without verifying anything**. For showing
 * a name in the browser; identities are trusted only after the server verified the token.
 * Throws a `TypeError` when the token is not three base64url parts with a JSON object in the middle.
 */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3 || !parts[0] || !parts[1]) throw new TypeError('not a compact JWS');
  const payload: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(decodeBase64Url(parts[1])));
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new TypeError('the JWT payload is not a JSON object');
  return payload as Record<string, unknown>;
}
