/**
 * verifyIdToken throughput with a warm JWKS, beside what a user would write instead of us — bare
 * jose (`jwtVerify` + `createRemoteJWKSet`, same token and checks: the budget) — and, for
 * information, the bare signature check WebCrypto does (`crypto.subtle.verify`) and node:crypto's
 * synchronous `crypto.verify`.
 */
import { createPublicKey, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { MockTelegram } from 'telegram-login-kit/mock';
import { verifyIdToken, type IdTokenAlgorithm } from 'telegram-login-kit/server';
import { clientFor } from './login-client.js';
import { assert, percentile } from './util.js';

export const ALGORITHMS: IdTokenAlgorithm[] = ['RS256', 'ES256', 'EdDSA'];
/** Verifications in flight at once: jose's WebCrypto calls run on libuv's thread pool. */
export const CONCURRENCY = 8;
const WINDOW_MS = 1600;
const ROUNDS = 8;
const LATENCY_WINDOW_MS = 800;

export interface AlgResult {
  alg: IdTokenAlgorithm;
  /** verifyIdToken per second, CONCURRENCY in flight */
  verifyIdToken: number;
  /** bare jose jwtVerify + createRemoteJWKSet per second, same concurrency */
  jose: number;
  /** verifyIdToken / jose: the median of the rounds' ratios */
  ratioJose: number;
  /** jose latency, one at a time */
  joseP50: number;
  joseP99: number;
  /** crypto.subtle.verify per second, same concurrency */
  subtle: number;
  /** node:crypto verify per second, synchronous loop */
  node: number;
  ratioSubtle: number;
  ratioNode: number;
  /** verifyIdToken latency, one at a time */
  p50: number;
  p99: number;
  samples: number;
  /** crypto.subtle.verify latency, one at a time */
  subtleP50: number;
}

interface Prepared {
  tokens: string[];
  data: Uint8Array<ArrayBuffer>[];
  signatures: Uint8Array<ArrayBuffer>[];
  subtleKey: CryptoKey;
  subtleParams: AlgorithmIdentifier | EcdsaParams;
  nodeKey: KeyObject;
  nodeDigest: string | null;
}

const IMPORT: Record<IdTokenAlgorithm, { import: RsaHashedImportParams | EcKeyImportParams | Algorithm; verify: AlgorithmIdentifier | EcdsaParams; digest: string | null }> = {
  RS256: { import: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, verify: { name: 'RSASSA-PKCS1-v1_5' }, digest: 'sha256' },
  ES256: { import: { name: 'ECDSA', namedCurve: 'P-256' }, verify: { name: 'ECDSA', hash: 'SHA-256' }, digest: 'sha256' },
  EdDSA: { import: { name: 'Ed25519' }, verify: { name: 'Ed25519' }, digest: null },
};

async function prepare(mock: MockTelegram, alg: IdTokenAlgorithm, count: number): Promise<Prepared> {
  const client = clientFor(mock, alg);
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) tokens.push(await mock.mintIdToken({ clientId: client.id }));
  const jwks = (await (await fetch(mock.jwksUri)).json()) as { keys: (JsonWebKey & { kid: string })[] };
  const header = JSON.parse(Buffer.from(tokens[0]!.split('.')[0]!, 'base64url').toString()) as { kid: string; alg: string };
  assert(header.alg === alg, `mock signed ${header.alg}, wanted ${alg}`);
  const jwk = jwks.keys.find((key) => key.kid === header.kid);
  assert(jwk, `kid ${header.kid} not in the JWKS`);
  const { kid: _kid, alg: _alg, use: _use, key_ops: _ops, ext: _ext, ...bare } = jwk as JsonWebKey & { kid: string; use?: string };
  const spec = IMPORT[alg];
  const subtleKey = await crypto.subtle.importKey('jwk', bare, spec.import, false, ['verify']);
  const nodeKey = createPublicKey({ key: bare as import('node:crypto').JsonWebKey, format: 'jwk' });
  const data = tokens.map((token) => new Uint8Array(Buffer.from(token.slice(0, token.lastIndexOf('.')), 'ascii')));
  const signatures = tokens.map((token) => new Uint8Array(Buffer.from(token.slice(token.lastIndexOf('.') + 1), 'base64url')));
  return { tokens, data, signatures, subtleKey, subtleParams: spec.verify, nodeKey, nodeDigest: spec.digest };
}

/** Runs `op` in `concurrency` loops for `windowMs`; returns operations per second and each op's latency. */
export async function throughput(op: (i: number) => Promise<unknown>, windowMs: number, concurrency: number, latencies?: number[]): Promise<number> {
  let done = 0;
  const start = performance.now();
  const end = start + windowMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await op(done);
        latencies?.push(performance.now() - t0);
        done++;
      }
    }),
  );
  return done / ((performance.now() - start) / 1000);
}

export async function runVerify(mock: MockTelegram): Promise<AlgResult[]> {
  const results: AlgResult[] = [];
  for (const alg of ALGORITHMS) {
    const p = await prepare(mock, alg, 16);
    const client = clientFor(mock, alg);
    const options = { clientId: client.id, issuer: mock.issuer, algorithms: [alg] };
    // What a user would write instead of us: jose with a remote key set, the same checks.
    const joseKeys = createRemoteJWKSet(new URL(mock.jwksUri));
    const joseOptions = { issuer: mock.issuer, audience: client.id, algorithms: [alg], requiredClaims: ['iss', 'aud', 'sub', 'iat', 'exp'], clockTolerance: 30 };
    const bareJose = (token: string) => jwtVerify(token, joseKeys, joseOptions);
    // Warm the JWKS and check the tokens really verify (and a tampered one really does not).
    for (const token of p.tokens) assert((await verifyIdToken(token, options)).aud === client.id, `${alg} token did not verify`);
    const tampered = p.tokens[0]!.slice(0, -6) + (p.tokens[0]!.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');
    assert(await verifyIdToken(tampered, options).then(() => false, () => true), `${alg}: a tampered token verified`);
    for (let i = 0; i < p.tokens.length; i++) {
      assert(await crypto.subtle.verify(p.subtleParams, p.subtleKey, p.signatures[i]!, p.data[i]!), `${alg}: subtle baseline failed`);
      assert(nodeVerify(p.nodeDigest, p.data[i]!, { key: p.nodeKey, dsaEncoding: 'ieee-p1363' }, p.signatures[i]!), `${alg}: node baseline failed`);
    }
    const n = p.tokens.length;
    // Warm-up of every path, then the measured windows.
    await throughput((i) => verifyIdToken(p.tokens[i % n]!, options), 150, CONCURRENCY);
    await throughput((i) => bareJose(p.tokens[i % n]!), 150, CONCURRENCY);
    await throughput((i) => crypto.subtle.verify(p.subtleParams, p.subtleKey, p.signatures[i % n]!, p.data[i % n]!), 150, CONCURRENCY);
    // Alternating short windows, so that every side sees the same background load.
    // The ratio is the median of each round's ours/jose: a GC pause or a burst of background work in
    // one window moves one round's ratio, not the result.
    let ours = 0;
    let jose = 0;
    let subtle = 0;
    const roundRatios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const oursRound = await throughput((i) => verifyIdToken(p.tokens[i % n]!, options), WINDOW_MS / ROUNDS, CONCURRENCY);
      const joseRound = await throughput((i) => bareJose(p.tokens[i % n]!), WINDOW_MS / ROUNDS, CONCURRENCY);
      ours += oursRound / ROUNDS;
      jose += joseRound / ROUNDS;
      roundRatios.push(oursRound / joseRound);
      subtle += (await throughput((i) => crypto.subtle.verify(p.subtleParams, p.subtleKey, p.signatures[i % n]!, p.data[i % n]!), WINDOW_MS / ROUNDS, CONCURRENCY)) / ROUNDS;
    }
    let nodeCount = 0;
    const nodeStart = performance.now();
    while (performance.now() - nodeStart < WINDOW_MS / 2) {
      for (let k = 0; k < 16; k++, nodeCount++) {
        const i = nodeCount % n;
        if (!nodeVerify(p.nodeDigest, p.data[i]!, { key: p.nodeKey, dsaEncoding: 'ieee-p1363' }, p.signatures[i]!)) throw new Error('node verify failed');
      }
    }
    const node = nodeCount / ((performance.now() - nodeStart) / 1000);
    // One at a time, alternating, so both see the same background load.
    const latencies: number[] = [];
    const joseLatencies: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await throughput((i) => verifyIdToken(p.tokens[i % n]!, options), LATENCY_WINDOW_MS / ROUNDS, 1, latencies);
      await throughput((i) => bareJose(p.tokens[i % n]!), LATENCY_WINDOW_MS / ROUNDS, 1, joseLatencies);
    }
    const subtleLatencies: number[] = [];
    await throughput((i) => crypto.subtle.verify(p.subtleParams, p.subtleKey, p.signatures[i % n]!, p.data[i % n]!), LATENCY_WINDOW_MS / 2, 1, subtleLatencies);
    results.push({
      alg,
      verifyIdToken: ours,
      jose,
      ratioJose: percentile(roundRatios, 50),
      joseP50: percentile(joseLatencies, 50),
      joseP99: percentile(joseLatencies, 99),
      subtle,
      node,
      ratioSubtle: ours / subtle,
      ratioNode: ours / node,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      samples: latencies.length,
      subtleP50: percentile(subtleLatencies, 50),
    });
  }
  return results;
}
