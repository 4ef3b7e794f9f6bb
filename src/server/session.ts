import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { randomToken } from '../oauth/random.js';
import type { TelegramIdTokenClaims } from '../types.js';
import { checkCookieName, readCookie, serializeCookie } from './cookies.js';
import { createCookieKeys, type CookieKeys, type SessionSecret } from './secrets.js';
import { guardStore } from './stores/guarded.js';
import { createMemoryStore } from './stores/memory.js';
import { ownOptions } from './validate.js';
import type { TelegramAuthStore } from './stores/store.js';

/** What a session knows about its user: the claims of the session JWT without its bookkeeping. */
export interface SessionUser {
  /** The id_token's `sub`: opaque, per bot. Key accounts on it. */
  sub: string;
  /** The Telegram user id (the id_token's `id`), when the profile scope was granted. */
  tg_id?: number;
  name?: string;
  preferred_username?: string;
  picture?: string;
  /** Granted scopes, space-separated: `openid`, plus `profile` and `phone` when their claims came; `profile` for a bot login. */
  scope: string;
  /**
   * How the user logged in (RFC 8176 style): `tg_oidc` for Telegram's login (an id_token), `tg_bot`
   * for bot login. Set by the handler; a session from `createSessionManager` has it when `issue` was given one.
   */
  amr?: string[];
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
  /**
   * Signs the session cookie: a string of at least 32 characters or at least 32 random bytes. A list
   * rotates secrets: the first signs, every one is accepted.
   */
  secret: SessionSecret | readonly SessionSecret[];
  /** Session lifetime in seconds. Default 900 (15 minutes). */
  ttlSeconds?: number;
  /** Whether the site is served over https: `Secure` cookies with `__Host-` names. Default true. */
  secure?: boolean;
  /** Default `tlk_session`; on https the name always carries the `__Host-` prefix (`__Host-tlk_session`). */
  cookieName?: string;
  /**
   * The session JWT's `iss` and `aud`, checked when reading: another app that shares the secret
   * cannot pass its sessions off as yours. The handler sets them to your site's origin and client id.
   * Default `telegram-login-kit` for both.
   */
  issuer?: string;
  audience?: string;
  claims?: SessionClaimsHook;
  /** Where revocations live. Default: a memory store (one process). */
  store?: TelegramAuthStore;
}

/** How the session came about, for `issue`. */
export interface SessionIssueOptions {
  /** Stored as the session's `amr` claim, e.g. `['tg_bot']`. */
  amr?: readonly string[];
  /** The session's `scope` instead of the one derived from the claims (`openid profile`, …). */
  scope?: string;
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
  readonly secure: boolean;
  /**
   * A session for a verified id_token, with the cookie that carries it. When `request` carries a
   * valid session already (a re-login), that one is revoked: the replaced cookie stops working.
   */
  issue(verified: TelegramIdTokenClaims, request?: Request, options?: SessionIssueOptions): Promise<IssuedSession>;
  /** The request's session, or null when the cookie is missing, forged, expired or revoked. */
  getSession(request: Request): Promise<Session | null>;
  /** Ends one session, everywhere the store is shared. */
  revoke(session: Session): Promise<void>;
  /** Ends every session of the user with this `sub` issued until now, everywhere the store is shared. */
  revokeUser(sub: string): Promise<void>;
  /** A `Set-Cookie` header value that deletes the session cookie. */
  clearCookie(): string;
}

// A distinct `typ` keeps a session JWT from being accepted where another JWT of ours is expected.
const SESSION_TYP = 'tlk-session+jwt';
const RESERVED_CLAIMS = new Set(['iss', 'aud', 'sub', 'jti', 'iat', 'gen', 'exp', 'nbf', 'tg_id', 'scope', 'amr']);
const BOOKKEEPING_CLAIMS = new Set(['iss', 'aud', 'jti', 'iat', 'gen', 'exp', 'nbf']);
// The generation of a user who was never revoked (or whose last revocation outlived every session).
const FIRST_GENERATION = '0';
const DEFAULT_AUDIENCE = 'telegram-login-kit';

export const revokedKey = (jti: string) => `revoked:${jti}`;
/** The user's current session generation: revokeUser() replaces it, and sessions of other generations end. */
export const userGenerationKey = (sub: string) => `user-generation:${sub}`;

/** The scopes whose claims the token carries: `openid`, `profile` when `id` came, `phone` when a number did. */
function grantedScope(claims: TelegramIdTokenClaims): string {
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

function profileClaims(verified: TelegramIdTokenClaims, how: SessionIssueOptions): Record<string, unknown> {
  const claims: Record<string, unknown> = { scope: how.scope ?? grantedScope(verified) };
  if (how.amr !== undefined) claims.amr = [...how.amr];
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
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds < 1) {
    throw new TypeError(`"session.ttlSeconds" must be a whole number of seconds ≥ 1, got ${String(ttlSeconds)}`);
  }
  return ttlSeconds;
}

function checkName(value: unknown, option: string): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`"${option}" must be a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}

/** Verifies with each key in turn (secret rotation); null when none signed it or a claim fails. */
async function verifyWithAny(token: string, keys: Uint8Array[], issuer: string, audience: string): Promise<JWTPayload | null> {
  for (const key of keys) {
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        typ: SESSION_TYP,
        issuer,
        audience,
        requiredClaims: ['sub', 'jti', 'iat', 'exp'],
      });
      return payload;
    } catch (error) {
      if (!(error instanceof errors.JWSSignatureVerificationFailed)) return null;
    }
  }
  return null;
}

/** For the handler: the same manager, built on keys it shares with the transaction cookie. */
export function createSessionManagerWithKeys(options: SessionManagerOptions, keys: CookieKeys): SessionManager {
  const ttlSeconds = checkTtl(options.ttlSeconds ?? 900);
  const secure = options.secure ?? true;
  const cookieName = checkCookieName(options.cookieName ?? 'tlk_session', secure);
  const issuer = checkName(options.issuer ?? DEFAULT_AUDIENCE, 'session.issuer');
  const audience = checkName(options.audience ?? DEFAULT_AUDIENCE, 'session.audience');
  const store = guardStore(options.store ?? createMemoryStore());

  /**
   * Revoked by logout, or issued in another generation of its user than the current one. Generations
   * are random values, not times, so servers whose clocks differ still agree. When the generation key
   * has expired, every session issued before the revocation has expired too: any generation passes.
   */
  async function isRevoked(payload: JWTPayload): Promise<boolean> {
    const [revoked, generation] = await Promise.all([store.get(revokedKey(payload.jti!)), store.get(userGenerationKey(payload.sub!))]);
    if (revoked !== undefined) return true;
    return generation !== undefined && payload.gen !== generation;
  }

  async function verifySession(token: string): Promise<Session | null> {
    const payload = await verifyWithAny(token, await keys.session(), issuer, audience);
    if (!payload || typeof payload.sub !== 'string' || typeof payload.jti !== 'string') return null;
    return (await isRevoked(payload)) ? null : sessionOf(payload);
  }

  const manager: SessionManager = {
    cookieName,
    ttlSeconds,
    secure,
    async issue(verified, request, how = {}) {
      const previous = request ? await manager.getSession(request) : null;
      if (previous) await manager.revoke(previous);
      const generation = (await store.get(userGenerationKey(verified.sub))) ?? FIRST_GENERATION;
      const issuedAt = Math.floor(Date.now() / 1000);
      // Round-tripped through JSON so the session returned now equals the one read back from the cookie.
      const payload = JSON.parse(
        JSON.stringify({
          ...profileClaims(verified, how),
          ...(await customClaims(options.claims, verified)),
          iss: issuer,
          aud: audience,
          sub: verified.sub,
          jti: randomToken(),
          iat: issuedAt,
          gen: generation,
          exp: issuedAt + ttlSeconds,
        }),
      ) as JWTPayload;
      const [signingKey] = await keys.session();
      const token = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: SESSION_TYP }).sign(signingKey!);
      const cookie = serializeCookie(cookieName, token, { maxAge: ttlSeconds, secure });
      return { session: sessionOf(payload), token, cookie };
    },
    async getSession(request) {
      const token = readCookie(request, cookieName);
      return token ? verifySession(token) : null;
    },
    async revoke(session) {
      const ttl = Math.max(1, session.expiresAt - Math.floor(Date.now() / 1000));
      await store.set(revokedKey(session.id), '1', ttl);
    },
    async revokeUser(sub) {
      if (typeof sub !== 'string' || sub === '') throw new TypeError(`"sub" must be the session's non-empty sub, got ${JSON.stringify(sub)}`);
      // Kept as long as any session of an earlier generation can live.
      await store.set(userGenerationKey(sub), randomToken(16), ttlSeconds);
    },
    clearCookie: () => serializeCookie(cookieName, '', { maxAge: 0, secure }),
  };
  return manager;
}

/**
 * Stateless sessions: an HS256 JWT (jose) in an HttpOnly cookie, with `iss`/`aud`, secret rotation,
 * and revocation per session and per user through the store.
 */
export function createSessionManager(given: SessionManagerOptions): SessionManager {
  const options = ownOptions(given, 'createSessionManager');
  return createSessionManagerWithKeys(options, createCookieKeys(options.secret, 'secret'));
}
