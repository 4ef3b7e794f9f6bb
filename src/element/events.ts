import type { TelegramLoginError } from '../errors.js';
import type { LoginFlow, TelegramLoginResult } from '../types.js';

export interface TelegramLoginStartDetail {
  readonly clientId: string;
  readonly flow: LoginFlow;
}

export interface TelegramLoginErrorDetail {
  readonly error: TelegramLoginError;
}

const OPTIONS = { bubbles: true, composed: true } as const;

/** A login is about to start. Cancel it with `preventDefault()`: no popup opens. */
export class TelegramLoginStartEvent extends Event {
  readonly detail: TelegramLoginStartDetail;
  constructor(detail: TelegramLoginStartDetail) {
    super('telegram-login-start', { ...OPTIONS, cancelable: true });
    this.detail = detail;
  }
}

/** The login succeeded. `detail.user` is decoded but unverified: verify `detail.idToken` on your server. */
export class TelegramLoginSuccessEvent extends Event {
  readonly detail: TelegramLoginResult;
  constructor(detail: TelegramLoginResult) {
    super('telegram-login-success', OPTIONS);
    this.detail = detail;
  }
}

/** The login failed; `detail.error.code` says why. */
export class TelegramLoginErrorEvent extends Event {
  readonly detail: TelegramLoginErrorDetail;
  constructor(detail: TelegramLoginErrorDetail) {
    super('telegram-login-error', OPTIONS);
    this.detail = detail;
  }
}

/** The user closed the popup (`popup_closed`) or the login was aborted (`aborted`). */
export class TelegramLoginCancelEvent extends Event {
  readonly detail: TelegramLoginErrorDetail;
  constructor(detail: TelegramLoginErrorDetail) {
    super('telegram-login-cancel', OPTIONS);
    this.detail = detail;
  }
}

/** Events of `<telegram-login-button>`, by name. */
export interface TelegramLoginEventMap {
  'telegram-login-start': TelegramLoginStartEvent;
  'telegram-login-success': TelegramLoginSuccessEvent;
  'telegram-login-error': TelegramLoginErrorEvent;
  'telegram-login-cancel': TelegramLoginCancelEvent;
}
