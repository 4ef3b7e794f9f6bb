import { badRequest } from './errors.js';
import { parseHtmlText } from './html-text.js';
import { readJson, readString, type BotApiParams } from './param-readers.js';
import type { BotApiInlineKeyboardButton, BotApiInlineKeyboardMarkup, BotApiMessageEntity, MockBot } from './types.js';
import { botByUsername } from './bots.js';

export const MESSAGE_LIMIT = 4096;
const BUTTON_LIMIT = 100;
const ENTITY_LIMIT = 100;

/** The text and entities of `sendMessage`/`editMessageText`, from `text`, `parse_mode` or `entities`. */
export function readMessageText(params: BotApiParams): { text: string; entities: BotApiMessageEntity[] } {
  const raw = readString(params, 'text');
  if (raw === undefined || raw.trim() === '') throw badRequest('message text is empty');
  const parseMode = readString(params, 'parse_mode');
  let content: { text: string; entities: BotApiMessageEntity[] };
  if (parseMode === undefined || parseMode === '') {
    content = { text: raw, entities: readEntities(params) };
  } else if (parseMode.toLowerCase() === 'html') {
    content = parseHtmlText(raw);
  } else if (/^markdown(v2)?$/i.test(parseMode)) {
    throw badRequest(`the mock supports parse_mode "HTML" only, not "${parseMode}"; send HTML or plain text with "entities"`);
  } else {
    throw badRequest(`unsupported parse_mode "${parseMode}"`);
  }
  if (content.text.trim() === '') throw badRequest('message text is empty');
  if (content.text.length > MESSAGE_LIMIT) throw badRequest('message is too long');
  return content;
}

function readEntities(params: BotApiParams): BotApiMessageEntity[] {
  const value = readJson(params, 'entities', 'message entities');
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > ENTITY_LIMIT) throw badRequest(`field "entities" must be an Array of at most ${ENTITY_LIMIT} MessageEntity`);
  return value.map((entity: unknown) => {
    const { type, offset, length, url, language } = (entity ?? {}) as Record<string, unknown>;
    if (typeof type !== 'string' || !Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || (offset as number) < 0 || (length as number) < 1) {
      throw badRequest("can't parse MessageEntity: it needs \"type\", \"offset\" and \"length\"");
    }
    return { type, offset: offset as number, length: length as number, ...(typeof url === 'string' ? { url } : {}), ...(typeof language === 'string' ? { language } : {}) };
  });
}

function buttonError(detail: string) {
  return badRequest(`can't parse inline keyboard button: ${detail}`);
}

function isWebUrl(value: string, schemes: RegExp): boolean {
  try {
    return schemes.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

function readButton(raw: unknown, bots: readonly MockBot[]): BotApiInlineKeyboardButton {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw buttonError('InlineKeyboardButton must be an Object');
  const { text, callback_data: data, url, login_url: login } = raw as Record<string, unknown>;
  if (typeof text !== 'string') throw buttonError('Field "text" must be of type String');
  if (text.trim() === '') throw badRequest('BUTTON_TEXT_EMPTY');
  const actions = ['callback_data', 'url', 'login_url'].filter((key) => (raw as Record<string, unknown>)[key] !== undefined);
  const unsupported = Object.keys(raw).filter((key) => key !== 'text' && !['callback_data', 'url', 'login_url'].includes(key));
  if (unsupported.length > 0) throw buttonError(`the mock supports callback_data, url and login_url buttons, not ${unsupported.join(', ')}`);
  if (actions.length === 0) throw buttonError('Text buttons are unallowed in the inline keyboard');
  if (actions.length > 1) throw buttonError(`a button has exactly one of callback_data, url and login_url, got ${actions.join(' and ')}`);
  if (data !== undefined) {
    if (typeof data !== 'string' || data === '' || Buffer.byteLength(data) > 64) throw badRequest('BUTTON_DATA_INVALID');
    return { text, callback_data: data };
  }
  if (url !== undefined) {
    if (typeof url !== 'string' || !isWebUrl(url, /^(https?|tg):$/)) throw badRequest(`inline keyboard button URL '${String(url)}' is invalid: Wrong HTTP URL`);
    return { text, url };
  }
  return { text, login_url: readLoginUrl(login, bots) };
}

function readLoginUrl(raw: unknown, bots: readonly MockBot[]) {
  if (typeof raw !== 'object' || raw === null) throw buttonError('Field "login_url" must be of type LoginUrl');
  const { url, forward_text: forwardText, bot_username: botUsername, request_write_access: write } = raw as Record<string, unknown>;
  // Telegram wants HTTPS here; the mock also takes http:// so local sites work.
  if (typeof url !== 'string' || !isWebUrl(url, /^https?:$/)) throw badRequest(`login_url "${String(url)}" is invalid: an http(s) URL is required`);
  if (botUsername !== undefined && (typeof botUsername !== 'string' || !botByUsername(bots, botUsername))) throw badRequest('BOT_INVALID');
  return {
    url,
    ...(typeof forwardText === 'string' ? { forward_text: forwardText } : {}),
    ...(typeof botUsername === 'string' ? { bot_username: botUsername.replace(/^@/, '') } : {}),
    ...(write === true || write === 'true' ? { request_write_access: true } : {}),
  };
}

/**
 * `reply_markup`: inline keyboards with callback_data, url and login_url buttons. Reply keyboards do
 * not exist in the simulated app, so they are refused rather than silently dropped.
 */
export function readReplyMarkup(params: BotApiParams, bots: readonly MockBot[]): BotApiInlineKeyboardMarkup | undefined {
  const markup = readJson(params, 'reply_markup', 'reply keyboard markup');
  if (markup === undefined) return undefined;
  if (typeof markup !== 'object' || markup === null || Array.isArray(markup)) throw badRequest("can't parse reply keyboard markup JSON object");
  const keyboard = (markup as Record<string, unknown>).inline_keyboard;
  if (keyboard === undefined) {
    if ('remove_keyboard' in markup || 'force_reply' in markup) return undefined;
    throw badRequest('the mock supports reply_markup with "inline_keyboard" only (reply keyboards are not simulated)');
  }
  if (!Array.isArray(keyboard) || keyboard.some((row) => !Array.isArray(row))) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
  }
  if (keyboard.flat().length > BUTTON_LIMIT) throw badRequest('too many inline keyboard buttons');
  const rows = (keyboard as unknown[][]).map((row) => row.map((button) => readButton(button, bots))).filter((row) => row.length > 0);
  // An empty keyboard is how bots remove one.
  return rows.length > 0 ? { inline_keyboard: rows } : undefined;
}
