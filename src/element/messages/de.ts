import type { TelegramLoginMessages } from '../translation.js';

export default {
  pending: 'In Telegram bestätigen…',
  popupBlocked: 'Pop-up blockiert. Erlaube Pop-ups für diese Website und versuche es erneut.',
  failed: 'Anmeldung fehlgeschlagen. Bitte versuche es erneut.',
} satisfies TelegramLoginMessages;
