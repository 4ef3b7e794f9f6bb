import type { IncomingMessage, ServerResponse } from 'node:http';
import { botByToken } from './bots.js';
import { BotApiError, NOT_FOUND, UNAUTHORIZED } from './errors.js';
import { Described, METHODS, type BotApiState } from './methods.js';
import { readBotApiParams } from './params.js';
import type { BotRuntime } from './updates.js';

/** `/bot<token>/<method>`, as on api.telegram.org. */
const ROUTE = /^\/bot([^/]*)\/([^/]*)$/;

export interface BotApiHandlerOptions {
  state: BotApiState;
  runtimeOf(botId: number): BotRuntime;
  /** An error injected by a control command for this call, if any. */
  injectedError(runtime: BotRuntime, method: string): BotApiError | undefined;
  /** Aborts held long polls when the mock stops. */
  stopping: AbortSignal;
}

function sendResult(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', ...extra });
  res.end(text);
}

/** Runs one method; a method may also be called from a webhook's reply, with no HTTP request. */
export async function runMethod(options: BotApiHandlerOptions, runtime: BotRuntime, name: string, call: { params: Map<string, unknown>; signal: AbortSignal }) {
  const method = METHODS.get(name.toLowerCase());
  if (!method) throw NOT_FOUND();
  const injected = options.injectedError(runtime, name.toLowerCase());
  if (injected) throw injected;
  return method(options.state, { runtime, ...call });
}

/**
 * Answers a Bot API request. Returns false when the path is not a Bot API route. Every failure,
 * including a bug of the mock's, is answered in the Bot API's error shape; nothing is thrown.
 */
export async function handleBotApiRequest(
  options: BotApiHandlerOptions,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  note: (text: string) => void,
): Promise<boolean> {
  const match = ROUTE.exec(url.pathname);
  if (!match) return false;
  const [, token = '', name = ''] = match;
  const closed = new AbortController();
  const abort = () => closed.abort();
  res.once('close', abort);
  options.stopping.addEventListener('abort', abort, { once: true });
  try {
    if (req.method !== 'GET' && req.method !== 'POST') throw NOT_FOUND();
    let decoded = token;
    try {
      decoded = decodeURIComponent(token);
    } catch {
      // A token with a broken escape matches no bot.
    }
    const bot = token === '' ? undefined : botByToken(options.state.bots, decoded);
    if (token === '' || !name) throw NOT_FOUND();
    if (!bot) throw UNAUTHORIZED();
    const runtime = options.runtimeOf(bot.id);
    if (!METHODS.has(name.toLowerCase())) throw NOT_FOUND();
    note(`@${bot.username}.${name}`);
    const params = await readBotApiParams(req, url);
    const result = await runMethod(options, runtime, name, { params, signal: closed.signal });
    if (res.destroyed || closed.signal.aborted) return true;
    sendResult(res, 200, result instanceof Described ? { ok: true, result: result.result, description: result.description } : { ok: true, result });
  } catch (error) {
    const failure = error instanceof BotApiError ? error : new BotApiError(500, 'Internal Server Error');
    if (!(error instanceof BotApiError)) note(`internal error: ${error instanceof Error ? error.message : String(error)}`);
    else note(failure.description);
    // A body we stopped reading leaves the connection unusable.
    if (!res.headersSent && !res.destroyed) sendResult(res, failure.status, failure.toJSON(), failure.status === 413 ? { Connection: 'close' } : {});
  } finally {
    options.stopping.removeEventListener('abort', abort);
  }
  return true;
}
