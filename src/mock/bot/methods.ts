import type { ExpiringMap } from '../../oauth/expiring-map.js';
import { botApiBotUser, type Chat, type ChatStore } from './chats.js';
import { BLOCKED, CANT_INITIATE, CHAT_NOT_FOUND, QUERY_INVALID, badRequest } from './errors.js';
import { readMessageText, readReplyMarkup } from './message-content.js';
import { readBoolean, readChatId, readInteger, readJson, readString, type BotApiParams } from './param-readers.js';
import type { BotApiMessage, BotApiWebhookInfo, MockBot } from './types.js';
import { getUpdates, readAllowedUpdates, type BotRuntime } from './updates.js';

/** A callback query waiting for `answerCallbackQuery`. */
export interface PendingCallbackQuery {
  botId: number;
  userId: number;
}

/** What `answerCallbackQuery` shows the user: a toast, or an alert with `showAlert`. */
export interface CallbackAnswer {
  bot: string;
  text?: string;
  showAlert: boolean;
  url?: string;
}

export interface BotApiState {
  readonly bots: readonly MockBot[];
  readonly chats: ChatStore;
  readonly callbackQueries: ExpiringMap<PendingCallbackQuery>;
  /** The webhook of `runtime` was set, changed or deleted. */
  webhookChanged(runtime: BotRuntime): void;
  answered(userId: number, answer: CallbackAnswer): void;
}

export interface MethodCall {
  readonly runtime: BotRuntime;
  readonly params: BotApiParams;
  /** Aborts when the caller goes away or the mock stops. */
  readonly signal: AbortSignal;
}

/** A result that Telegram sends with a `description` next to it (`setWebhook`, `deleteWebhook`). */
export class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}

type Method = (state: BotApiState, call: MethodCall) => unknown;

const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

function chatFor(state: BotApiState, bot: MockBot, params: BotApiParams): Chat {
  const user = state.chats.user(readChatId(params));
  if (!user) throw CHAT_NOT_FOUND();
  return state.chats.chat(bot, user);
}

function writableChat(state: BotApiState, bot: MockBot, params: BotApiParams): Chat {
  const chat = chatFor(state, bot, params);
  if (chat.blocked) throw BLOCKED();
  if (!chat.started && !chat.writeAllowed) throw CANT_INITIATE();
  return chat;
}

function targetMessage(state: BotApiState, call: MethodCall, verb: 'edit' | 'delete'): { chat: Chat; message: BotApiMessage } {
  if (call.params.has('inline_message_id')) throw badRequest('the mock has no inline messages; pass chat_id and message_id');
  const chat = chatFor(state, call.runtime.bot, call.params);
  if (chat.blocked) throw BLOCKED();
  const messageId = readInteger(call.params, 'message_id');
  if (messageId === undefined) throw badRequest('message identifier is not specified');
  const message = chat.messages.find((candidate) => candidate.message_id === messageId);
  if (!message) throw badRequest(`message to ${verb} not found`);
  if (verb === 'edit' && !message.from.is_bot) throw badRequest("message can't be edited");
  return { chat, message };
}

function editMessage(state: BotApiState, call: MethodCall, withText: boolean): BotApiMessage {
  const { chat, message } = targetMessage(state, call, 'edit');
  const content = withText ? readMessageText(call.params) : { text: message.text, entities: message.entities ?? [] };
  // Editing without reply_markup removes the keyboard, as on Telegram.
  const markup = readReplyMarkup(call.params, state.bots);
  const same =
    content.text === message.text &&
    JSON.stringify(content.entities) === JSON.stringify(message.entities ?? []) &&
    JSON.stringify(markup) === JSON.stringify(message.reply_markup);
  if (same) {
    throw badRequest('message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
  }
  message.text = content.text;
  if (content.entities.length > 0) message.entities = content.entities;
  else delete message.entities;
  if (markup) message.reply_markup = markup;
  else delete message.reply_markup;
  message.edit_date = state.chats.seconds();
  state.chats.changed(chat);
  return message;
}

function setWebhook(state: BotApiState, { runtime, params }: MethodCall): Described {
  const url = readString(params, 'url') ?? '';
  if (url === '') return deleteWebhook(state, { runtime, params, signal: new AbortController().signal });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest('invalid webhook URL specified');
  }
  // Telegram requires HTTPS; the mock also delivers over http:// so local servers work.
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw badRequest('bad webhook: An HTTP(S) URL must be provided for webhook');
  const secretToken = readString(params, 'secret_token');
  if (secretToken !== undefined && !SECRET_TOKEN.test(secretToken)) throw badRequest('secret token contains unallowed characters');
  const maxConnections = readInteger(params, 'max_connections') ?? 40;
  if (maxConnections < 1 || maxConnections > 100) throw badRequest('bad webhook: max_connections must be between 1 and 100');
  const allowedUpdates = readAllowedUpdates(readJson(params, 'allowed_updates', 'allowed updates'));
  const previous = runtime.webhook;
  const unchanged = previous?.url === parsed.href && previous.secretToken === secretToken && previous.maxConnections === maxConnections;
  if (readBoolean(params, 'drop_pending_updates')) runtime.pending.length = 0;
  if (allowedUpdates !== undefined) runtime.allowedUpdates = allowedUpdates;
  if (unchanged) return new Described(true, 'Webhook is already set');
  runtime.webhook = { url: parsed.href, secretToken, maxConnections };
  runtime.poll?.wake();
  state.webhookChanged(runtime);
  return new Described(true, 'Webhook was set');
}

function deleteWebhook(state: BotApiState, { runtime, params }: MethodCall): Described {
  if (readBoolean(params, 'drop_pending_updates')) runtime.pending.length = 0;
  if (!runtime.webhook) return new Described(true, 'Webhook is already deleted');
  runtime.webhook = undefined;
  state.webhookChanged(runtime);
  return new Described(true, 'Webhook was deleted');
}

function getWebhookInfo(_state: BotApiState, { runtime }: MethodCall): BotApiWebhookInfo {
  const webhook = runtime.webhook;
  return {
    url: webhook?.url ?? '',
    has_custom_certificate: false,
    pending_update_count: runtime.pending.length,
    ...(webhook?.lastErrorDate === undefined ? {} : { last_error_date: webhook.lastErrorDate, last_error_message: webhook.lastErrorMessage ?? '' }),
    ...(webhook ? { max_connections: webhook.maxConnections } : {}),
    ...(runtime.allowedUpdates ? { allowed_updates: runtime.allowedUpdates } : {}),
  };
}

function answerCallbackQuery(state: BotApiState, { runtime, params }: MethodCall): true {
  const id = readString(params, 'callback_query_id');
  if (!id) throw QUERY_INVALID();
  const query = state.callbackQueries.get(id);
  if (!query || query.botId !== runtime.bot.id) throw QUERY_INVALID();
  const text = readString(params, 'text');
  if (text !== undefined && text.length > 200) throw badRequest('MESSAGE_TOO_LONG');
  const url = readString(params, 'url');
  state.callbackQueries.delete(id);
  state.answered(query.userId, {
    bot: runtime.bot.username,
    showAlert: readBoolean(params, 'show_alert') ?? false,
    ...(text ? { text } : {}),
    ...(url ? { url } : {}),
  });
  return true;
}

/** The Bot API methods the mock implements, by lower-case name (Telegram's names are case-insensitive). */
const BY_NAME: Record<string, Method> = {
  getMe: (_state, { runtime }) => ({
    ...botApiBotUser(runtime.bot),
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  }),
  getUpdates: (_state, { runtime, params, signal }) =>
    getUpdates(runtime, {
      offset: readInteger(params, 'offset'),
      limit: readInteger(params, 'limit'),
      timeout: readInteger(params, 'timeout'),
      allowedUpdates: readAllowedUpdates(readJson(params, 'allowed_updates', 'allowed updates')),
      signal,
    }),
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  sendMessage: (state, { runtime, params }) => {
    const chat = writableChat(state, runtime.bot, params);
    const content = readMessageText(params);
    return state.chats.addMessage(chat, 'bot', { ...content, reply_markup: readReplyMarkup(params, state.bots) });
  },
  editMessageText: (state, call) => editMessage(state, call, true),
  editMessageReplyMarkup: (state, call) => editMessage(state, call, false),
  deleteMessage: (state, call) => {
    const { chat, message } = targetMessage(state, call, 'delete');
    chat.messages.splice(chat.messages.indexOf(message), 1);
    state.chats.changed(chat);
    return true;
  },
  answerCallbackQuery,
};

export const METHODS: ReadonlyMap<string, Method> = new Map(Object.entries(BY_NAME).map(([name, method]) => [name.toLowerCase(), method]));
