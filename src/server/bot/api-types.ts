/**
 * The Bot API objects the server kit reads and sends, in Telegram's own shapes (snake_case, as on the
 * wire), trimmed to the fields it uses. See https://core.telegram.org/bots/api#available-types.
 * Updates come from the network: code that reads them checks every field it uses.
 */

export interface BotApiUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  /** The user's app language (an IETF tag such as `en`, `pt-br`); not always sent. */
  language_code?: string;
}

export interface BotApiChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
}

export interface BotApiMessage {
  message_id: number;
  from?: BotApiUser;
  chat: BotApiChat;
  date: number;
  text?: string;
}

export interface BotApiCallbackQuery {
  id: string;
  from: BotApiUser;
  message?: BotApiMessage;
  chat_instance: string;
  data?: string;
}

/** An update: the kit reads `message` and `callback_query`; any other kind is someone else's. */
export interface BotApiUpdate {
  update_id: number;
  message?: BotApiMessage;
  callback_query?: BotApiCallbackQuery;
}

export interface BotApiInlineKeyboardButton {
  text: string;
  callback_data?: string;
  url?: string;
}

export interface BotApiInlineKeyboardMarkup {
  inline_keyboard: BotApiInlineKeyboardButton[][];
}

export interface BotApiWebhookInfo {
  url: string;
  pending_update_count: number;
  last_error_date?: number;
  last_error_message?: string;
}

/** What `sendMessage` and `editMessageText` take (the parts the kit uses). */
export interface BotApiTextMessage {
  chat_id: number;
  text: string;
  parse_mode?: 'HTML';
  reply_markup?: BotApiInlineKeyboardMarkup;
}
