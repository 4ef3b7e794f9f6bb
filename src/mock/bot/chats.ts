import { randomBytes } from 'node:crypto';
import type { MockUser } from '../id-token.js';
import type { BotApiChat, BotApiInlineKeyboardMarkup, BotApiMessage, BotApiMessageEntity, BotApiUser, MockBot } from './types.js';

/** The newest messages a chat keeps; older ones are forgotten (the mock is for tests, not archives). */
const MESSAGE_LIMIT = 500;

/** One user's private chat with one bot, as both sides see it. */
export interface Chat {
  readonly bot: MockBot;
  readonly user: MockUser;
  /** The user pressed Start (or sent anything): the bot may write. */
  started: boolean;
  /** Granted through a `login_url` prompt or the OIDC `telegram:bot_access` scope. */
  writeAllowed: boolean;
  blocked: boolean;
  /** Set while a deep link's Start button is shown: its payload, or `null` for a plain `/start`. */
  startPayload: string | null | undefined;
  readonly messages: BotApiMessage[];
  nextMessageId: number;
  /** Telegram's opaque per-chat id in callback queries. */
  readonly chatInstance: string;
}

export interface MessageContent {
  text: string;
  entities: BotApiMessageEntity[];
  reply_markup?: BotApiInlineKeyboardMarkup | undefined;
}

export function botApiUser(user: MockUser): BotApiUser {
  return {
    id: user.id,
    is_bot: false,
    first_name: user.firstName,
    ...(user.lastName ? { last_name: user.lastName } : {}),
    ...(user.username ? { username: user.username } : {}),
  };
}

export function botApiBotUser(bot: MockBot): BotApiUser {
  return { id: bot.id, is_bot: true, first_name: bot.name, username: bot.username };
}

export function privateChat(user: MockUser): BotApiChat {
  const { is_bot: _isBot, id, ...names } = botApiUser(user);
  return { id, type: 'private', ...names };
}

export type ChatStore = ReturnType<typeof createChatStore>;

export function createChatStore(options: { users: readonly MockUser[]; clock: () => number }) {
  const chats = new Map<string, Chat>();
  const listeners = new Set<(userId: number) => void>();
  const seconds = () => Math.floor(options.clock() / 1000);

  function chat(bot: MockBot, user: MockUser): Chat {
    const key = `${bot.id}:${user.id}`;
    let found = chats.get(key);
    if (!found) {
      found = {
        bot,
        user,
        started: false,
        writeAllowed: false,
        blocked: false,
        startPayload: undefined,
        messages: [],
        nextMessageId: 1,
        chatInstance: BigInt.asIntN(64, randomBytes(8).readBigUInt64BE()).toString(),
      };
      chats.set(key, found);
    }
    return found;
  }

  function changed(target: Chat): void {
    for (const listener of listeners) listener(target.user.id);
  }

  return {
    chat,
    changed,
    seconds,
    user: (userId: number) => options.users.find((user) => user.id === userId),
    /** Chats that exist, for resets and the app. */
    all: () => [...chats.values()],
    /** Called with the user's id whenever one of the user's chats changes. */
    subscribe(listener: (userId: number) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    addMessage(target: Chat, from: 'user' | 'bot', content: MessageContent): BotApiMessage {
      const message: BotApiMessage = {
        message_id: target.nextMessageId++,
        from: from === 'bot' ? botApiBotUser(target.bot) : botApiUser(target.user),
        chat: privateChat(target.user),
        date: seconds(),
        text: content.text,
        ...(content.entities.length > 0 ? { entities: content.entities } : {}),
        ...(content.reply_markup ? { reply_markup: content.reply_markup } : {}),
      };
      target.messages.push(message);
      if (target.messages.length > MESSAGE_LIMIT) target.messages.splice(0, target.messages.length - MESSAGE_LIMIT);
      changed(target);
      return message;
    },
  };
}
