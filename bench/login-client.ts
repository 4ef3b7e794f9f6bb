/**
 * The mock throughput workload: a minimal code-flow client, GET /auth (auto-consent) -> POST /token,
 * over keep-alive node:http. These HTTP round trips are what the mock bench measures; phases that
 * only need tokens take them from `mock.mintIdToken()` instead.
 */
import { Agent, request } from 'node:http';
import type { MockClient, MockTelegram } from 'telegram-login-kit/mock';

export const REDIRECT_URI = 'http://127.0.0.1:1/callback';

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export function closeAgent(): void {
  agent.destroy();
}

function call(
  url: string,
  { method = 'GET', body, headers = {} }: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers: body === undefined ? headers : { ...headers, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

let counter = 0;

/** One complete authorization over HTTP: returns the id_token. The mock must have auto-consent on. */
export async function httpCodeLogin(mock: MockTelegram, client: MockClient, nonce?: string): Promise<string> {
  const state = `s${++counter}`;
  const scope = client.algorithm === 'EdDSA' ? 'openid' : 'openid profile';
  const auth = new URL(mock.authorizationEndpoint);
  auth.search = new URLSearchParams({
    response_type: 'code',
    client_id: client.id,
    redirect_uri: REDIRECT_URI,
    scope,
    state,
    ...(nonce ? { nonce } : {}),
  }).toString();
  const redirect = await call(auth.href);
  const location = redirect.headers.location;
  if (redirect.status !== 302 || typeof location !== 'string') throw new Error(`/auth answered ${redirect.status}: ${redirect.body.slice(0, 200)}`);
  const back = new URL(location);
  const code = back.searchParams.get('code');
  if (!code || back.searchParams.get('state') !== state) throw new Error(`/auth redirected without a code: ${location}`);
  const token = await call(mock.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: client.id,
      client_secret: client.secret,
    }).toString(),
  });
  if (token.status !== 200) throw new Error(`/token answered ${token.status}: ${token.body.slice(0, 200)}`);
  const idToken = (JSON.parse(token.body) as { id_token?: unknown }).id_token;
  if (typeof idToken !== 'string') throw new Error('/token sent no id_token');
  return idToken;
}

export const BENCH_CLIENTS = [
  { id: '7700000002', secret: 'bench-secret-es256', name: 'Bench ES256', algorithm: 'ES256' as const },
  { id: '7700000003', secret: 'bench-secret-eddsa', name: 'Bench EdDSA', algorithm: 'EdDSA' as const },
];

/** The mock client that signs with `alg` (the default client signs with RS256). */
export function clientFor(mock: MockTelegram, alg: 'RS256' | 'ES256' | 'EdDSA'): MockClient {
  const client = mock.clients.find((candidate) => candidate.algorithm === alg);
  if (!client) throw new Error(`no mock client for ${alg}`);
  return client;
}
