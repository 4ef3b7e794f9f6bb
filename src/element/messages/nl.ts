import type { TelegramLoginMessages } from '../translation.js';

export default {
  pending: 'Bevestig in Telegram…',
  popupBlocked: 'Pop-up geblokkeerd. Sta pop-ups toe voor deze site en probeer het opnieuw.',
  failed: 'Inloggen mislukt. Probeer het opnieuw.',
} satisfies TelegramLoginMessages;
