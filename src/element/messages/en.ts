import type { TelegramLoginMessages } from '../translation.js';

export default {
  pending: 'Confirm in Telegram…',
  popupBlocked: 'Pop-up blocked. Allow pop-ups for this site and try again.',
  failed: 'Login failed. Please try again.',
} satisfies TelegramLoginMessages;
