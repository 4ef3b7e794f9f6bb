import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import { TelegramLoginError } from '../errors.js';
import type { TelegramIdTokenClaims } from '../types.js';
import { checkAlgorithms, checkClientId, checkUrl, nonNegative, normalizeIssuer, ownOptions, type IdTokenAlgorithm } from './validate.js';

export { ID_TOKEN_ALGORITHMS, type IdTokenAlgorithm } from './validate.js';

export interface VerifyIdTokenOptions {
  /** Your bot's client id; the token's `aud` must equal it as a string. */
  clientId: string | number;
  /** Expected `iss`. Default `https://oauth.telegram.org`. */
  issuer?: string;
  /** Where the signing keys are. Default `${issuer}/.well-known/jwks.json`. */
  jwksUri?: string;
  /** Accepted `alg` values: the one chosen in BotFather. Default `['RS256']`. */
  algorithms?: IdTokenAlgorithm[];
  /** When given, the token's `nonce` claim must equal it. */
  nonce?: string;
  /** Seconds since `iat` after which the token counts as expired, however late its `exp`. */
  maxAge?: number;
  /** Seconds of clock skew allowed for `exp` and `iat`. Default 30. */
  clockTolerance?: number;
  /** "Now", for tests. Default the current time. */
  currentDate?: Date;
  /** Milliseconds to wait for the JWKS. Default 5000. */
  jwksTimeout?: number;
}

/** Telegram's tokens are about 1 KB; anything this large is an attack or a mistake, and is never parsed. */
export const MAX_ID_TOKEN_LENGTH = 16 * 1024;
const DEFAULT_CLOCK_TOLERANCE = 30;
const DEFAULT_JWKS_TIMEOUT = 5000;
const REQUIRED_CLAIMS = ['iss', 'aud', 'sub', 'iat', 'exp'];

/**
 * One key set per JWKS URI (and timeout), shared by every call: jose caches the keys, refetches on an
 * unknown `kid` at most once per cooldown (30 s) and de-duplicates concurrent fetches, so a burst of
 * tokens with a new `kid` costs one request.
 */
const keySets = new Map<string, JWTVerifyGetKey>();

/** What one set of options means, checked once: the key set and jose's options to verify with. */
interface ResolvedOptions {
  clockTolerance: number;
  keySet: JWTVerifyGetKey;
  jose: JWTVerifyOptions;
}

/**
 * Options already resolved, by what they say: a server verifies every token with the same few, and
 * checking them (URL parsing above all) would otherwise cost as much as our own checks on the token.
 */
const resolved = new Map<string, ResolvedOptions>();

function resolveOptions(options: VerifyIdTokenOptions): ResolvedOptions {
  const { clientId, issuer, jwksUri, algorithms, clockTolerance, jwksTimeout, maxAge } = options;
  const key = JSON.stringify([clientId, issuer, jwksUri, algorithms, clockTolerance, jwksTimeout, maxAge]);
  let settings = resolved.get(key);
  if (settings) return settings;
  const checkedIssuer = normalizeIssuer(issuer);
  const tolerance = nonNegative(clockTolerance, 'clockTolerance', DEFAULT_CLOCK_TOLERANCE);
  const age = maxAge === undefined ? undefined : nonNegative(maxAge, 'maxAge', 0);
  settings = {
    clockTolerance: tolerance,
    keySet: keySetFor(checkUrl(jwksUri ?? `${checkedIssuer}/.well-known/jwks.json`, 'jwksUri'), Math.round(nonNegative(jwksTimeout, 'jwksTimeout', DEFAULT_JWKS_TIMEOUT))),
    jose: {
      issuer: checkedIssuer,
      audience: checkClientId(clientId),
      algorithms: checkAlgorithms(algorithms),
      requiredClaims: REQUIRED_CLAIMS,
      clockTolerance: tolerance,
      ...(age === undefined ? {} : { maxTokenAge: age }),
    },
  };
  if (resolved.size >= 64) resolved.clear();
  resolved.set(key, settings);
  return settings;
}

const own = (options: object, name: string): unknown => (Object.hasOwn(options, name) ? (options as Record<string, unknown>)[name] : undefined);

/** The options that decide the settings; `nonce` and `currentDate` are read on every call. */
const SETTING_FIELDS = ['clientId', 'issuer', 'jwksUri', 'algorithms', 'clockTolerance', 'jwksTimeout', 'maxAge'] as const;

/**
 * The settings an options object resolved to, with the values it had then. A server that passes the
 * same object each time (the handler does) pays neither a copy nor a cache key per token; a value
 * changed since, even inside `algorithms`, resolves again.
 */
const byObject = new WeakMap<object, { values: unknown[]; algorithms: unknown[] | undefined; settings: ResolvedOptions }>();

function unchanged(given: object, seen: { values: unknown[]; algorithms: unknown[] | undefined }): boolean {
  for (let index = 0; index < SETTING_FIELDS.length; index++) if (own(given, SETTING_FIELDS[index]!) !== seen.values[index]) return false;
  const algorithms = own(given, 'algorithms');
  if (!Array.isArray(algorithms)) return true;
  return seen.algorithms !== undefined && algorithms.length === seen.algorithms.length && algorithms.every((alg, index) => alg === seen.algorithms![index]);
}

function settingsFor(given: VerifyIdTokenOptions): ResolvedOptions {
  const seen = typeof given === 'object' && given !== null ? byObject.get(given) : undefined;
  if (seen && unchanged(given, seen)) return seen.settings;
  const settings = resolveOptions(ownOptions(given, 'verifyIdToken'));
  const algorithms = own(given, 'algorithms');
  byObject.set(given, { values: SETTING_FIELDS.map((name) => own(given, name)), algorithms: Array.isArray(algorithms) ? [...algorithms] : undefined, settings });
  return settings;
}

/** An `id_token_invalid` error for the caller to throw, with the check that failed as its reason. */
function invalidToken(reason: string, message: string, cause?: unknown): TelegramLoginError {
  return new TelegramLoginError('id_token_invalid', message, { reason, ...(cause === undefined ? {} : { cause }) });
}

/** Only fetch and key-set failures become `jwks_unavailable`; "no such key" stays a token problem. */
function jwksUnavailable(error: unknown, jwksUri: string, timeout: number): unknown {
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return error;
  const message =
    error instanceof errors.JWKSTimeout
      ? `"jwks_uri" did not answer within ${timeout} ms`
      : `"jwks_uri" could not be fetched or is not a valid key set (${jwksUri}): check "issuer" (in development, the mock's issuer) or "jwksUri"`;
  return new TelegramLoginError('jwks_unavailable', message, { cause: error });
}

function keySetFor(jwksUri: string, timeout: number): JWTVerifyGetKey {
  const cacheKey = `${timeout} ${jwksUri}`;
  let keySet = keySets.get(cacheKey);
  if (!keySet) {
    const remote = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: timeout });
    // No extra async frame on the hot path: only a failure is mapped.
    keySet = (header, token) => remote(header, token).catch((error: unknown) => Promise.reject(jwksUnavailable(error, jwksUri, timeout)));
    keySets.set(cacheKey, keySet);
  }
  return keySet;
}

function reasonForClaim(claim: string): string {
  return claim === 'iss' || claim === 'aud' || claim === 'iat' ? claim : 'claims';
}

/** Maps jose's errors to stable codes; anything else (misuse, our own errors) passes through. */
function fromJoseError(error: unknown): unknown {
  if (error instanceof TelegramLoginError) return error;
  if (error instanceof errors.JWTExpired) {
    const message = error.claim === 'iat' ? '"iat" claim is older than maxAge' : '"exp" claim timestamp check failed';
    return new TelegramLoginError('id_token_expired', message, { cause: error });
  }
  if (error instanceof errors.JWTClaimValidationFailed) return invalidToken(reasonForClaim(error.claim), error.message, error);
  if (error instanceof errors.JOSEAlgNotAllowed) return invalidToken('alg', 'unexpected "alg" header value', error);
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return invalidToken('kid', 'no key in the jwks matches the "kid" header', error);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return invalidToken('signature', 'signature verification failed', error);
  if (error instanceof errors.JOSEError) return invalidToken('malformed', 'malformed "id_token"', error);
  return error;
}

function checkShape(idToken: unknown): asserts idToken is string {
  if (typeof idToken !== 'string' || idToken.length === 0) throw invalidToken('malformed', '"id_token" must be a non-empty string');
  if (idToken.length > MAX_ID_TOKEN_LENGTH) throw invalidToken('size', `"id_token" is longer than ${MAX_ID_TOKEN_LENGTH} characters`);
}

/** Claims jose does not check: the types the claims interface promises, and an `iat` from the future. */
function checkClaims(payload: JWTPayload, now: number, tolerance: number): void {
  if (typeof payload.aud !== 'string') throw invalidToken('aud', 'unexpected "aud" claim value');
  if (typeof payload.sub !== 'string' || payload.sub === '') throw invalidToken('claims', '"sub" claim must be a non-empty string');
  if ((payload.iat as number) > now + tolerance) throw invalidToken('iat', '"iat" claim is in the future');
}

function checkNonce(payload: JWTPayload, expected: string | undefined): void {
  if (expected === undefined) return;
  if (payload.nonce === undefined) throw new TelegramLoginError('nonce_mismatch', 'missing "nonce" claim');
  if (payload.nonce !== expected) throw new TelegramLoginError('nonce_mismatch', 'unexpected "nonce" claim value');
}

/**
 * Verifies a Telegram id_token: signature against the JWKS (key chosen by `kid`, algorithm pinned),
 * `iss`, `aud` = client id, `exp` and `iat` with a small skew, and `nonce` when one is expected.
 * Every failure is a `TelegramLoginError`: `id_token_invalid` (with `reason`), `id_token_expired`,
 * `nonce_mismatch` or `jwks_unavailable`.
 */
export async function verifyIdToken(idToken: string, given: VerifyIdTokenOptions): Promise<TelegramIdTokenClaims> {
  const settings = settingsFor(given);
  checkShape(idToken);
  // Own properties only, as everywhere: a polluted Object.prototype chooses nothing.
  const currentDate = own(given, 'currentDate') as Date | undefined;
  const nonce = own(given, 'nonce') as string | undefined;
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, settings.keySet, currentDate === undefined ? settings.jose : { ...settings.jose, currentDate }));
  } catch (error) {
    throw fromJoseError(error);
  }
  checkClaims(payload, Math.floor((currentDate?.getTime() ?? Date.now()) / 1000), settings.clockTolerance);
  checkNonce(payload, nonce);
  return payload as TelegramIdTokenClaims;
}
