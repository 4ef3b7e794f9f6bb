import type { TelegramAuthHandler } from './handler.js';
import { BODY_LIMIT } from './http.js';

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
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  once(event: 'end' | 'error', listener: (error?: unknown) => void): unknown;
  off(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  pause(): unknown;
}

/** The parts of node:http's `ServerResponse` the adapter uses. */
export interface NodeResponse {
  readonly headersSent: boolean;
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

/** Express rewrites `req.url` under a mount path; `originalUrl` keeps what the browser asked for. */
function requestUrl(req: NodeRequest): URL {
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const target = (req as NodeRequest & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  return new URL(target, `${encrypted ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`);
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
 * oversized body is never buffered whole. `overflowed()` tells the caller to close the connection.
 */
function bodyStream(req: NodeRequest, limit: number): { stream: ReadableStream<Uint8Array>; overflowed: () => boolean } {
  let size = 0;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const finish = (error?: unknown) => {
        if (done) return;
        done = true;
        req.off('data', onData);
        if (error) controller.error(error);
        else controller.close();
      };
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
      req.once('error', (error) => finish(error));
    },
  });
  return { stream, overflowed: () => size > limit };
}

function toRequest(req: NodeRequest, url: URL): { request: Request; overflowed: () => boolean } {
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return { request: new Request(url, { method, headers: requestHeaders(req) }), overflowed: () => false };
  const body = bodyStream(req, BODY_LIMIT);
  const init: RequestInit & { duplex: 'half' } = { method, headers: requestHeaders(req), body: body.stream, duplex: 'half' };
  return { request: new Request(url, init), overflowed: body.overflowed };
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

async function serve(handler: TelegramAuthHandler, req: NodeRequest, res: NodeResponse, next?: () => void): Promise<void> {
  let url: URL;
  try {
    url = requestUrl(req);
  } catch {
    res.writeHead(400, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: 'invalid_request', message: 'malformed request target' }));
    return;
  }
  if (next && !isUnder(url.pathname, handler.basePath)) {
    next();
    return;
  }
  const { request, overflowed } = toRequest(req, url);
  try {
    await writeResponse(await handler(request), res, overflowed());
  } catch (error) {
    console.error('telegram-login-kit: the node adapter failed', error);
    if (res.headersSent) res.destroy();
    else res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: 'server_error', message: 'internal error' }));
  }
}

/**
 * Serves a `createTelegramAuthHandler` handler from `node:http`, or as Express/Connect middleware:
 * with a `next`, requests outside the handler's `basePath` go on to the next middleware.
 */
export function toNodeListener(handler: TelegramAuthHandler): NodeListener {
  return (req, res, next) => {
    void serve(handler, req, res, next);
  };
}
