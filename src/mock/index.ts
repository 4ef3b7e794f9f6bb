/**
 * `telegram-login-kit/mock`: an offline Telegram OAuth/OIDC provider for local development and tests.
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
