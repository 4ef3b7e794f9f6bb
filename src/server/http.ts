import { TelegramLoginError, type TelegramLoginErrorCode } from '../errors.js';
import { escapeHtml } from '../oauth/html.js';
import { HttpError } from '../oauth/http-error.js';
import { recordFailure } from './request-log.js';

/** Largest request body the handler (and the Node adapter) reads. */
export const BODY_LIMIT = 16 * 1024;

/** The request ended before its body arrived: the client went away, there is nobody to answer. */
export class RequestAbortedError extends Error {
  override readonly name = 'RequestAbortedError';
}

/** The body did not arrive in time (a trickled body); the Node adapter raises it. */
export class BodyTimeoutError extends Error {
  override readonly name = 'BodyTimeoutError';
}

export function badRequest(message: string, status = 400, headers: Record<string, string> = {}): HttpError {
  return new HttpError(status, 'invalid_request', message, headers);
}

const STATUS: Partial<Record<TelegramLoginErrorCode, number>> = {
  session_invalid: 401,
  bot_request_missing: 401,
  bot_api_failed: 502,
  origin_not_allowed: 403,
  rate_limited: 429,
  jwks_unavailable: 502,
  store_unavailable: 503,
  server_error: 500,
};

/** 400 for bad input, 401 session or bot request, 403 origin, 429 rate limit, 502 when Telegram is unreachable or refuses our client, 503 store. */
export function statusFor(error: TelegramLoginError): number {
  if (error.code === 'token_exchange_failed') return error.providerError === 'invalid_grant' ? 400 : 502;
  return STATUS[error.code] ?? 400;
}

/** Our errors with their status; anything else is a bug or a failing dependency: logged here, told nobody. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof TelegramLoginError) return new HttpError(statusFor(error), error.code, error.message, {}, { cause: error });
  console.error('telegram-login-kit: the auth handler failed', error);
  return new HttpError(500, 'server_error', 'internal error');
}

/** Headers on every response of the handler. */
export function withSecurityHeaders(response: Response): Response {
  response.headers.set('X-Content-Type-Options', 'nosniff');
  if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'no-store');
  return response;
}

export function jsonResponse(status: number, body: unknown, headers?: Headers): Response {
  const out = new Headers(headers);
  out.set('Content-Type', 'application/json; charset=utf-8');
  out.set('Cache-Control', 'no-store');
  return new Response(JSON.stringify(body), { status, headers: out });
}

/** `{ error, message, providerError? }`: never a stack, a secret or the provider's free-text description. */
function errorBody(failure: HttpError): Record<string, string> {
  const providerError = failure.cause instanceof TelegramLoginError ? failure.cause.providerError : undefined;
  return { error: failure.code, message: failure.message, ...(providerError === undefined ? {} : { providerError }) };
}

export function errorResponse(failure: HttpError, headers?: Headers): Response {
  const out = new Headers(failure.headers);
  headers?.forEach((value, name) => out.append(name, value));
  return recordFailure(jsonResponse(failure.status, errorBody(failure), out), failure);
}

/** The redirect flow's error page: no script, no external resource, no link but the site's root. */
export function htmlErrorResponse(failure: HttpError, headers: Headers): Response {
  const html = `<!doctype html>
<html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Login failed</title>
<h1>Login failed</h1>
<p><code>${escapeHtml(failure.code)}</code>: ${escapeHtml(failure.message)}</p>
<p><a href="/">Back to the site</a></p>
</html>
`;
  const out = new Headers(headers);
  out.set('Content-Type', 'text/html; charset=utf-8');
  out.set('Cache-Control', 'no-store');
  out.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  // The callback URL carries the code: keep it out of Referer headers.
  out.set('Referrer-Policy', 'no-referrer');
  return recordFailure(new Response(html, { status: failure.status, headers: out }), failure);
}

/** A body stream failure as our error: an abort is an abort, a stall is 408, anything else 400. */
function streamFailure(error: unknown, request: Request): Error {
  if (error instanceof HttpError) return error;
  if (error instanceof RequestAbortedError || request.signal?.aborted) return new RequestAbortedError('the client went away before its body arrived', { cause: error });
  if (error instanceof BodyTimeoutError) return badRequest(error.message, 408, { Connection: 'close' });
  return badRequest('the request body could not be read');
}

async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  const reader = request.body!.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        throw badRequest(`request body is larger than ${limit} bytes`, 413);
      }
      chunks.push(value);
    }
  } catch (error) {
    throw streamFailure(error, request);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** A non-empty string field of a JSON body (own properties only), or 400. */
export function requireString(body: Record<string, unknown>, field: string): string {
  const value = Object.hasOwn(body, field) ? body[field] : undefined;
  if (typeof value !== 'string' || value === '') throw badRequest(`"${field}" must be a non-empty string`);
  return value;
}

/**
 * A route for the site's own scripts (fetch from a page of this origin): a navigation, or a request
 * another site makes, is refused. Browsers say so in `Sec-Fetch-Site` and `Sec-Fetch-Mode`.
 */
export function requireSameOriginFetch(request: Request, what: string): void {
  const site = request.headers.get('sec-fetch-site');
  const mode = request.headers.get('sec-fetch-mode');
  if ((site !== null && site !== 'same-origin') || mode === 'navigate') {
    throw new TelegramLoginError('origin_not_allowed', `${what} is fetched by the site's own script (fetch from a page of this origin), not by a navigation or another site`);
  }
}

/**
 * A route a browser navigates to from any site (a link, Telegram's redirect back): another site's
 * image, script or fetch is refused. Browsers say which in `Sec-Fetch-Site` and `Sec-Fetch-Mode`.
 */
export function refuseCrossSiteSubresource(request: Request, what: string): void {
  const site = request.headers.get('sec-fetch-site');
  const mode = request.headers.get('sec-fetch-mode');
  if ((site === 'cross-site' || site === 'same-site') && mode !== null && mode !== 'navigate') {
    throw new TelegramLoginError('origin_not_allowed', `${what} is opened by navigating to it, not by another site's image, script or fetch`);
  }
}

/** A JSON object body, or `{}` when the request has no body at all (`fetch(url, { method: 'POST' })`). */
export async function readOptionalJsonObject(request: Request): Promise<Record<string, unknown>> {
  if (request.body === null || request.headers.get('content-length') === '0') return {};
  return readJsonObject(request);
}

/** The JSON object in a request body: `application/json`, at most {@link BODY_LIMIT} bytes, UTF-8. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw badRequest('"Content-Type" must be application/json');
  if (Number(request.headers.get('content-length') ?? 0) > BODY_LIMIT) throw badRequest(`request body is larger than ${BODY_LIMIT} bytes`, 413);
  const bytes = request.body ? await readLimited(request, BODY_LIMIT) : new Uint8Array();
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw badRequest('request body is not valid json');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('request body must be a json object');
  return body as Record<string, unknown>;
}
