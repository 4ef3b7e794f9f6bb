/** What `handleBotUpdate` did with an update, and the shapes of the updates it acts on. */
import type { TelegramLoginErrorCode } from '../../errors.js';
import type { BotApiCallbackQuery, BotApiMessage, BotApiUser } from './api-types.js';

/** Why the kit refused one of its own updates. */
export type BotRefusal = 'malformed' | 'unknown' | 'spent' | 'claimed' | 'not_private' | 'expired' | 'replayed' | 'other_user' | 'unverified';

/**
 * `handled: false`: not the kit's update, pass it on. Otherwise the kit acted on it: asked the
 * question, approved or denied the login, or refused the update (`code` and `reason` say why).
 */
export type BotUpdateResult =
  | { handled: false }
  | { handled: true; action: 'asked' | 'approved' | 'denied' }
  | { handled: true; refused: BotRefusal; code: TelegramLoginErrorCode };

const CODES: Record<BotRefusal, TelegramLoginErrorCode> = {
  malformed: 'bot_payload_invalid',
  unknown: 'bot_payload_invalid',
  spent: 'bot_payload_invalid',
  claimed: 'bot_payload_invalid',
  not_private: 'bot_payload_invalid',
  expired: 'expired',
  replayed: 'bot_update_rejected',
  other_user: 'bot_update_rejected',
  // Telegram refused the answer to the press: it never sent it, it is too old, or it was answered.
  unverified: 'bot_update_rejected',
};

export function refused(reason: BotRefusal): BotUpdateResult {
  return { handled: true, refused: reason, code: CODES[reason] };
}

/** A message with a sender, as the kit reads it. */
export type SentMessage = BotApiMessage & { from: BotApiUser };
export type DataCallbackQuery = BotApiCallbackQuery & { data: string };
