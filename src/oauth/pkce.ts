import { encodeBase64Url } from './base64url.js';

/** The PKCE S256 challenge of a verifier (RFC 7636 §4.2): base64url(SHA-256(ASCII(verifier))). */
export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return encodeBase64Url(new Uint8Array(digest));
}
