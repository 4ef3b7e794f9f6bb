import type { TelegramLoginMessages } from '../translation.js';

export default {
  pending: 'Confirmez dans Telegram…',
  popupBlocked: 'Fenêtre pop-up bloquée. Autorisez les pop-ups pour ce site et réessayez.',
  failed: 'Échec de la connexion. Veuillez réessayer.',
} satisfies TelegramLoginMessages;
