import { EncryptJWT, jwtDecrypt } from 'jose';
import { randomToken } from '../oauth/random.js';
import type { CookieKeys } from './secrets.js';

/**
 * The server-side redirect flow's per-login secrets, kept between `/login` and `/callback` in a
 * short-lived, encrypted (JWE `dir` + `A256GCM`) HttpOnly cookie, so the server needs no storage and
 * the PKCE verifier is never readable on the way.
 */
export interface Transaction {
  state: string;
  /** The PKCE verifier (43 characters, base64url); only its S256 challenge goes to Telegram. */
  verifier: string;
  nonce: string;
  /** A same-site path, percent-encoded, to land on after the login. */
  returnTo: string;
}

export const TRANSACTION_TTL_SECONDS = 600;
const TRANSACTION_TYP = 'tlk-transaction+jwt';

export function createTransaction(returnTo: string): Transaction {
  return { state: randomToken(), verifier: randomToken(), nonce: randomToken(), returnTo };
}

export async function sealTransaction(transaction: Transaction, keys: CookieKeys): Promise<string> {
  const [key] = await keys.transaction();
  return new EncryptJWT({ ...transaction })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: TRANSACTION_TYP })
    .setIssuedAt()
    .setExpirationTime(`${TRANSACTION_TTL_SECONDS}s`)
    .encrypt(key!);
}

/** The transaction in a cookie value, or null when it is forged, expired or not one of ours. */
export async function openTransaction(token: string, keys: CookieKeys): Promise<Transaction | null> {
  for (const key of await keys.transaction()) {
    try {
      const { payload } = await jwtDecrypt(token, key, { typ: TRANSACTION_TYP, keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
      const { state, verifier, nonce, returnTo } = payload;
      if (typeof state !== 'string' || typeof verifier !== 'string' || typeof nonce !== 'string' || typeof returnTo !== 'string') return null;
      return { state, verifier, nonce, returnTo };
    } catch {
      // Another key of the rotation may open it.
    }
  }
  return null;
}

const BASE = 'https://site.invalid';
const MAX_RETURN_TO = 2048;

/**
 * A path on this site, percent-encoded so it can go into a `Location` header as is, or undefined: it
 * must start with one `/` (`//host` and `/\host` are other hosts to a browser) and contain no
 * backslash or control character. Anything else could be an open redirect.
 */
export function safeReturnTo(value: string | null | undefined): string | undefined {
  // Long enough for any real page; a longer one would make a transaction cookie browsers drop (4 KB).
  if (typeof value !== 'string' || value.length > MAX_RETURN_TO || !/^\/(?![/\\])/.test(value)) return undefined;
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return undefined;
  const resolved = new URL(value, BASE);
  if (resolved.origin !== BASE) return undefined;
  const path = resolved.pathname + resolved.search + resolved.hash;
  // Dot segments can collapse into a new leading "//" (`/..//evil.example`): check the result again.
  return path.length <= MAX_RETURN_TO && /^\/(?![/\\])/.test(path) ? path : undefined;
}
