import type { TelegramLoginMessages } from '../translation.js';

export default {
  pending: 'Confirme no Telegram…',
  popupBlocked: 'Pop-up bloqueado. Permita pop-ups para este site e tente novamente.',
  failed: 'Não foi possível entrar. Tente novamente.',
} satisfies TelegramLoginMessages;
