import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../oauth/http-error.js';

/** Largest request body the mock reads; anything bigger is a 413 before it is buffered. */
export const BODY_LIMIT = 64 * 1024;

/** Discovery, JWKS and the library are public documents any site may fetch. */
export const CORS = { 'Access-Control-Allow-Origin': '*' };

const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' https: data:; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};

/** Parses a query or form body; OAuth forbids repeating a parameter. */
export function parseParams(params: URLSearchParams): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of params) {
    if (out.has(key)) throw new HttpError(400, 'invalid_request', `"${key}" parameter repeated`);
    out.set(key, value);
  }
  return out;
}

function tooLarge(): HttpError {
  return new HttpError(413, 'invalid_request', `request body is larger than ${BODY_LIMIT} bytes`, { Connection: 'close' });
}

/** The whole body as UTF-8, refusing more than {@link BODY_LIMIT} bytes whether declared or streamed. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > BODY_LIMIT) {
    req.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The media type of the request body, lower-cased, without parameters. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

export async function readForm(req: IncomingMessage): Promise<Map<string, string>> {
  if (mediaType(req) !== 'application/x-www-form-urlencoded') {
    throw new HttpError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
  }
  return parseParams(new URLSearchParams(await readBody(req)));
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  if (mediaType(req) !== 'application/json') throw new HttpError(400, 'invalid_request', 'Content-Type must be application/json');
  const body = await readBody(req);
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new HttpError(400, 'invalid_request', 'body is not valid JSON');
  }
}

export function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body), { 'Cache-Control': 'no-store', ...headers });
}

/** An API error as OAuth JSON (RFC 6749 §5.2): `{ error, error_description }`. */
export function sendOAuthError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, { error: error.code, error_description: error.message }, error.headers);
}

/** An HTML page of the mock's own, under a CSP that allows only its own script files. */
export function sendPage(res: ServerResponse, status: number, html: string): void {
  send(res, status, 'text/html; charset=utf-8', html, PAGE_HEADERS);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}
