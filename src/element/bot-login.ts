import { loadChunk } from '../flows/chunks.js';
import type { BotLoginRequest } from '../flows/requests.js';
import type { TelegramBotLoginResult } from '../types.js';
import type { DialogPlace } from './dialog/bot-dialog.js';

/**
 * The bot flow's code, its waiting dialog, the QR drawing and the dialog's English strings: one
 * chunk, fetched when a bot-flow button is hovered or focused (so a click finds it ready) or clicked.
 */
export const loadBotLogin = () => loadChunk('bot login', () => import('./dialog/bot-dialog.js'));

/** Runs a bot login with the waiting dialog in `place`. */
export function loginWithBot(request: BotLoginRequest, place: DialogPlace): Promise<TelegramBotLoginResult> {
  return loadBotLogin().then((chunk) => chunk.loginWithBotDialog(request, place));
}
