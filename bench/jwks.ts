/**
 * Cold start and rotation, counted at the mock (one log line per JWKS request). Each scenario uses
 * its own JWKS URI (a distinct query string, which the mock ignores), so the module-level key-set
 * cache of verifyIdToken starts empty. jose refetches on an unknown kid only when its copy is older
 * than the 30 s cooldown, so the rotation scenarios are warmed first and finished at least 31 s later.
 */
import { generateKeyPair, SignJWT } from 'jose';
import { startMockTelegram, type MockTelegram } from 'telegram-login-kit/mock';
import { isTelegramLoginError, verifyIdToken } from 'telegram-login-kit/server';
import { BENCH_CLIENTS, clientFor } from './login-client.js';
import { assert, sleep } from './util.js';

const BURST = 1000;
export const COOLDOWN_MS = 30_000;
const MARGIN_MS = 1500;

export interface JwksResult {
  coldStart: { verifications: number; jwksRequests: number; ms: number };
  forgedKidWithinCooldown: { tokens: number; rejected: number; refetches: number };
  forgedKidAfterCooldown: { tokens: number; rejected: number; refetches: number };
  rotatedKid: { tokens: number; accepted: number; refetches: number };
}

export interface JwksBench {
  /** Cold start now, warm the rotation caches, and a forged-kid burst inside the cooldown. */
  start(): Promise<void>;
  /** Waits out what is left of the cooldown, then the two post-cooldown bursts. */
  finish(): Promise<JwksResult>;
  stop(): Promise<void>;
}

async function forgedTokens(mock: MockTelegram, count: number): Promise<string[]> {
  const { privateKey } = await generateKeyPair('RS256');
  const now = Math.floor(Date.now() / 1000);
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    tokens.push(
      await new SignJWT({ iss: mock.issuer, aud: mock.defaultClient.id, sub: `forged-${i}`, iat: now, exp: now + 600 })
        .setProtectedHeader({ alg: 'RS256', kid: 'oidc-999', typ: 'JWT' })
        .sign(privateKey),
    );
  }
  return tokens;
}

export async function createJwksBench(): Promise<JwksBench> {
  let jwksRequests = 0;
  const mock = await startMockTelegram({
    clients: BENCH_CLIENTS,
    onLog: (line) => {
      if (line.startsWith('GET /.well-known/jwks.json ')) jwksRequests++;
    },
  });
  const rs = clientFor(mock, 'RS256');
  const ed = clientFor(mock, 'EdDSA');
  const uri = (tag: string) => `${mock.jwksUri}?bench=${tag}`;
  const opts = (tag: string, algorithms: ('RS256' | 'EdDSA')[] = ['RS256']) => ({
    clientId: rs.id,
    issuer: mock.issuer,
    jwksUri: uri(tag),
    algorithms,
  });
  /** Verifies every token at once; returns how many verified, how many were refused for `kid`, and the JWKS requests made. */
  async function burst(tokens: string[], tag: string, clientId = rs.id, algorithms: ('RS256' | 'EdDSA')[] = ['RS256']) {
    const before = jwksRequests;
    const outcomes = await Promise.all(
      tokens.map((token) =>
        verifyIdToken(token, { ...opts(tag, algorithms), clientId }).then(
          () => 'ok' as const,
          (error: unknown) => {
            if (isTelegramLoginError(error) && error.code === 'id_token_invalid' && (error as { reason?: string }).reason === 'kid') return 'kid' as const;
            throw error;
          },
        ),
      ),
    );
    return {
      accepted: outcomes.filter((o) => o === 'ok').length,
      rejected: outcomes.filter((o) => o === 'kid').length,
      requests: jwksRequests - before,
    };
  }

  let warmedAt = 0;
  let result: Partial<JwksResult> = {};
  const forged = await forgedTokens(mock, BURST);

  return {
    async start() {
      // Cold start: 1,000 concurrent verifications against an empty cache.
      const good: string[] = [];
      for (let i = 0; i < 10; i++) good.push(await mock.mintIdToken({ clientId: rs.id }));
      const coldTokens = Array.from({ length: BURST }, (_, i) => good[i % good.length]!);
      const t0 = performance.now();
      const cold = await burst(coldTokens, 'cold');
      assert(cold.accepted === BURST, `cold start: ${cold.accepted} of ${BURST} verified`);
      result.coldStart = { verifications: BURST, jwksRequests: cold.requests, ms: performance.now() - t0 };

      // Rotation caches: warm each with one good token (one request each).
      const warmForged = await burst([good[0]!], 'forged');
      const warmRotated = await burst([await mock.mintIdToken({ clientId: ed.id })], 'rotated', ed.id, ['EdDSA']);
      assert(warmForged.accepted === 1 && warmRotated.accepted === 1, 'warming the rotation caches failed');
      warmedAt = Date.now();

      const within = await burst(forged, 'forged');
      assert(within.rejected === BURST, `forged kid within cooldown: ${within.rejected} of ${BURST} refused for kid`);
      result.forgedKidWithinCooldown = { tokens: BURST, rejected: within.rejected, refetches: within.requests };
    },
    async finish() {
      assert(warmedAt > 0, 'jwks bench finished before it started');
      const wait = warmedAt + COOLDOWN_MS + MARGIN_MS - Date.now();
      if (wait > 0) await sleep(wait);

      const after = await burst(forged, 'forged');
      assert(after.rejected === BURST, `forged kid after cooldown: ${after.rejected} of ${BURST} refused for kid`);
      result.forgedKidAfterCooldown = { tokens: BURST, rejected: after.rejected, refetches: after.requests };

      // Telegram rotates: new kids, previous keys kept. 1,000 tokens signed with the new key.
      await mock.control({ rotateKeys: { dropPrevious: false } });
      const rotated: string[] = [];
      const workers = Array.from({ length: 16 }, async () => {
        while (rotated.length < BURST) rotated.push(await mock.mintIdToken({ clientId: ed.id }));
      });
      await Promise.all(workers);
      rotated.length = BURST;
      const kid = (JSON.parse(Buffer.from(rotated[0]!.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
      assert(kid === 'oidc-eddsa-2', `rotated token has kid ${kid}`);
      const rot = await burst(rotated, 'rotated', ed.id, ['EdDSA']);
      assert(rot.accepted === BURST, `rotated kid: ${rot.accepted} of ${BURST} verified`);
      result.rotatedKid = { tokens: BURST, accepted: rot.accepted, refetches: rot.requests };
      return result as JwksResult;
    },
    stop: () => mock.stop(),
  };
}
