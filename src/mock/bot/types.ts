/**
 * The Bot API objects the mock produces and accepts, in Telegram's own shapes (snake_case, as on the
 * wire), trimmed to the fields the mock fills in. See https://core.telegram.org/bots/api#available-types.
 */

export interface BotApiUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
}

/** The mock has private chats only: a user's chat with a bot has the user's id. */
export interface BotApiChat {
  id: number;
  type: 'private';
  first_name: string;
  last_name?: string;
  username?: string;
}

export interface BotApiMessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
}

export interface BotApiLoginUrl {
  url: string;
  forward_text?: string;
  bot_username?: string;
  request_write_access?: boolean;
}

/** One inline button; exactly one of `callback_data`, `url` and `login_url` is set. */
export interface BotApiInlineKeyboardButton {
  text: string;
  callback_data?: string;
  url?: string;
  login_url?: BotApiLoginUrl;
}

export interface BotApiInlineKeyboardMarkup {
  inline_keyboard: BotApiInlineKeyboardButton[][];
}

export interface BotApiMessage {
  message_id: number;
  from: BotApiUser;
  chat: BotApiChat;
  date: number;
  edit_date?: number;
  text: string;
  entities?: BotApiMessageEntity[];
  reply_markup?: BotApiInlineKeyboardMarkup;
}

export interface BotApiCallbackQuery {
  id: string;
  from: BotApiUser;
  message: BotApiMessage;
  chat_instance: string;
  data: string;
}

export interface BotApiChatMember {
  user: BotApiUser;
  status: 'member' | 'kicked';
  until_date?: number;
}

/** Sent when the user blocks (`kicked`) or unblocks (`member`) the bot. */
export interface BotApiChatMemberUpdated {
  chat: BotApiChat;
  from: BotApiUser;
  date: number;
  old_chat_member: BotApiChatMember;
  new_chat_member: BotApiChatMember;
}

export interface BotApiUpdate {
  update_id: number;
  message?: BotApiMessage;
  callback_query?: BotApiCallbackQuery;
  my_chat_member?: BotApiChatMemberUpdated;
}

/** The update kinds the mock produces; `allowed_updates` may name any of Telegram's. */
export type BotApiUpdateKind = 'message' | 'callback_query' | 'my_chat_member';

export interface BotApiWebhookInfo {
  url: string;
  has_custom_certificate: boolean;
  pending_update_count: number;
  ip_address?: string;
  last_error_date?: number;
  last_error_message?: string;
  max_connections?: number;
  allowed_updates?: string[];
}

/** A bot registered with the mock, as BotFather would show it. */
export interface MockBot {
  /** The bot's user id: the number before the colon in its token (and its OIDC client id). */
  readonly id: number;
  /** `<id>:<secret>`, as BotFather issues them. */
  readonly token: string;
  /** Ends in `bot`; deep links and `login_url` use it. */
  readonly username: string;
  /** Display name (`first_name` in `getMe`). */
  readonly name: string;
  /** Host names its `login_url` buttons may log users into (BotFather's /setdomain). */
  readonly domains: readonly string[];
}

export interface MockBotOptions {
  /** Default: the next free id after the default bot's. */
  id?: number;
  /** `<id>:<secret>`; the id part must match `id` when both are given. Default: a random secret. */
  token?: string;
  /** 5 to 32 characters of `A-Za-z0-9_`, starting with a letter and ending in `bot`. */
  username: string;
  /** Default: the username. */
  name?: string;
  /** Default `['localhost', '127.0.0.1']`. */
  domains?: string[];
}

/** Timing of the Bot API side; the defaults suit development, tests pass short ones. */
export interface MockBotApiOptions {
  /** How long a webhook delivery may take before it counts as failed. Default 10 000 ms. */
  webhookTimeoutMs?: number;
  /** Wait before the first retry of a failed delivery; doubles on each failure. Default 1 000 ms. */
  webhookRetryMs?: number;
  /** Longest wait between retries. Default 30 000 ms. */
  webhookMaxRetryMs?: number;
}

/** Control commands for the bot side; part of `mock.control()` and `POST /__mock/control`. */
export interface MockBotControlCommand {
  /**
   * The next `times` (default 1) Bot API calls fail with `error_code` (e.g. 429 with `retry_after`,
   * or 500); `method` and `bot` (a username) narrow which calls.
   */
  botApiError?: { error_code: number; description?: string; retry_after?: number; times?: number; method?: string; bot?: string };
  /** Hold each webhook delivery `ms` milliseconds before sending it (`times` deliveries, default all). */
  webhookDelay?: { ms: number; times?: number };
  /** The user blocks the bot (the default bot unless `bot` names another). */
  blockBot?: { userId: number; bot?: string };
  /** The user unblocks the bot. */
  unblockBot?: { userId: number; bot?: string };
}
