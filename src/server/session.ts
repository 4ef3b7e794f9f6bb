import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { TelegramIdTokenClaims } from '../types.js';
import { checkCookieName, readCookie, serializeCookie, wantsSecureCookie } from './cookies.js';
import { checkMax, createExpiringSet } from './expiring-set.js';
import { createNonce } from './nonce.js';

/**
 * Where logged-out sessions are remembered until they would have expired anyway. Share it between
 * server instances (Redis, a database) in production, or a logout on one is unknown to the others.
 */
export interface RevocationStore {
  /** `expiresAt` is the session's `exp`, in seconds since the epoch. */
  revoke(jti: string, expiresAt: number): void | Promise<void>;
  isRevoked(jti: string): boolean | Promise<boolean>;
}

export interface MemoryRevocationStoreOptions {
  /** Most revocations kept; past it expired ones go first, then the oldest. Default 10 000. */
  max?: number;
  /** Milliseconds since the epoch, for tests. Default `Date.now`. */
  clock?: () => number;
}

/** What a session knows about its user: the claims of the session JWT without its bookkeeping. */
export interface SessionUser {
  /** The id_token's `sub`: opaque, per bot. Key accounts on it. */
  sub: string;
  /** The Telegram user id (the id_token's `id`), when the profile scope was granted. */
  tg_id?: number;
  name?: string;
  preferred_username?: string;
  picture?: string;
  /** Granted scopes, space-separated: `openid`, plus `profile` and `phone` when their claims came. */
  scope: string;
  /** Claims added by the `claims` hook. */
  [claim: string]: unknown;
}

export interface Session {
  user: SessionUser;
  /** The session JWT's `jti`, used for revocation. */
  id: string;
  /** Seconds since the epoch. */
  issuedAt: number;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/** Extra claims for the session, from the verified id_token (look up your own user record here). */
export type SessionClaimsHook = (verified: TelegramIdTokenClaims) => Record<string, unknown> | Promise<Record<string, unknown>>;

export interface SessionManagerOptions {
  /** Signs the session cookie (HS256): a string of at least 32 characters or at least 32 random bytes. */
  secret: string | Uint8Array;
  /** Session lifetime in seconds. Default 900 (15 minutes). */
  ttlSeconds?: number;
  /** Default `tlk_session`. */
  cookieName?: string;
  claims?: SessionClaimsHook;
  /** Default: a bounded store in this process's memory. */
  revocations?: RevocationStore;
}

export interface IssuedSession {
  session: Session;
  /** The session JWT, the cookie's value. */
  token: string;
  /** A `Set-Cookie` header value. */
  cookie: string;
}

export interface SessionManager {
  readonly cookieName: string;
  readonly ttlSeconds: number;
  /** A session for a verified id_token, with the cookie that carries it. */
  issue(verified: TelegramIdTokenClaims, request: Request): Promise<IssuedSession>;
  /** The request's session, or null when the cookie is missing, forged, expired or revoked. */
  getSession(request: Request): Promise<Session | null>;
  revoke(session: Session): Promise<void>;
  /** A `Set-Cookie` header value that deletes the session cookie. */
  clearCookie(request: Request): string;
}

// A distinct `typ` keeps a session JWT from being accepted where another JWT signed with the same
// secret (the redirect flow's transaction cookie) is expected, and the other way round.
const SESSION_TYP = 'tlk-session+jwt';
const RESERVED_CLAIMS = new Set(['iss', 'aud', 'sub', 'jti', 'iat', 'exp', 'nbf', 'tg_id', 'scope']);
const BOOKKEEPING_CLAIMS = new Set(['iss', 'aud', 'jti', 'iat', 'exp', 'nbf']);
const MIN_SECRET_LENGTH = 32;

export function createMemoryRevocationStore({ max = 10_000, clock = Date.now }: MemoryRevocationStoreOptions = {}): RevocationStore {
  const revoked = createExpiringSet(checkMax(max), clock);
  return {
    revoke: (jti, expiresAt) => revoked.add(jti, expiresAt * 1000),
    isRevoked: (jti) => revoked.has(jti),
  };
}

/** The HMAC key for the session (and transaction) cookies; refuses short secrets. */
export function secretKey(secret: string | Uint8Array): Uint8Array {
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (!(bytes instanceof Uint8Array) || bytes.length < MIN_SECRET_LENGTH) {
    throw new TypeError(`"secret" must be at least ${MIN_SECRET_LENGTH} characters or bytes`);
  }
  return bytes;
}

export function grantedScope(claims: TelegramIdTokenClaims): string {
  const scopes = ['openid'];
  if (claims.id !== undefined) scopes.push('profile');
  if (claims.phone_number !== undefined) scopes.push('phone');
  return scopes.join(' ');
}

async function customClaims(hook: SessionClaimsHook | undefined, verified: TelegramIdTokenClaims): Promise<Record<string, unknown>> {
  if (!hook) return {};
  const extra = await hook(verified);
  if (typeof extra !== 'object' || extra === null || Array.isArray(extra)) throw new TypeError('the "claims" hook must return an object');
  const reserved = Object.keys(extra).filter((claim) => RESERVED_CLAIMS.has(claim));
  if (reserved.length > 0) throw new TypeError(`the "claims" hook must not set ${reserved.map((claim) => `"${claim}"`).join(', ')}`);
  return extra;
}

function profileClaims(verified: TelegramIdTokenClaims): Record<string, unknown> {
  const claims: Record<string, unknown> = { scope: grantedScope(verified) };
  if (typeof verified.id === 'number') claims.tg_id = verified.id;
  if (verified.name !== undefined) claims.name = verified.name;
  if (verified.preferred_username !== undefined) claims.preferred_username = verified.preferred_username;
  if (verified.picture !== undefined) claims.picture = verified.picture;
  return claims;
}

function sessionOf(payload: JWTPayload): Session {
  const user: Record<string, unknown> = {};
  for (const [claim, value] of Object.entries(payload)) if (!BOOKKEEPING_CLAIMS.has(claim)) user[claim] = value;
  return { user: user as SessionUser, id: payload.jti!, issuedAt: payload.iat!, expiresAt: payload.exp! };
}

function checkTtl(ttlSeconds: number): number {
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds < 1) throw new TypeError('"ttlSeconds" must be a positive whole number of seconds');
  return ttlSeconds;
}

/** Stateless sessions: an HS256 JWT (jose) in an HttpOnly cookie, with revocation by `jti`. */
export function createSessionManager(options: SessionManagerOptions): SessionManager {
  const key = secretKey(options.secret);
  const ttlSeconds = checkTtl(options.ttlSeconds ?? 900);
  const cookieName = checkCookieName(options.cookieName ?? 'tlk_session');
  const revocations = options.revocations ?? createMemoryRevocationStore();

  async function verifyToken(token: string): Promise<Session | null> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, { algorithms: ['HS256'], typ: SESSION_TYP, requiredClaims: ['sub', 'jti', 'iat', 'exp'] }));
    } catch {
      return null;
    }
    if (typeof payload.sub !== 'string' || typeof payload.jti !== 'string') return null;
    if (await revocations.isRevoked(payload.jti)) return null;
    return sessionOf(payload);
  }

  return {
    cookieName,
    ttlSeconds,
    async issue(verified, request) {
      const issuedAt = Math.floor(Date.now() / 1000);
      // Round-tripped through JSON so the session returned now equals the one read back from the cookie.
      const payload = JSON.parse(
        JSON.stringify({
          ...profileClaims(verified),
          ...(await customClaims(options.claims, verified)),
          sub: verified.sub,
          jti: createNonce(),
          iat: issuedAt,
          exp: issuedAt + ttlSeconds,
        }),
      ) as JWTPayload;
      const token = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: SESSION_TYP }).sign(key);
      const cookie = serializeCookie(cookieName, token, { maxAge: ttlSeconds, path: '/', secure: wantsSecureCookie(request) });
      return { session: sessionOf(payload), token, cookie };
    },
    async getSession(request) {
      const token = readCookie(request, cookieName);
      return token ? verifyToken(token) : null;
    },
    async revoke(session) {
      await revocations.revoke(session.id, session.expiresAt);
    },
    clearCookie: (request) => serializeCookie(cookieName, '', { maxAge: 0, path: '/', secure: wantsSecureCookie(request) }),
  };
}
