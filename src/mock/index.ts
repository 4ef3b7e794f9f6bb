/**
 * `telegram-login-kit/mock`: an offline Telegram (OAuth/OIDC provider, Bot API and a simulated Telegram
 * app) for local development and tests.
 * Node only (node:http); never import it into browser code.
 */
export {
  startMockTelegram,
  DEFAULT_CLIENT,
  DEFAULT_USERS,
  type MockClient,
  type MockClientOptions,
  type MockControlCommand,
  type MockSigningAlgorithm,
  type MockTelegram,
  type MockTelegramOptions,
  type MockUser,
  type MockAutoConsent,
  type MintIdTokenOptions,
  type AuthorizeCodeOptions,
} from './server.js';
export { mintIdToken, authorizeCode, type MockHelperError } from './helpers.js';
export { DEFAULT_BOT } from './bot/bots.js';
export { MockAppError, type MockAppErrorCode } from './app/errors.js';
export type { MockApp, MockAppPressOptions, MockAppPressResult } from './app/app.js';
export type { MockAppButton, MockAppChat, MockAppMessage } from './app/view.js';
export type {
  BotApiCallbackQuery,
  BotApiChat,
  BotApiChatMemberUpdated,
  BotApiInlineKeyboardButton,
  BotApiInlineKeyboardMarkup,
  BotApiLoginUrl,
  BotApiMessage,
  BotApiMessageEntity,
  BotApiUpdate,
  BotApiUser,
  BotApiWebhookInfo,
  MockBot,
  MockBotApiOptions,
  MockBotControlCommand,
  MockBotOptions,
} from './bot/types.js';
