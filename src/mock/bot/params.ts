import type { IncomingMessage } from 'node:http';
import { BotApiError, badRequest } from './errors.js';
import type { BotApiParams } from './param-readers.js';

/** Bot API requests are small; the mock has no file uploads. */
export const BOT_API_BODY_LIMIT = 256 * 1024;

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => new BotApiError(413, 'Request Entity Too Large');
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    req.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function fromEntries(entries: Iterable<[string, unknown]>): BotApiParams {
  const params: BotApiParams = new Map();
  // A repeated parameter: the last one wins, as on Telegram.
  for (const [key, value] of entries) params.set(key, value);
  return params;
}

/**
 * Reads the parameters the way the Bot API takes them: the query string, then a JSON,
 * form-urlencoded or multipart body on top.
 */
export async function readBotApiParams(req: IncomingMessage, url: URL, limit = BOT_API_BODY_LIMIT): Promise<BotApiParams> {
  const params = fromEntries(url.searchParams);
  const body = await readBody(req, limit);
  if (body.length === 0) return params;
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  let parsed: BotApiParams;
  if (type === 'application/json') {
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw badRequest("can't parse JSON request body");
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw badRequest('JSON request body must be an object');
    parsed = fromEntries(Object.entries(json));
  } else if (type === 'application/x-www-form-urlencoded') {
    parsed = fromEntries(new URLSearchParams(body.toString('utf8')));
  } else if (type === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), { headers: { 'content-type': req.headers['content-type']! } }).formData();
    } catch {
      throw badRequest("can't parse multipart/form-data request body");
    }
    const entries = [...form.entries()];
    if (entries.some(([, value]) => typeof value !== 'string')) throw badRequest('the mock takes no file uploads');
    parsed = fromEntries(entries);
  } else {
    throw badRequest(`unsupported Content-Type "${type}"; send application/json, a form or query parameters`);
  }
  for (const [key, value] of parsed) params.set(key, value);
  return params;
}
