import type { TelegramLoginMessages } from '../translation.js';

export default {
  pending: 'Confirma en Telegram…',
  popupBlocked: 'Ventana emergente bloqueada. Permite las ventanas emergentes para este sitio e inténtalo de nuevo.',
  failed: 'No se pudo iniciar sesión. Inténtalo de nuevo.',
} satisfies TelegramLoginMessages;
