// The package's only import-time side effect: registering <telegram-login-button>.
// Safe on the server (SSR): without a custom element registry it does nothing.
import { TelegramLoginButtonElement } from './element/telegram-login-button.js';

TelegramLoginButtonElement.define();
