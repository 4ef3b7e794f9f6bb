/** The parameters of an OpenID Connect Authorization Code request with PKCE S256. */
export interface AuthorizationUrlParams {
  /** The provider's authorization endpoint, e.g. `https://oauth.telegram.org/auth`. */
  endpoint: string;
  clientId: string;
  redirectUri: string;
  /** Space-separated scopes, `openid` first. */
  scope: string;
  state: string;
  /** The S256 challenge of the PKCE verifier. */
  codeChallenge: string;
  nonce?: string;
  /** Language of the consent page (Telegram's extension). */
  lang?: string;
}

/** Builds the `/auth` URL of a code-flow login; used by the browser flows and the server's `/login`. */
export function buildAuthorizationUrl(params: AuthorizationUrlParams): string {
  const url = new URL(params.endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    scope: params.scope,
    state: params.state,
    code_challenge: params.codeChallenge,
    code_challenge_method: 'S256',
    ...(params.nonce ? { nonce: params.nonce } : {}),
    ...(params.lang ? { lang: params.lang } : {}),
  }).toString();
  return url.href;
}
