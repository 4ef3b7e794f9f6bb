/**
 * The formats of the kit's own start payloads and callback data: how the kit knows an update is its
 * own (and passes every other one on), and how it makes them.
 */
import { randomToken } from '../../oauth/random.js';

/** Every kit start payload begins so; a /start with another payload belongs to the site's own bot code. */
export const START_PREFIX = 'tlk_';
/** `tlk_` and 256 random bits in base64url: 47 characters, within Telegram's 64 of `A-Za-z0-9_-`. */
export const START_PAYLOAD = /^tlk_[A-Za-z0-9_-]{43}$/;
/** Every kit callback_data begins so. */
export const CALLBACK_PREFIX = 'tlk:';
/** `tlk:<request id>:<a code, or "no" for Not me>`: at most 30 bytes of Telegram's 64. */
const CALLBACK = /^tlk:([A-Za-z0-9_-]{22}):(\d{2}|no)$/;

export const NOT_ME = 'no';

export function newStartPayload(): string {
  return `${START_PREFIX}${randomToken(32)}`;
}

export function callbackData(requestId: string, choice: string): string {
  return `${CALLBACK_PREFIX}${requestId}:${choice}`;
}

export function readCallbackData(data: string): { requestId: string; choice: string } | undefined {
  const match = CALLBACK.exec(data);
  return match ? { requestId: match[1]!, choice: match[2]! } : undefined;
}

/** A uniform random integer below `bound` (rejection sampling: no modulo bias). */
function randomBelow(bound: number): number {
  const limit = Math.floor(0x1_0000_0000 / bound) * bound;
  const word = new Uint32Array(1);
  do crypto.getRandomValues(word);
  while (word[0]! >= limit);
  return word[0]! % bound;
}

/**
 * Three different two-digit codes in random order, and which one the browser shows. Someone who
 * relays a login link to a victim cannot tell the victim which to pick: one guess in three, and a
 * wrong one ends the request.
 */
export function newMatchCodes(): { matchCode: string; choices: string[] } {
  const choices: string[] = [];
  while (choices.length < 3) {
    const code = String(10 + randomBelow(90));
    if (!choices.includes(code)) choices.push(code);
  }
  return { matchCode: choices[randomBelow(3)]!, choices };
}
