import type { TelegramAuthHandler } from './handler.js';

/** What the adapter needs of a handler: the function and its `basePath`. */
export type NodeHandler = Pick<TelegramAuthHandler, 'basePath'> & ((request: Request, info?: { remoteAddress?: string }) => Promise<Response>);
import { BODY_LIMIT, BodyTimeoutError, RequestAbortedError } from './http.js';

/**
 * The parts of node:http's `IncomingMessage` the adapter uses. Declared structurally so that the
 * server kit's types need no `@types/node` (Deno, Workers); Node's and Express's requests fit.
 */
export interface NodeRequest {
  method?: string | undefined;
  url?: string | undefined;
  headers: { host?: string | undefined };
  rawHeaders: string[];
  socket: object;
  /** False until the whole body has arrived. */
  complete?: boolean;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  once(event: 'end' | 'error' | 'close', listener: (error?: unknown) => void): unknown;
  off(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  pause(): unknown;
}

export interface NodeListenerOptions {
  /**
   * Milliseconds a request body may take to arrive; a slower (trickled) one gets 408 and the
   * connection is closed. Default 10 000.
   */
  bodyTimeoutMs?: number;
}

/** The parts of node:http's `ServerResponse` the adapter uses. */
export interface NodeResponse {
  readonly headersSent: boolean;
  /** True once the whole response was handed to the OS; a `close` before that is a client gone away. */
  readonly writableFinished?: boolean;
  once?(event: 'close', listener: () => void): unknown;
  writeHead(status: number, headers?: Record<string, string | string[]>): NodeResponse;
  write(chunk: Uint8Array): unknown;
  end(body?: string): unknown;
  destroy(): unknown;
}

/** A `node:http` request listener that is also Express/Connect middleware. */
export type NodeListener = (req: NodeRequest, res: NodeResponse, next?: () => void) => void;

function isUnder(pathname: string, basePath: string): boolean {
  return pathname === basePath || pathname.startsWith(`${basePath}/`);
}

/**
 * The request's URL, from an origin-form target only. `//evil.example/auth/telegram/nonce`,
 * `/auth\\telegram\\nonce` or dot segments would reach the handler as one path while Node's legacy
 * parsing (and path-based middleware such as rate limits) sees another: they are refused.
 * Express rewrites `req.url` under a mount path; `originalUrl` keeps what the browser asked for.
 */
function requestUrl(req: NodeRequest): URL | 'target' | 'host' {
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const target = (req as NodeRequest & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  if (!target.startsWith('/') || target.startsWith('//') || target.includes('\\')) return 'target';
  let base: URL;
  try {
    base = new URL(`${encrypted ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`);
  } catch {
    return 'host';
  }
  const url = new URL(target, base);
  return url.pathname + url.search === target || `${url.pathname}?` === target ? url : 'target';
}

function requestHeaders(req: NodeRequest): Headers {
  const headers = new Headers();
  for (let index = 0; index < req.rawHeaders.length; index += 2) {
    const name = req.rawHeaders[index]!;
    if (!name.startsWith(':')) headers.append(name, req.rawHeaders[index + 1]!);
  }
  return headers;
}

/**
 * The body as a web stream that stops after `limit + 1` bytes: the handler then answers 413, and an
 * oversized body is never buffered whole; a body slower than `timeoutMs` ends with 408. `cutShort()` tells
 * the caller to close the connection (the rest of the body was never read).
 */
interface NodeBody {
  stream: ReadableStream<Uint8Array>;
  cutShort(): boolean;
  /** Stops the timer once the response is out, read or not. */
  dispose(): void;
}

function bodyStream(req: NodeRequest, limit: number, timeoutMs: number): NodeBody {
  let size = 0;
  let done = false;
  let stalled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const finish = (error?: unknown) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        req.off('data', onData);
        if (error) controller.error(error);
        else controller.close();
      };
      timer = setTimeout(() => {
        stalled = true;
        req.pause();
        finish(new BodyTimeoutError(`the request body did not arrive within ${timeoutMs} ms`));
      }, timeoutMs);
      function onData(chunk: Uint8Array) {
        size += chunk.length;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if (size > limit) {
          req.pause();
          finish();
        }
      }
      req.on('data', onData);
      req.once('end', () => finish());
      // A client that goes away mid-body is an abort, not a server failure.
      req.once('error', () => finish(new RequestAbortedError('the client aborted the request')));
      req.once('close', () => {
        if (req.complete === false) finish(new RequestAbortedError('the client closed the connection before its body arrived'));
      });
    },
  });
  return { stream, cutShort: () => size > limit || stalled, dispose: () => clearTimeout(timer) };
}

function toRequest(req: NodeRequest, url: URL, bodyTimeoutMs: number, signal: AbortSignal): { request: Request } & Omit<NodeBody, 'stream'> {
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') {
    return { request: new Request(url, { method, headers: requestHeaders(req), signal }), cutShort: () => false, dispose: () => undefined };
  }
  const body = bodyStream(req, BODY_LIMIT, bodyTimeoutMs);
  const init: RequestInit & { duplex: 'half' } = { method, headers: requestHeaders(req), body: body.stream, duplex: 'half', signal };
  return { request: new Request(url, init), cutShort: body.cutShort, dispose: body.dispose };
}

async function writeResponse(response: Response, res: NodeResponse, closeConnection: boolean): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  // Headers joins repeated Set-Cookie values with ", " which breaks cookie dates; getSetCookie keeps them apart.
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  if (closeConnection) headers.connection = 'close';
  res.writeHead(response.status, headers);
  if (response.body) {
    const reader = response.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) res.write(chunk.value);
  }
  res.end();
}

/** Aborts when the client goes away before the response is out: a waiting long poll stops waiting. */
function clientGone(res: NodeResponse): AbortSignal {
  const controller = new AbortController();
  res.once?.('close', () => {
    if (res.writableFinished !== true) controller.abort();
  });
  return controller.signal;
}

async function serve(handler: NodeHandler, bodyTimeoutMs: number, req: NodeRequest, res: NodeResponse, next?: () => void): Promise<void> {
  const url = requestUrl(req);
  if (typeof url === 'string') {
    // Middleware: such a request is never ours, whatever a later router makes of it.
    if (next) {
      next();
      return;
    }
    const message = url === 'host' ? 'the "Host" header is not a valid host' : 'the request target must be a normalized path starting with a single "/"';
    res
      .writeHead(400, { 'Content-Type': 'application/json; charset=utf-8', 'X-Content-Type-Options': 'nosniff', Connection: 'close' })
      .end(JSON.stringify({ error: 'invalid_request', message }));
    return;
  }
  if (next && !isUnder(url.pathname, handler.basePath)) {
    next();
    return;
  }
  const { request, cutShort, dispose } = toRequest(req, url, bodyTimeoutMs, clientGone(res));
  try {
    // The socket's peer: the client, or the proxy in front of the server (see the "clientIp" option).
    const remoteAddress = (req.socket as { remoteAddress?: string }).remoteAddress;
    // A body the handler answered without reading to its end (a 403, a 404, a 413) may still be
    // trickling in: close the connection rather than keep it open for the rest.
    await writeResponse(await handler(request, { remoteAddress }), res, cutShort() || req.complete === false);
  } catch (error) {
    console.error('telegram-login-kit: the node adapter failed', error);
    if (res.headersSent) res.destroy();
    else {
      res
        .writeHead(500, { 'Content-Type': 'application/json; charset=utf-8', 'X-Content-Type-Options': 'nosniff', Connection: 'close' })
        .end(JSON.stringify({ error: 'server_error', message: 'internal error' }));
    }
  } finally {
    dispose();
  }
}

/**
 * Serves a `createTelegramAuthHandler` handler from `node:http`, or as Express/Connect middleware:
 * with a `next`, requests outside the handler's `basePath` go on to the next middleware.
 */
export function toNodeListener(handler: NodeHandler, { bodyTimeoutMs = 10_000 }: NodeListenerOptions = {}): NodeListener {
  if (!Number.isSafeInteger(bodyTimeoutMs) || bodyTimeoutMs < 1) {
    throw new TypeError(`"bodyTimeoutMs" must be a positive whole number of milliseconds, got ${String(bodyTimeoutMs)}`);
  }
  return (req, res, next) => {
    void serve(handler, bodyTimeoutMs, req, res, next);
  };
}
