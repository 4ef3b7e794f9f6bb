/**
 * Tokens and codes straight from a running mock, without a browser or a consent page: for unit tests
 * of a site's own server code. What they return is real: an id_token signed with the mock's keys
 * (verifiable against its JWKS) and a single-use code that the mock's `/token` redeems.
 * Nothing here needs Node's types, so the public declarations do not either; the work is in mint.ts.
 */
import type { MockSigningAlgorithm, MockUser } from './id-token.js';
import type { MockTelegram } from './server.js';

/** Options of {@link MockTelegram.mintIdToken}; every one has a default. */
export interface MintIdTokenOptions {
  /** The bot the token is for (its `aud`). Default: the mock's default client. */
  clientId?: string | number;
  /**
   * Whom the token is about: the id of one of the mock's users, or a user of your own (it need not
   * be registered; its default `picture` is then not served). Default: the first user.
   */
  user?: number | MockUser;
  /** Space-separated or a list; must include `openid`, as on Telegram. Default `openid profile` (`openid` for EdDSA). */
  scope?: string | readonly string[];
  /** Echoed as the `nonce` claim, as Telegram's library flow does. */
  nonce?: string;
  /** Signs with this algorithm instead of the client's own (to test algorithm pinning). */
  alg?: MockSigningAlgorithm;
  /** `iat` in milliseconds since the epoch (`exp` is one hour later). Default: the mock's clock. */
  issuedAt?: number;
}

interface PkceByChallenge {
  /** The PKCE challenge your code sent (RFC 7636). */
  codeChallenge: string;
  /** Default `S256`. */
  codeChallengeMethod?: 'S256' | 'plain';
  codeVerifier?: never;
}

interface PkceByVerifier {
  /** The PKCE verifier; the code is bound to its S256 challenge. */
  codeVerifier: string;
  codeChallenge?: never;
  codeChallengeMethod?: never;
}

interface WithoutPkce {
  codeChallenge?: never;
  codeChallengeMethod?: never;
  codeVerifier?: never;
}

/** Options of {@link MockTelegram.authorizeCode}: the authorization request, as if the user allowed it. */
export type AuthorizeCodeOptions = {
  /** Must be in the client's Allowed URLs, as `/auth` requires; `/token` then needs this same string. */
  redirectUri: string;
  /** Default: the mock's default client. */
  clientId?: string | number;
  /** Space-separated or a list; must include `openid`. Default `openid profile` (`openid` for an EdDSA client). */
  scope?: string | readonly string[];
  /** Echoed in the id_token that `/token` returns for this code. */
  nonce?: string;
  /** Who allowed the request: the id of one of the mock's users. Default: the first user. */
  userId?: number;
} & (PkceByChallenge | PkceByVerifier | WithoutPkce);

/** A misuse of a helper: a `TypeError` whose `code` is the OAuth error `/auth` would answer with. */
export type MockHelperError = TypeError & { code: 'invalid_request' | 'invalid_client' | 'invalid_scope' };

/**
 * A real id_token from `mock`, signed with its current keys: {@link MockTelegram.mintIdToken}.
 *
 * @example
 * const idToken = await mintIdToken(mock, { nonce, scope: 'openid profile phone' });
 * await verifyIdToken(idToken, { clientId: mock.defaultClient.id, issuer: mock.issuer, nonce });
 */
export function mintIdToken(mock: MockTelegram, options?: MintIdTokenOptions): Promise<string> {
  return mock.mintIdToken(options);
}

/**
 * A real single-use code that `mock`'s `/token` redeems: {@link MockTelegram.authorizeCode}.
 *
 * @example
 * const codeVerifier = randomBytes(32).toString('base64url'); // node:crypto
 * const code = await authorizeCode(mock, { redirectUri: 'http://localhost:3000/callback', codeVerifier });
 * await exchangeCode({ code, codeVerifier, redirectUri: 'http://localhost:3000/callback', … });
 */
export function authorizeCode(mock: MockTelegram, options: AuthorizeCodeOptions): Promise<string> {
  return mock.authorizeCode(options);
}
