import { botByUsername } from '../bot/bots.js';
import type { Chat, ChatStore } from '../bot/chats.js';
import type { CallbackAnswer } from '../bot/methods.js';
import type { BotApiInlineKeyboardButton, BotApiMessage, MockBot } from '../bot/types.js';
import type { MockUser } from '../id-token.js';
import { parseDeepLink } from './deep-links.js';
import { MockAppError } from './errors.js';
import { loginDomainAllowed, signLoginUrl } from './login-url.js';
import type { UserActions } from './user-actions.js';
import { chatView, loginBotOf, messageView, type MockAppChat, type MockAppMessage } from './view.js';

export interface MockAppPressOptions {
  /** The bot whose chat to press in. Default: the chat the user opened last. */
  bot?: string;
  /** For a `login_url` button: `false` opens the plain URL, as when the user unticks "Log in". Default true. */
  login?: boolean;
  /** For a `login_url` button with `request_write_access`: tick "Allow … to send me messages". Default true. */
  writeAccess?: boolean;
}

/** What pressing a button did. */
export type MockAppPressResult =
  | { action: 'start'; message: MockAppMessage }
  | { action: 'callback_query'; callbackQueryId: string }
  | { action: 'open_url'; url: string }
  /** `url` is the signed URL when `loggedIn`, else the button's plain URL. */
  | { action: 'login_url'; url: string; loggedIn: boolean };

/** `mock.app`: everything the simulated Telegram app's page does, for tests. */
export interface MockApp {
  /** The page, e.g. `http://127.0.0.1:9400/app`. */
  readonly url: string;
  /** Opens a bot link (`mock.deepLink()`, `https://t.me/…`, `tg://resolve?…`): the chat shows its Start button. */
  open(userId: number, link: string): Promise<MockAppChat>;
  /** Presses the Start button, or the newest inline button with this text; a `login_url` button also confirms the prompt. */
  press(userId: number, text: string, options?: MockAppPressOptions): Promise<MockAppPressResult>;
  /** Types a message to the bot (after Start); `/commands` carry their entity. */
  send(userId: number, text: string, options?: { bot?: string }): Promise<MockAppMessage>;
  /** The chat as the user sees it, oldest message first. */
  messages(userId: number, bot: string): MockAppMessage[];
  chat(userId: number, bot: string): MockAppChat;
  /** Resolves with the newest message from the bot that matches (substring, RegExp or predicate), now or when it arrives. */
  waitForMessage(userId: number, bot: string, match?: string | RegExp | ((message: MockAppMessage) => boolean), options?: { timeoutMs?: number }): Promise<MockAppMessage>;
  block(userId: number, bot?: string): Promise<void>;
  unblock(userId: number, bot?: string): Promise<void>;
}

export interface MockAppOptions {
  bots: readonly MockBot[];
  users: readonly MockUser[];
  chats: ChatStore;
  actions: UserActions;
  /** The mock's origin, known once it listens. */
  origin: () => string;
  avatarUrl: (user: MockUser) => string;
  clock: () => number;
}

function matches(match: string | RegExp | ((message: MockAppMessage) => boolean) | undefined, message: MockAppMessage): boolean {
  if (match === undefined) return true;
  if (typeof match === 'string') return message.text.includes(match);
  if (match instanceof RegExp) return match.test(message.text);
  return match(message);
}

export function createMockApp(options: MockAppOptions) {
  const { bots, chats, actions } = options;
  /** The chat each user has open, and a counter the page watches to follow `open()`. */
  const focus = new Map<number, { bot: MockBot; seq: number }>();
  const answers = new Map<string, MockAppChat['lastAnswer']>();
  const answerListeners = new Set<(userId: number, answer: CallbackAnswer) => void>();

  function userOf(userId: number): MockUser {
    const user = typeof userId === 'number' ? options.users.find((candidate) => candidate.id === userId) : undefined;
    if (!user) throw new MockAppError('unknown_user', `no mock user with id ${JSON.stringify(userId)}; the users are ${options.users.map((known) => known.id).join(', ')}`);
    return user;
  }

  function botOf(name: string | undefined): MockBot {
    const bot = typeof name === 'string' ? botByUsername(bots, name) : undefined;
    if (!bot) throw new MockAppError('unknown_bot', `no mock bot @${String(name)}; the bots are ${bots.map((known) => '@' + known.username).join(', ')}`);
    return bot;
  }

  function chatOf(userId: number, botName: string | undefined): Chat {
    const user = userOf(userId);
    if (botName !== undefined) return chats.chat(botOf(botName), user);
    const opened = focus.get(user.id);
    if (!opened) throw new MockAppError('no_open_chat', `user ${userId} has no chat open; pass { bot } or call mock.app.open() first`);
    return chats.chat(opened.bot, user);
  }

  function setFocus(chat: Chat): void {
    focus.set(chat.user.id, { bot: chat.bot, seq: (focus.get(chat.user.id)?.seq ?? 0) + 1 });
  }

  function view(chat: Chat): MockAppChat {
    return chatView(bots, chat, answers.get(`${chat.bot.id}:${chat.user.id}`) ?? null);
  }

  function open(userId: number, link: string): MockAppChat {
    const user = userOf(userId);
    const parsed = parseDeepLink(link);
    const chat = chats.chat(botOf(parsed.username), user);
    // A deep link always shows Start; its payload (or none) replaces an earlier link's.
    chat.startPayload = parsed.payload ?? null;
    setFocus(chat);
    chats.changed(chat);
    return view(chat);
  }

  function pressButton(chat: Chat, message: BotApiMessage, button: BotApiInlineKeyboardButton, press: MockAppPressOptions): MockAppPressResult {
    if (chat.blocked) throw new MockAppError('bot_blocked', `@${chat.bot.username} is blocked; unblock it first`);
    if (button.callback_data !== undefined) return { action: 'callback_query', callbackQueryId: actions.callback(chat, message, button.callback_data) };
    if (button.url !== undefined) {
      const internal = (() => {
        try {
          return botByUsername(bots, parseDeepLink(button.url).username) !== undefined;
        } catch {
          return false;
        }
      })();
      // A link to one of the mock's bots opens its chat in the app, as Telegram does with t.me links.
      if (internal) open(chat.user.id, button.url);
      return { action: 'open_url', url: button.url };
    }
    const login = button.login_url!;
    const loginBot = loginBotOf(bots, chat.bot, button);
    if (press.login === false || !loginDomainAllowed(loginBot, login.url)) return { action: 'login_url', url: login.url, loggedIn: false };
    if (login.request_write_access && press.writeAccess !== false) actions.allowWrite(chats.chat(loginBot, chat.user));
    const url = signLoginUrl({ url: login.url, bot: loginBot, user: chat.user, photoUrl: options.avatarUrl(chat.user), authDate: Math.floor(options.clock() / 1000) });
    return { action: 'login_url', url, loggedIn: true };
  }

  /** The page presses an exact button (message, row, column), not the newest one with a text. */
  function pressAt(userId: number, botName: string, messageId: number, row: number, column: number, press: MockAppPressOptions): MockAppPressResult {
    const chat = chatOf(userId, botName);
    const message = chat.messages.find((candidate) => candidate.message_id === messageId && candidate.from.is_bot);
    const button = message?.reply_markup?.inline_keyboard[row]?.[column];
    if (!message || !button) throw new MockAppError('no_such_button', 'that button is gone (the message was edited or deleted)');
    return pressButton(chat, message, button, press);
  }

  function press(userId: number, text: string, press: MockAppPressOptions = {}): MockAppPressResult {
    const chat = chatOf(userId, press.bot);
    setFocus(chat);
    if (chat.blocked) throw new MockAppError('bot_blocked', `@${chat.bot.username} is blocked; unblock it first`);
    if (view(chat).startButton && typeof text === 'string' && text.toLowerCase() === 'start') {
      const message = actions.start(chat);
      return { action: 'start', message: messageView(bots, chat, message) };
    }
    for (const message of [...chat.messages].reverse()) {
      const button = message.from.is_bot ? message.reply_markup?.inline_keyboard.flat().find((candidate) => candidate.text === text) : undefined;
      if (button) return pressButton(chat, message, button, press);
    }
    const visible = chat.messages.flatMap((message) => message.reply_markup?.inline_keyboard.flat().map((button) => JSON.stringify(button.text)) ?? []);
    throw new MockAppError('no_such_button', `no button ${JSON.stringify(text)} in @${chat.bot.username}'s chat; buttons: ${visible.join(', ') || 'none'}`);
  }

  function waitForMessage(userId: number, botName: string, match?: string | RegExp | ((message: MockAppMessage) => boolean), { timeoutMs = 5_000 } = {}): Promise<MockAppMessage> {
    const chat = chatOf(userId, botName);
    const find = () => view(chat).messages.reverse().find((message) => message.from === 'bot' && matches(match, message));
    const found = find();
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new MockAppError('timeout', `no message from @${chat.bot.username} matching ${String(match ?? 'anything')} within ${timeoutMs} ms`));
      }, timeoutMs);
      const unsubscribe = chats.subscribe((changedUser) => {
        const message = changedUser === chat.user.id ? find() : undefined;
        if (!message) return;
        clearTimeout(timer);
        unsubscribe();
        resolve(message);
      });
    });
  }

  function setBlocked(userId: number, botName: string | undefined, blocked: boolean): void {
    actions.setBlocked(chats.chat(botOf(botName ?? bots[0]!.username), userOf(userId)), blocked);
  }

  const api: MockApp = {
    get url() {
      return `${options.origin()}/app`;
    },
    open: async (userId, link) => open(userId, link),
    press: async (userId, text, pressOptions) => press(userId, text, pressOptions),
    send: async (userId, text, sendOptions = {}) => {
      const chat = chatOf(userId, sendOptions.bot);
      return messageView(bots, chat, actions.send(chat, text));
    },
    messages: (userId, botName) => view(chatOf(userId, botName)).messages,
    chat: (userId, botName) => view(chatOf(userId, botName)),
    waitForMessage,
    block: async (userId, botName) => setBlocked(userId, botName, true),
    unblock: async (userId, botName) => setBlocked(userId, botName, false),
  };

  return {
    api,
    userOf,
    botOf,
    chatOf,
    view,
    pressAt,
    setBlocked,
    focusOf: (userId: number) => focus.get(userId),
    setFocus,
    /** The bot answered a callback query of this user. */
    answered(userId: number, answer: CallbackAnswer) {
      const bot = botByUsername(bots, answer.bot)!;
      answers.set(`${bot.id}:${userId}`, answer.text ? { text: answer.text, showAlert: answer.showAlert } : null);
      for (const listener of answerListeners) listener(userId, answer);
    },
    onAnswer(listener: (userId: number, answer: CallbackAnswer) => void): () => void {
      answerListeners.add(listener);
      return () => answerListeners.delete(listener);
    },
  };
}

export type MockAppInternals = ReturnType<typeof createMockApp>;
