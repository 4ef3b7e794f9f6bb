import { botByUsername } from '../bot/bots.js';
import type { Chat } from '../bot/chats.js';
import type { BotApiInlineKeyboardButton, BotApiMessage, BotApiMessageEntity, MockBot } from '../bot/types.js';
import { loginDomainAllowed } from './login-url.js';

/** An inline button as the user sees it. */
export interface MockAppButton {
  text: string;
  type: 'callback' | 'url' | 'login_url';
  /** The URL a `url` button opens, or the plain URL of a `login_url` button. */
  url?: string;
  /**
   * For a `login_url` button whose domain the bot may log into: what Telegram's prompt shows.
   * Absent when the domain is not the bot's; the button then opens `url` as it is.
   */
  login?: { domain: string; bot: string; botName: string; requestWriteAccess: boolean };
}

/** A message as the user sees it in the simulated app. */
export interface MockAppMessage {
  id: number;
  from: 'user' | 'bot';
  text: string;
  entities: BotApiMessageEntity[];
  buttons: MockAppButton[][];
  /** Seconds since the epoch. */
  date: number;
  edited: boolean;
}

/** The user's chat with one bot. */
export interface MockAppChat {
  bot: string;
  botName: string;
  /** The user pressed Start at least once. */
  started: boolean;
  blocked: boolean;
  /** The Start button is shown (the chat was never started, or a deep link opened it). */
  startButton: boolean;
  /** The payload the Start button sends, if a deep link carried one. */
  startPayload: string | null;
  messages: MockAppMessage[];
  /** The bot's last `answerCallbackQuery` text, shown as a toast (or an alert). */
  lastAnswer: { text: string; showAlert: boolean } | null;
}

export function loginBotOf(bots: readonly MockBot[], sender: MockBot, button: BotApiInlineKeyboardButton): MockBot {
  const name = button.login_url?.bot_username;
  return (name ? botByUsername(bots, name) : undefined) ?? sender;
}

function buttonView(bots: readonly MockBot[], sender: MockBot, button: BotApiInlineKeyboardButton): MockAppButton {
  if (button.callback_data !== undefined) return { text: button.text, type: 'callback' };
  if (button.url !== undefined) return { text: button.text, type: 'url', url: button.url };
  const login = button.login_url!;
  const bot = loginBotOf(bots, sender, button);
  return {
    text: button.text,
    type: 'login_url',
    url: login.url,
    ...(loginDomainAllowed(bot, login.url)
      ? { login: { domain: new URL(login.url).hostname, bot: bot.username, botName: bot.name, requestWriteAccess: login.request_write_access === true } }
      : {}),
  };
}

export function messageView(bots: readonly MockBot[], chat: Chat, message: BotApiMessage): MockAppMessage {
  return {
    id: message.message_id,
    from: message.from.is_bot ? 'bot' : 'user',
    text: message.text,
    entities: message.entities ?? [],
    buttons: (message.reply_markup?.inline_keyboard ?? []).map((row) => row.map((button) => buttonView(bots, chat.bot, button))),
    date: message.date,
    edited: message.edit_date !== undefined,
  };
}

export function chatView(bots: readonly MockBot[], chat: Chat, lastAnswer: MockAppChat['lastAnswer']): MockAppChat {
  return {
    bot: chat.bot.username,
    botName: chat.bot.name,
    started: chat.started,
    blocked: chat.blocked,
    startButton: !chat.blocked && (!chat.started || chat.startPayload !== undefined),
    startPayload: chat.startPayload ?? null,
    messages: chat.messages.map((message) => messageView(bots, chat, message)),
    lastAnswer,
  };
}
