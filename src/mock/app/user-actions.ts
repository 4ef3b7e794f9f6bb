import { randomBytes } from 'node:crypto';
import type { ExpiringMap } from '../../oauth/expiring-map.js';
import { botApiBotUser, botApiUser, privateChat, type Chat, type ChatStore } from '../bot/chats.js';
import type { PendingCallbackQuery } from '../bot/methods.js';
import type { BotApiMessage, BotApiMessageEntity } from '../bot/types.js';
import { pushUpdate, type BotRuntime } from '../bot/updates.js';
import { MockAppError } from './errors.js';

/** How long a bot may take to answer a callback query (Telegram's spinner gives up much sooner). */
const CALLBACK_QUERY_TTL_MS = 15 * 60_000;
const COMMAND = /^\/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{5,32})?(?=\s|$)/;

export interface UserActionsOptions {
  chats: ChatStore;
  runtimeOf(botId: number): BotRuntime;
  callbackQueries: ExpiringMap<PendingCallbackQuery>;
  clock: () => number;
}

function commandEntities(text: string): BotApiMessageEntity[] {
  const command = COMMAND.exec(text);
  return command ? [{ type: 'bot_command', offset: 0, length: command[0].length }] : [];
}

/** What Telegram's servers do when the user acts in their app: store the message, queue the update. */
export function createUserActions(options: UserActionsOptions) {
  const { chats } = options;

  function userMessage(chat: Chat, text: string): BotApiMessage {
    const message = chats.addMessage(chat, 'user', { text, entities: commandEntities(text) });
    pushUpdate(options.runtimeOf(chat.bot.id), 'message', structuredClone(message));
    return message;
  }

  function setBlocked(chat: Chat, blocked: boolean): void {
    if (chat.blocked === blocked) return;
    chat.blocked = blocked;
    const bot = botApiBotUser(chat.bot);
    const [before, after] = blocked ? (['member', 'kicked'] as const) : (['kicked', 'member'] as const);
    pushUpdate(options.runtimeOf(chat.bot.id), 'my_chat_member', {
      chat: privateChat(chat.user),
      from: botApiUser(chat.user),
      date: chats.seconds(),
      old_chat_member: { user: bot, status: before, ...(before === 'kicked' ? { until_date: 0 } : {}) },
      new_chat_member: { user: bot, status: after, ...(after === 'kicked' ? { until_date: 0 } : {}) },
    });
    chats.changed(chat);
  }

  return {
    setBlocked,

    /** The Start button: `/start <payload>` (or `/start`); the bot may write from now on. */
    start(chat: Chat): BotApiMessage {
      if (chat.blocked) throw new MockAppError('bot_blocked', `@${chat.bot.username} is blocked; unblock it first`);
      const payload = chat.startPayload;
      chat.started = true;
      chat.startPayload = undefined;
      return userMessage(chat, payload ? `/start ${payload}` : '/start');
    },

    /** A text the user types; commands get their `bot_command` entity. */
    send(chat: Chat, text: string): BotApiMessage {
      if (chat.blocked) throw new MockAppError('bot_blocked', `@${chat.bot.username} is blocked; unblock it first`);
      if (!chat.started) throw new MockAppError('not_started', `press Start in @${chat.bot.username}'s chat first`);
      if (typeof text !== 'string' || text.trim() === '' || text.length > 4096) throw new MockAppError('invalid_text', 'a message is 1 to 4096 characters');
      return userMessage(chat, text);
    },

    /** A `callback_data` button: a callback query the bot should answer. Returns its id. */
    callback(chat: Chat, message: BotApiMessage, data: string): string {
      if (chat.blocked) throw new MockAppError('bot_blocked', `@${chat.bot.username} is blocked; unblock it first`);
      const id = BigInt.asUintN(63, randomBytes(8).readBigUInt64BE()).toString();
      options.callbackQueries.set(id, { botId: chat.bot.id, userId: chat.user.id }, options.clock() + CALLBACK_QUERY_TTL_MS);
      pushUpdate(options.runtimeOf(chat.bot.id), 'callback_query', {
        id,
        from: botApiUser(chat.user),
        message: structuredClone(message),
        chat_instance: chat.chatInstance,
        data,
      });
      return id;
    },

    /** Accepting a `login_url` prompt with "Allow … to send me messages" checked. */
    allowWrite(chat: Chat): void {
      if (chat.writeAllowed) return;
      chat.writeAllowed = true;
      chats.changed(chat);
    },
  };
}

export type UserActions = ReturnType<typeof createUserActions>;
