import { createHash, createHmac } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { TelegramLoginError } from '../errors.js';
import { verifyLoginWidget, type VerifyLoginWidgetOptions } from './login-widget.js';

const BOT_TOKEN = '7700000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const NOW_S = NOW / 1000;
const AT_NOW: VerifyLoginWidgetOptions = { currentDate: new Date(NOW) };

/**
 * Signs widget fields the way Telegram documents it, with node:crypto rather than the code under
 * test: HMAC-SHA-256 of the sorted `key=value` lines, keyed with SHA-256 of the bot token.
 */
function sign(fields: Record<string, string | number>, botToken = BOT_TOKEN): string {
  const checkString = Object.keys(fields)
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join('\n');
  const secret = createHash('sha256').update(botToken).digest();
  return createHmac('sha256', secret).update(checkString).digest('hex');
}

function signed(fields: Record<string, string | number>): Record<string, string | number> {
  return { ...fields, hash: sign(fields) };
}

const ALICE = { id: 100001, first_name: 'Alice', last_name: 'Anderson', username: 'alice', photo_url: 'https://t.me/i/userpic/320/alice.jpg', auth_date: NOW_S - 60 };
const ALICE_USER = { ...ALICE };

async function failureOf(promise: Promise<unknown>): Promise<{ code: string; reason?: string; message: string }> {
  const error = await promise.then(
    () => {
      throw new Error('expected the check to fail');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TelegramLoginError);
  const { code, reason, message } = error as TelegramLoginError;
  return { code, message, ...(reason === undefined ? {} : { reason }) };
}

const invalid = (reason: string, message: string) => ({ code: 'login_widget_invalid', reason, message });

test.describe('accepts valid data', () => {
  test('as the object the widget callback receives', async () => {
    expect(await verifyLoginWidget(signed(ALICE), BOT_TOKEN, AT_NOW)).toEqual(ALICE_USER);
  });

  test('as URLSearchParams, a URL and a query string (redirect mode and login_url)', async () => {
    const query = new URLSearchParams(Object.entries(signed(ALICE)).map(([key, value]) => [key, String(value)]));
    expect(await verifyLoginWidget(query, BOT_TOKEN, AT_NOW)).toEqual(ALICE_USER);
    expect(await verifyLoginWidget(new URL(`https://site.example/auth?${query}`), BOT_TOKEN, AT_NOW)).toEqual(ALICE_USER);
    expect(await verifyLoginWidget(`?${query}`, BOT_TOKEN, AT_NOW)).toEqual(ALICE_USER);
    expect(await verifyLoginWidget(`https://site.example/auth?${query}`, BOT_TOKEN, AT_NOW)).toEqual(ALICE_USER);
  });

  test('with only the required fields, and with non-Latin names', async () => {
    const bob = { id: 100003, first_name: 'Дмитрий 🚀', auth_date: NOW_S };
    expect(await verifyLoginWidget(signed(bob), BOT_TOKEN, AT_NOW)).toEqual(bob);
  });

  test('with an extra field that Telegram signed', async () => {
    const withExtra = { ...ALICE, language: 'en' };
    expect(await verifyLoginWidget(signed(withExtra), BOT_TOKEN, AT_NOW)).toEqual(ALICE_USER);
  });

  test('from a login_url whose own query parameters are left out with "fields"', async () => {
    const url = new URL('https://site.example/login?ref=bot&lang=de');
    for (const [key, value] of Object.entries(signed(ALICE))) url.searchParams.set(key, String(value));
    await expect(verifyLoginWidget(url, BOT_TOKEN, AT_NOW)).rejects.toMatchObject({ reason: 'hash' });
    const fields = ['id', 'first_name', 'last_name', 'username', 'photo_url', 'auth_date'];
    expect(await verifyLoginWidget(url, BOT_TOKEN, { ...AT_NOW, fields })).toEqual(ALICE_USER);
  });

  test('at exactly maxAgeSeconds, and slightly in the future within the tolerance', async () => {
    expect((await verifyLoginWidget(signed({ ...ALICE, auth_date: NOW_S - 3_600 }), BOT_TOKEN, AT_NOW)).id).toBe(ALICE.id);
    expect((await verifyLoginWidget(signed({ ...ALICE, auth_date: NOW_S + 20 }), BOT_TOKEN, AT_NOW)).id).toBe(ALICE.id);
  });
});

test.describe('rejects', () => {
  test('a tampered field', async () => {
    expect(await failureOf(verifyLoginWidget({ ...signed(ALICE), id: 666 }, BOT_TOKEN, AT_NOW))).toEqual(invalid('hash', '"hash" does not match the data'));
  });

  test('a tampered hash', async () => {
    const data = signed(ALICE);
    const hash = String(data.hash);
    const tampered = { ...data, hash: (hash[0] === '0' ? '1' : '0') + hash.slice(1) };
    expect(await failureOf(verifyLoginWidget(tampered, BOT_TOKEN, AT_NOW))).toEqual(invalid('hash', '"hash" does not match the data'));
  });

  test('data signed with another bot token', async () => {
    const other = { ...ALICE, hash: sign(ALICE, '7700000002:another-token') };
    expect(await failureOf(verifyLoginWidget(other, BOT_TOKEN, AT_NOW))).toEqual(invalid('hash', '"hash" does not match the data'));
  });

  test('an extra field that Telegram did not sign', async () => {
    const data = { ...signed(ALICE), is_admin: 'true' };
    expect(await failureOf(verifyLoginWidget(data, BOT_TOKEN, AT_NOW))).toEqual(invalid('hash', '"hash" does not match the data'));
  });

  test('an unsigned field smuggled past "fields" never reaches the user', async () => {
    const fields = ['id', 'auth_date'];
    const data = { id: ALICE.id, auth_date: ALICE.auth_date };
    const smuggled = { ...data, hash: sign(data), first_name: 'Mallory' };
    expect(await failureOf(verifyLoginWidget(smuggled, BOT_TOKEN, { ...AT_NOW, fields }))).toEqual(invalid('malformed', 'missing "first_name" field'));
  });

  test('a line break inside a value, which would shift the check string\'s field boundaries', async () => {
    // Telegram signed last_name "X" and username "mal"; the attacker merges them into one field that
    // yields the same check string: the user object would change while the hash still matches.
    const genuine = { id: 100001, first_name: 'Alice', last_name: 'X', username: 'mal', auth_date: NOW_S - 60 };
    const hash = sign(genuine);
    const shifted = { id: 100001, first_name: 'Alice', last_name: 'X\nusername=mal', auth_date: NOW_S - 60, hash };
    expect(await failureOf(verifyLoginWidget(shifted, BOT_TOKEN, AT_NOW))).toEqual(invalid('malformed', '"last_name" field contains a line break'));
    const carriage = { ...genuine, first_name: 'Al\rice', hash: sign({ ...genuine, first_name: 'Al\rice' }) };
    expect(await failureOf(verifyLoginWidget(carriage, BOT_TOKEN, AT_NOW))).toMatchObject({ reason: 'malformed' });
    expect((await verifyLoginWidget({ ...genuine, hash }, BOT_TOKEN, AT_NOW)).username).toBe('mal');
  });

  test('a stale auth_date', async () => {
    // The default window is an hour: a 23-hour-old login (accepted before) is refused.
    const stale = signed({ ...ALICE, auth_date: NOW_S - 23 * 3600 });
    expect(await failureOf(verifyLoginWidget(stale, BOT_TOKEN, AT_NOW))).toEqual(invalid('expired', '"auth_date" is older than 3600 seconds'));
    expect(await failureOf(verifyLoginWidget(signed({ ...ALICE, auth_date: NOW_S - 3_601 }), BOT_TOKEN, AT_NOW))).toEqual(invalid('expired', '"auth_date" is older than 3600 seconds'));
    expect((await verifyLoginWidget(stale, BOT_TOKEN, { ...AT_NOW, maxAgeSeconds: 86_400 })).id).toBe(ALICE.id);
    const hourOld = signed({ ...ALICE, auth_date: NOW_S - 3601 });
    expect(await failureOf(verifyLoginWidget(hourOld, BOT_TOKEN, { ...AT_NOW, maxAgeSeconds: 3600 }))).toEqual(
      invalid('expired', '"auth_date" is older than 3600 seconds'),
    );
  });

  test('a future auth_date', async () => {
    const future = signed({ ...ALICE, auth_date: NOW_S + 120 });
    expect(await failureOf(verifyLoginWidget(future, BOT_TOKEN, AT_NOW))).toEqual(invalid('future', '"auth_date" is in the future'));
  });

  test('a missing hash, and a hash that is not hex', async () => {
    expect(await failureOf(verifyLoginWidget(ALICE, BOT_TOKEN, AT_NOW))).toEqual(invalid('malformed', 'missing "hash" field'));
    expect(await failureOf(verifyLoginWidget({ ...ALICE, hash: 'zz' }, BOT_TOKEN, AT_NOW))).toEqual(invalid('malformed', '"hash" field must be 64 hex digits'));
  });

  test('a repeated field in a query string', async () => {
    const query = `${new URLSearchParams(Object.entries(signed(ALICE)).map(([key, value]) => [key, String(value)]))}&id=1`;
    expect(await failureOf(verifyLoginWidget(query, BOT_TOKEN, AT_NOW))).toEqual(invalid('malformed', '"id" field is repeated'));
  });

  test('a signed but malformed id', async () => {
    expect(await failureOf(verifyLoginWidget(signed({ ...ALICE, id: 'abc' }), BOT_TOKEN, AT_NOW))).toEqual(
      invalid('malformed', '"id" field must be a positive integer'),
    );
  });

  test('misuse: an empty bot token is a TypeError', async () => {
    await expect(verifyLoginWidget(signed(ALICE), '', AT_NOW)).rejects.toThrow(TypeError);
  });
});
