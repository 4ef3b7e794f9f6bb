import { TelegramLoginError, type TelegramLoginErrorCode } from '../errors.js';

/** Largest request body the handler (and the Node adapter) reads. */
export const BODY_LIMIT = 16 * 1024;

/** A failure with its HTTP status; only the handler sees it, users see the `TelegramLoginError`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: TelegramLoginError,
    readonly headers: Record<string, string> = {},
  ) {
    super(error.message);
  }
}

export function badRequest(message: string, status = 400, headers: Record<string, string> = {}): HttpError {
  return new HttpError(status, new TelegramLoginError('invalid_request', message), headers);
}

const STATUS: Partial<Record<TelegramLoginErrorCode, number>> = {
  session_invalid: 401,
  origin_not_allowed: 403,
  jwks_unavailable: 502,
  server_error: 500,
};

/** 400 for bad input, 401 session, 403 origin, 502 when Telegram is unreachable or refuses our client. */
export function statusFor(error: TelegramLoginError): number {
  if (error.code === 'token_exchange_failed') return error.providerError === 'invalid_grant' ? 400 : 502;
  return STATUS[error.code] ?? 400;
}

export function jsonResponse(status: number, body: unknown, headers?: Headers): Response {
  const out = new Headers(headers);
  out.set('Content-Type', 'application/json; charset=utf-8');
  out.set('Cache-Control', 'no-store');
  return new Response(JSON.stringify(body), { status, headers: out });
}

/** `{ error, message, providerError? }`: never a stack, a secret or the provider's free-text description. */
export function errorBody(error: TelegramLoginError): Record<string, string> {
  return { error: error.code, message: error.message, ...(error.providerError === undefined ? {} : { providerError: error.providerError }) };
}

export function errorResponse(failure: HttpError): Response {
  return jsonResponse(failure.status, errorBody(failure.error), new Headers(failure.headers));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The redirect flow's error page: no script, no external resource, no link but the site's root. */
export function htmlErrorResponse(failure: HttpError, headers: Headers): Response {
  const { code, message } = failure.error;
  const html = `<!doctype html>
<html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Login failed</title>
<h1>Login failed</h1>
<p><code>${escapeHtml(code)}</code>: ${escapeHtml(message)}</p>
<p><a href="/">Back to the site</a></p>
</html>
`;
  const out = new Headers(headers);
  out.set('Content-Type', 'text/html; charset=utf-8');
  out.set('Cache-Control', 'no-store');
  out.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  // The callback URL carries the code: keep it out of Referer headers.
  out.set('Referrer-Policy', 'no-referrer');
  return new Response(html, { status: failure.status, headers: out });
}

async function readLimited(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
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
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The JSON object in a request body: `application/json`, at most {@link BODY_LIMIT} bytes, UTF-8. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw badRequest('"Content-Type" must be application/json');
  if (Number(request.headers.get('content-length') ?? 0) > BODY_LIMIT) throw badRequest(`request body is larger than ${BODY_LIMIT} bytes`, 413);
  const bytes = request.body ? await readLimited(request.body, BODY_LIMIT) : new Uint8Array();
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw badRequest('request body is not valid json');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('request body must be a json object');
  return body as Record<string, unknown>;
}
