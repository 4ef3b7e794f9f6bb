import { base64url, jwtVerify, SignJWT } from 'jose';
import { createNonce } from './nonce.js';

/**
 * The server-side redirect flow's per-login secrets, kept between `/login` and `/callback` in a
 * short-lived signed HttpOnly cookie so the server needs no storage.
 */
export interface Transaction {
  state: string;
  /** The PKCE verifier (43 characters, base64url); only its S256 challenge goes to Telegram. */
  verifier: string;
  nonce: string;
  /** A same-site path to land on after the login. */
  returnTo: string;
}

export const TRANSACTION_TTL_SECONDS = 600;
// Distinct from the session's `typ`: neither cookie can stand in for the other though one key signs both.
const TRANSACTION_TYP = 'tlk-transaction+jwt';

export function createTransaction(returnTo: string): Transaction {
  return { state: createNonce(), verifier: createNonce(), nonce: createNonce(), returnTo };
}

export async function codeChallenge(verifier: string): Promise<string> {
  return base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

export function sealTransaction(transaction: Transaction, key: Uint8Array): Promise<string> {
  return new SignJWT({ ...transaction })
    .setProtectedHeader({ alg: 'HS256', typ: TRANSACTION_TYP })
    .setIssuedAt()
    .setExpirationTime(`${TRANSACTION_TTL_SECONDS}s`)
    .sign(key);
}

/** The transaction in a cookie value, or null when it is forged, expired or not one of ours. */
export async function openTransaction(token: string, key: Uint8Array): Promise<Transaction | null> {
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], typ: TRANSACTION_TYP });
    const { state, verifier, nonce, returnTo } = payload;
    if (typeof state !== 'string' || typeof verifier !== 'string' || typeof nonce !== 'string' || typeof returnTo !== 'string') return null;
    return { state, verifier, nonce, returnTo };
  } catch {
    return null;
  }
}

/**
 * A path on this site, or undefined: it must start with one `/` (`//host` and `/\host` are other
 * hosts to a browser) and contain no backslash or control character. Anything else could be an open redirect.
 */
export function safeReturnTo(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string' || !/^\/(?![/\\])/.test(value)) return undefined;
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return undefined;
  const resolved = new URL(value, 'https://site.invalid');
  return resolved.origin === 'https://site.invalid' ? value : undefined;
}
