import type { ServerResponse } from 'node:http';
import { CORS, sendJson } from './http.js';
import type { MockState } from './state.js';

const PUBLIC_DOCUMENT = { ...CORS, 'Cache-Control': 'public, max-age=60' };

/**
 * Telegram's discovery document with the mock's origin: the same lists, including what the mock does
 * not implement (ES256K, `ton:wallet`), so that clients configured from it see what Telegram announces.
 */
export function discoveryDocument(issuer: string): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/auth`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    response_types_supported: ['code'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256', 'ES256', 'EdDSA', 'ES256K'],
    scopes_supported: ['openid', 'phone', 'profile', 'telegram:bot_access', 'ton:wallet'],
    claims_supported: ['aud', 'preferred_username', 'phone_number', 'exp', 'iat', 'iss', 'name', 'picture', 'sub', 'ton'],
    code_challenge_methods_supported: ['plain', 'S256'],
    grant_types_supported: ['authorization_code'],
  };
}

/** `GET /.well-known/openid-configuration` */
export function handleDiscovery(state: MockState, res: ServerResponse): void {
  sendJson(res, 200, discoveryDocument(state.issuer), PUBLIC_DOCUMENT);
}

/** `GET /.well-known/jwks.json`: the current keys, then the previous generation while it overlaps. */
export function handleJwks(state: MockState, res: ServerResponse): void {
  sendJson(res, 200, state.keys.jwks(), PUBLIC_DOCUMENT);
}
