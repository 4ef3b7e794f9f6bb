import { encodeBase64Url } from './base64url.js';

/**
 * A random URL-safe string from WebCrypto: base64url of `bytes` random bytes (32 bytes → 43
 * characters, 256 bits). Used for nonces, `state`, PKCE verifiers, session ids and start payloads.
 */
export function randomToken(bytes = 32): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}
