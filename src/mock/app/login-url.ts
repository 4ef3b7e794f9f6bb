import { createHash, createHmac } from 'node:crypto';
import type { MockBot } from '../bot/types.js';
import type { MockUser } from '../id-token.js';

/** Whether `bot` may log users into `url`'s host (BotFather's /setdomain, the bot's `domains`). */
export function loginDomainAllowed(bot: MockBot, url: string): boolean {
  try {
    return bot.domains.includes(new URL(url).hostname.toLowerCase());
  } catch {
    return false;
  }
}

/**
 * The URL a confirmed `login_url` button opens: the button's URL with the user's fields and
 * `hash` added to its query, signed as Telegram signs login widget data: HMAC-SHA-256 over the
 * sorted `key=value` lines, keyed with SHA-256 of the bot token. Only Telegram's fields are signed.
 */
export function signLoginUrl(input: { url: string; bot: MockBot; user: MockUser; photoUrl: string; authDate: number }): string {
  const fields: Record<string, string> = {
    id: String(input.user.id),
    first_name: input.user.firstName,
    ...(input.user.lastName ? { last_name: input.user.lastName } : {}),
    ...(input.user.username ? { username: input.user.username } : {}),
    photo_url: input.photoUrl,
    auth_date: String(input.authDate),
  };
  const checkString = Object.keys(fields)
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join('\n');
  const secret = createHash('sha256').update(input.bot.token).digest();
  const hash = createHmac('sha256', secret).update(checkString).digest('hex');
  const target = new URL(input.url);
  for (const [key, value] of Object.entries({ ...fields, hash })) target.searchParams.set(key, value);
  return target.href;
}
