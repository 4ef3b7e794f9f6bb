import { createHmac } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/** The signing algorithms the mock issues tokens with (Telegram's ES256K is not offered: WebCrypto has no secp256k1). */
export type MockSigningAlgorithm = 'RS256' | 'ES256' | 'EdDSA';

export const SIGNING_ALGORITHMS: readonly MockSigningAlgorithm[] = ['RS256', 'ES256', 'EdDSA'];

/** Scopes the mock understands; Telegram also lists `ton:wallet`, whose claim format is undocumented. */
export const KNOWN_SCOPES = ['openid', 'profile', 'phone', 'telegram:bot_access'] as const;
export type MockScope = (typeof KNOWN_SCOPES)[number];

/** A test user that can log in through the mock. */
export interface MockUser {
  /** Telegram user id (the `id` claim). */
  id: number;
  firstName: string;
  lastName?: string;
  username?: string;
  /** Profile photo URL (`picture`); defaults to an SVG avatar served by the mock. */
  photoUrl?: string;
  /** Digits without `+`, as Telegram sends them (`phone_number`). */
  phoneNumber?: string;
}

// Telegram's kid names; the trailing number is the key generation, bumped on rotation.
const KID_PREFIX: Record<MockSigningAlgorithm, string> = {
  RS256: 'oidc-',
  ES256: 'oidc-es256-',
  EdDSA: 'oidc-eddsa-',
};

interface SigningKey {
  kid: string;
  alg: MockSigningAlgorithm;
  privateKey: CryptoKey;
  jwk: JWK;
}

export interface KeyRing {
  /** The public JWKS document: the current keys, then the previous generation while it overlaps. */
  jwks(): { keys: JWK[] };
  sign(alg: MockSigningAlgorithm, claims: JWTPayload): Promise<string>;
  /** Replaces every signing key with a new generation (new kids). */
  rotate(options?: { dropPrevious?: boolean }): Promise<void>;
}

async function generateKey(alg: MockSigningAlgorithm, generation: number): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const kid = KID_PREFIX[alg] + generation;
  const exported = await exportJWK(publicKey);
  // Mirror the shapes Telegram publishes: the RSA key carries ext/key_ops and no `use`, the others `use: sig`.
  const jwk: JWK =
    alg === 'RS256'
      ? { kty: exported.kty, n: exported.n, e: exported.e, alg, kid, ext: true, key_ops: ['verify'] }
      : { ...pick(exported, ['kty', 'crv', 'x', 'y']), alg, kid, use: 'sig' };
  return { kid, alg, privateKey, jwk };
}

function pick(jwk: JWK, fields: (keyof JWK)[]): JWK {
  const out: JWK = {};
  for (const field of fields) if (jwk[field] !== undefined) (out as Record<string, unknown>)[field] = jwk[field];
  return out;
}

async function generateGeneration(generation: number): Promise<SigningKey[]> {
  return Promise.all(SIGNING_ALGORITHMS.map((alg) => generateKey(alg, generation)));
}

export async function createKeyRing(): Promise<KeyRing> {
  let generation = 1;
  let current = await generateGeneration(generation);
  let previous: SigningKey[] = [];
  return {
    jwks: () => ({ keys: [...current, ...previous].map((key) => key.jwk) }),
    async sign(alg, claims) {
      const key = current.find((candidate) => candidate.alg === alg);
      if (!key) throw new Error(`no signing key for ${alg}`);
      return new SignJWT(claims).setProtectedHeader({ alg, kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
    },
    async rotate({ dropPrevious = false } = {}) {
      generation += 1;
      const next = await generateGeneration(generation);
      previous = dropPrevious ? [] : current;
      current = next;
    },
  };
}

/**
 * `sub` is opaque and differs per client (Telegram's is not the user id): a keyed hash of client and user,
 * shown as a 19-digit decimal like Telegram's example. Stable across restarts for the same salt.
 */
export function subjectFor(salt: string, clientId: string, userId: number): string {
  const digest = createHmac('sha256', salt).update(`${clientId}:${userId}`).digest();
  const value = digest.readBigUInt64BE(0) % 9_000_000_000_000_000_000n;
  return (value + 1_000_000_000_000_000_000n).toString();
}

export interface ClaimsInput {
  issuer: string;
  clientId: string;
  user: MockUser;
  scopes: readonly string[];
  subject: string;
  nonce?: string;
  now: number;
  defaultPicture: string;
}

/** id_token claims exactly per scope, as Telegram documents them. */
export function buildIdTokenClaims(input: ClaimsInput): JWTPayload {
  const { user, scopes } = input;
  const iat = Math.floor(input.now / 1000);
  const claims: JWTPayload = { iss: input.issuer, aud: input.clientId, sub: input.subject, iat, exp: iat + 3600 };
  if (input.nonce !== undefined) claims.nonce = input.nonce;
  if (scopes.includes('profile')) {
    claims.id = user.id;
    claims.name = [user.firstName, user.lastName].filter(Boolean).join(' ');
    claims.given_name = user.firstName;
    if (user.lastName) claims.family_name = user.lastName;
    if (user.username) claims.preferred_username = user.username;
    claims.picture = user.photoUrl ?? input.defaultPicture;
  }
  if (scopes.includes('phone') && user.phoneNumber) {
    claims.phone_number = user.phoneNumber;
    claims.phone_number_verified = true;
  }
  return claims;
}
