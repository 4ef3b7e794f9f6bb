/**
 * `telegram-login-kit/react`: `<TelegramLoginButton>` for React 18 and 19, a thin wrapper made with
 * @lit/react (properties as props, `onStart`, `onSuccess`, `onError`, `onCancel`), and typings for
 * the plain `<telegram-login-button>` tag in React 19's JSX. Importing it registers the element.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import '../define.js';
import type {
  TelegramLoginCancelEvent,
  TelegramLoginErrorEvent,
  TelegramLoginStartEvent,
  TelegramLoginSuccessEvent,
} from '../element/events.js';
import {
  TelegramLoginButtonElement,
  type TelegramLoginButtonAppearance,
  type TelegramLoginButtonShape,
  type TelegramLoginButtonSize,
  type TelegramLoginButtonTheme,
} from '../element/telegram-login-button.js';
import type { TelegramLoginButtonText } from '../element/translation.js';
import type { LoginFlow } from '../types.js';

export const TelegramLoginButton = createComponent({
  tagName: 'telegram-login-button',
  elementClass: TelegramLoginButtonElement,
  react: React,
  events: {
    onStart: 'telegram-login-start' as EventName<TelegramLoginStartEvent>,
    onSuccess: 'telegram-login-success' as EventName<TelegramLoginSuccessEvent>,
    onError: 'telegram-login-error' as EventName<TelegramLoginErrorEvent>,
    onCancel: 'telegram-login-cancel' as EventName<TelegramLoginCancelEvent>,
  },
  displayName: 'TelegramLoginButton',
});

/** The plain tag's attributes in JSX; React 19 adds a listener for every `on<event-name>` prop. */
export interface TelegramLoginButtonJSXAttributes {
  'client-id'?: string | number;
  'request-access'?: string;
  flow?: LoginFlow;
  nonce?: string;
  'library-src'?: string;
  'library-timeout'?: number | string;
  timeout?: number | string;
  issuer?: string;
  'redirect-uri'?: string;
  'exchange-url'?: string;
  size?: TelegramLoginButtonSize;
  shape?: TelegramLoginButtonShape;
  appearance?: TelegramLoginButtonAppearance;
  theme?: TelegramLoginButtonTheme;
  text?: TelegramLoginButtonText;
  'icon-only'?: boolean;
  shine?: boolean;
  'full-width'?: boolean;
  onauth?: string;
  'ontelegram-login-start'?: (event: TelegramLoginStartEvent) => void;
  'ontelegram-login-success'?: (event: TelegramLoginSuccessEvent) => void;
  'ontelegram-login-error'?: (event: TelegramLoginErrorEvent) => void;
  'ontelegram-login-cancel'?: (event: TelegramLoginCancelEvent) => void;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'telegram-login-button': React.DetailedHTMLProps<React.HTMLAttributes<TelegramLoginButtonElement>, TelegramLoginButtonElement> &
        TelegramLoginButtonJSXAttributes;
    }
  }
}
