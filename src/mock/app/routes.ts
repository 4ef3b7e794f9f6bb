import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatStore } from '../bot/chats.js';
import type { MockBot } from '../bot/types.js';
import { sendJson } from '../http.js';
import type { MockUser } from '../id-token.js';
import type { MockAppInternals, MockAppPressOptions } from './app.js';
import { MockAppError } from './errors.js';
import { APP_PAGE_HEADERS, appLanguage, renderAppPage } from './page.js';

const BODY_LIMIT = 16 * 1024;
const CLIENT_SCRIPT = readFileSync(new URL('./app-client.js', import.meta.url), 'utf8');

export interface AppRoutesOptions {
  app: MockAppInternals;
  bots: readonly MockBot[];
  users: readonly MockUser[];
  chats: ChatStore;
}

async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  // Requiring JSON keeps other sites' forms out: a cross-site JSON POST needs a preflight we never grant.
  if ((req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() !== 'application/json') {
    throw new MockAppError('invalid_text', 'send Content-Type: application/json');
  }
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw new MockAppError('invalid_text', `the body is larger than ${BODY_LIMIT} bytes`);
    chunks.push(chunk);
  }
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new MockAppError('invalid_text', 'the body must be a JSON object');
}

function integer(body: Record<string, unknown>, field: string): number {
  const value = body[field];
  if (!Number.isSafeInteger(value)) throw new MockAppError('invalid_text', `"${field}" must be an integer`);
  return value as number;
}

/** The page's endpoints, and the state stream that keeps it live. */
export function createAppRoutes({ app, bots, users, chats }: AppRoutesOptions) {
  const streams = new Set<ServerResponse>();

  function pageState(userId: number) {
    const user = app.userOf(userId);
    const focus = app.focusOf(user.id);
    return {
      user: user.id,
      focus: focus ? { bot: focus.bot.username, seq: focus.seq } : null,
      chats: bots.map((bot) => app.view(chats.chat(bot, user))),
    };
  }

  const actions: Record<string, (body: Record<string, unknown>) => unknown> = {
    open: (body) => app.api.open(integer(body, 'user'), String(body.link ?? '')),
    start: (body) => app.api.press(integer(body, 'user'), 'start', { bot: String(body.bot) }),
    send: (body) => app.api.send(integer(body, 'user'), String(body.text ?? ''), { bot: String(body.bot) }),
    block: (body) => app.setBlocked(integer(body, 'user'), String(body.bot), body.blocked === true),
    press: (body) => {
      const press: MockAppPressOptions = { login: body.login !== false, writeAccess: body.writeAccess !== false };
      return app.pressAt(integer(body, 'user'), String(body.bot), integer(body, 'message'), integer(body, 'row'), integer(body, 'column'), press);
    },
  };

  function openStream(res: ServerResponse, userId: number) {
    const state = () => pageState(userId);
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    const write = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    write('state', state());
    // Several changes in one tick (a message and its update) go out as one state.
    let scheduled = false;
    const unsubscribeChats = chats.subscribe((changedUser) => {
      if (changedUser !== userId || scheduled) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        if (!res.writableEnded) write('state', state());
      });
    });
    const unsubscribeAnswers = app.onAnswer((answeredUser, answer) => {
      if (answeredUser === userId && !res.writableEnded) write('answer', answer);
    });
    streams.add(res);
    res.once('close', () => {
      streams.delete(res);
      unsubscribeChats();
      unsubscribeAnswers();
    });
  }

  /** Answers `/app…`; returns false for other paths. */
  async function handle(req: IncomingMessage, res: ServerResponse, url: URL, note: (text: string) => void): Promise<boolean> {
    const path = url.pathname;
    if (path !== '/app' && path !== '/app/resolve' && !path.startsWith('/app/')) return false;
    try {
      if (req.method === 'GET' && (path === '/app' || path === '/app/resolve')) {
        const body = renderAppPage({ lang: appLanguage(url.searchParams.get('lang'), req.headers['accept-language']), url, users, bots });
        res.writeHead(200, { ...APP_PAGE_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
      } else if (req.method === 'GET' && path === '/app/app-client.js') {
        res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache', 'Content-Length': Buffer.byteLength(CLIENT_SCRIPT) });
        res.end(CLIENT_SCRIPT);
      } else if (req.method === 'GET' && path === '/app/api/events') {
        openStream(res, app.userOf(Number(url.searchParams.get('user'))).id);
      } else if (req.method === 'POST' && path.startsWith('/app/api/') && Object.hasOwn(actions, path.slice(9))) {
        const action = path.slice(9);
        note(action);
        sendJson(res, 200, { ok: true, result: (await actions[action]!(await readJsonBody(req))) ?? true });
      } else {
        sendJson(res, 404, { ok: false, error: 'not_found', description: `no such page: ${path}` });
      }
    } catch (error) {
      const known = error instanceof MockAppError;
      note(known ? error.code : `internal error: ${error instanceof Error ? error.message : String(error)}`);
      if (res.headersSent) res.destroy();
      else if (known) sendJson(res, 400, { ok: false, error: error.code, description: error.message });
      else sendJson(res, 500, { ok: false, error: 'server_error', description: 'the mock failed; see its log' });
    }
    return true;
  }

  return {
    handle,
    /** Ends the live streams so the server can close. */
    stop() {
      for (const stream of streams) stream.end();
      streams.clear();
    },
  };
}
