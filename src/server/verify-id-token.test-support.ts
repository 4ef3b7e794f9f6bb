// Fixtures and helpers shared by the verifyIdToken tests (claims and signatures; the JWKS).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from '@playwright/test';
import { base64url, CompactSign, decodeJwt, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { TelegramLoginError } from '../errors.js';
import { mintIdToken as mintFromMock } from '../mock/helpers.js';
import { DEFAULT_CLIENT, type MockClient, type MockTelegram } from '../mock/server.js';

// ---- fixtures ----------------------------------------------------------------------------------

/** The mock's frozen clock: every token here is issued at START, and tests pass `currentDate`. */
export const START = Date.UTC(2026, 0, 15, 12, 0, 0);
export const START_S = START / 1000;
export const clock = () => START;
export const ES256_CLIENT = { id: '7700000003', secret: 'es256-secret', algorithm: 'ES256' as const };
export const EDDSA_CLIENT = { id: '7700000004', secret: 'eddsa-secret', algorithm: 'EdDSA' as const };
export const ALICE = 100001;

// ---- helpers ----------------------------------------------------------------------------------

export interface MintOptions {
  client?: Pick<MockClient, 'id'>;
  scope?: string;
  nonce?: string;
}

/** A real id_token, signed by the mock's keys: its public test helper, no SDK code involved. */
export function mintIdToken(target: MockTelegram, { client = DEFAULT_CLIENT, scope, nonce }: MintOptions = {}): Promise<string> {
  return mintFromMock(target, { clientId: client.id, ...(scope ? { scope } : {}), ...(nonce ? { nonce } : {}) });
}

/** The rejection of a verification, as a plain object to compare. */
export async function failureOf(promise: Promise<unknown>): Promise<{ code: string; reason?: string; message: string }> {
  const error = await promise.then(
    () => {
      throw new Error('expected the verification to fail');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TelegramLoginError);
  const { code, reason, message } = error as TelegramLoginError;
  return reason === undefined ? { code, message } : { code, reason, message };
}

export function claimsOf(token: string): JWTPayload {
  return decodeJwt(token);
}

export function partsOf(token: string): [string, string, string] {
  const [header, payload, signature] = token.split('.');
  return [header!, payload!, signature!];
}

export function encodeJson(value: unknown): string {
  return base64url.encode(JSON.stringify(value));
}

export async function foreignKey(): Promise<CryptoKey> {
  return (await generateKeyPair('RS256')).privateKey;
}

export function jwksRequests(lines: string[]): number {
  return lines.filter((line) => line.startsWith('GET /.well-known/jwks.json')).length;
}

/** jose measures its JWKS cooldown with Date.now: moving it is how a test crosses the 30 s without sleeping. */
export async function withClockAhead<T>(ms: number, run: () => Promise<T>): Promise<T> {
  const realNow = Date.now;
  Date.now = () => realNow() + ms;
  try {
    return await run();
  } finally {
    Date.now = realNow;
  }
}

/** An issuer of our own: its JWKS holds keys this test controls, so claims can be wrong yet validly signed. */
export interface Forger {
  issuer: string;
  jwksUri: string;
  sign(claims: JWTPayload): Promise<string>;
  signBytes(payload: Uint8Array): Promise<string>;
  serveJwks(body: string): void;
  stop(): Promise<void>;
}

export async function startForger(): Promise<Forger> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  let jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'forge-1', alg: 'RS256' }] });
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const header = { alg: 'RS256', kid: 'forge-1', typ: 'JWT' };
  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    sign: (claims) => new SignJWT(claims).setProtectedHeader(header).sign(privateKey),
    signBytes: (payload) => new CompactSign(payload).setProtectedHeader(header).sign(privateKey),
    serveJwks(body) {
      jwks = body;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function forgedClaims(forger: Forger, overrides: JWTPayload = {}): JWTPayload {
  return { iss: forger.issuer, aud: DEFAULT_CLIENT.id, sub: '1234567890123456789', iat: START_S, exp: START_S + 3600, ...overrides };
}

