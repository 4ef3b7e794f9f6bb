import { buildAuthorizationUrl } from '../oauth/authorization-url.js';
import { pkceChallenge } from '../oauth/pkce.js';
import type { CodeTransaction } from './code-transaction.js';
import type { CodeLoginRequest } from './requests.js';

/** The provider's `/auth` URL for a code-flow login: the transaction's state, and the S256 challenge of its verifier. */
export async function authorizationUrlFor(request: CodeLoginRequest, transaction: CodeTransaction): Promise<string> {
  return buildAuthorizationUrl({
    endpoint: request.authorizationEndpoint,
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    scope: request.scope,
    state: transaction.state,
    codeChallenge: await pkceChallenge(transaction.codeVerifier),
    ...(request.nonce ? { nonce: request.nonce } : {}),
    ...(request.lang ? { lang: request.lang } : {}),
  });
}
