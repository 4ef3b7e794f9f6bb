import type { TelegramLoginMessages } from '../translation.js';

export default {
  pending: 'Conferma in Telegram…',
  popupBlocked: 'Popup bloccato. Consenti i popup per questo sito e riprova.',
  failed: 'Accesso non riuscito. Riprova.',
} satisfies TelegramLoginMessages;
