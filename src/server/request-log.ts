import type { HttpError } from '../oauth/http-error.js';

/**
 * The handler's `log` option: one line per request, for example
 * `POST /auth/telegram/verify 400 nonce_mismatch 3ms "nonce" claim is unknown, expired or already used`.
 */
export type RequestLog = (line: string) => void;

interface Outcome {
  code: string;
  message?: string;
}

// The error answers remember what they say, so the line needs neither the body nor a second parse.
const outcomes = new WeakMap<Response, Outcome>();

/** Marks `response` as the answer to `failure` (its code and message go into the request log). */
export function recordFailure(response: Response, failure: HttpError): Response {
  outcomes.set(response, { code: failure.code, message: failure.message });
  return response;
}

/** A client that went away before its body arrived: nothing failed, nobody was answered. */
export function recordAborted(response: Response): Response {
  outcomes.set(response, { code: 'aborted' });
  return response;
}

/** Control characters would let a value that reached a message forge a second log line. */
const printable = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The line for one request: method, path (never the query: the code flows' callback carries the
 * code in it), status, outcome code (`ok` or the error code), time, and for a failure its message.
 * No header, cookie, body or token ever goes in.
 */
export function requestLogLine(method: string, path: string, response: Response, milliseconds: number): string {
  const outcome = outcomes.get(response) ?? { code: response.status < 400 ? 'ok' : `http_${response.status}` };
  const line = `${method} ${path} ${response.status} ${outcome.code} ${Math.round(milliseconds)}ms`;
  return printable(outcome.message === undefined ? line : `${line} ${outcome.message}`);
}

/** Writes the line; a log function that throws must not fail the request it reports. */
export function writeRequestLog(log: RequestLog | undefined, line: string): void {
  if (!log) return;
  try {
    log(line);
  } catch (error) {
    console.error('telegram-login-kit: the "log" option threw; the request went on', error);
  }
}
