import { encodeBase64Url } from '../oauth/base64url.js';

/** A session secret: a string of at least 32 characters, or at least 32 random bytes. */
export type SessionSecret = string | Uint8Array;

const MIN_SECRET_LENGTH = 32;
const encoder = new TextEncoder();

function describe(value: unknown): string {
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  return value === undefined ? 'undefined' : `a value of type ${value === null ? 'null' : typeof value}`;
}

/**
 * The secret list, first one first: `session.secret` may be one secret or a list for rotation (the
 * first signs and encrypts; every one is accepted when reading). Messages never show a secret.
 */
export function checkSecrets(secret: SessionSecret | readonly SessionSecret[], name = 'session.secret'): Uint8Array[] {
  const list = Array.isArray(secret) ? (secret as readonly SessionSecret[]) : [secret as SessionSecret];
  if (list.length === 0) throw new TypeError(`"${name}" is an empty list: give at least one secret of ${MIN_SECRET_LENGTH}+ characters`);
  return list.map((entry, index) => {
    const bytes = typeof entry === 'string' ? encoder.encode(entry) : entry;
    if (!(bytes instanceof Uint8Array) || bytes.length < MIN_SECRET_LENGTH) {
      const where = list.length > 1 ? `${name}[${index}]` : name;
      throw new TypeError(
        `"${where}" must be at least ${MIN_SECRET_LENGTH} characters or bytes, got ${describe(entry)}: generate one with \`openssl rand -base64 32\` and keep it in an environment variable`,
      );
    }
    return bytes;
  });
}

/**
 * Keys for the kit's own tokens, derived per purpose with HKDF-SHA-256 so that one secret never
 * signs one thing and encrypts another: `session` signs session JWTs (HS256), `transaction` encrypts
 * the redirect flow's transaction (A256GCM), `nonce` MACs nonces (HMAC-SHA-256).
 */
export interface CookieKeys {
  /** The first key signs; all of them verify (secret rotation). */
  session(): Promise<Uint8Array[]>;
  transaction(): Promise<Uint8Array[]>;
  nonce(): Promise<Uint8Array[]>;
}

async function derive(secret: Uint8Array, purpose: string): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey('raw', secret as Uint8Array<ArrayBuffer>, 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(), info: encoder.encode(`telegram-login-kit ${purpose} v1`) },
    material,
    256,
  );
  return new Uint8Array(bits);
}

export function createCookieKeys(secret: SessionSecret | readonly SessionSecret[], name?: string): CookieKeys {
  const secrets = checkSecrets(secret, name);
  const cache = new Map<string, Promise<Uint8Array[]>>();
  const keysFor = (purpose: string) => {
    let keys = cache.get(purpose);
    if (!keys) cache.set(purpose, (keys = Promise.all(secrets.map((one) => derive(one, purpose)))));
    return keys;
  };
  return { session: () => keysFor('session'), transaction: () => keysFor('transaction'), nonce: () => keysFor('nonce') };
}

/** base64url(SHA-256(text)): what the store keeps instead of a browser secret or a whole token. */
export async function sha256Base64Url(text: string): Promise<string> {
  return encodeBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text))));
}

/** Compares two strings without an early exit on the first difference. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}
