import type { TelegramLoginMessages } from '../translation.js';

export default {
  pending: 'Telegram’da onaylayın…',
  popupBlocked: 'Açılır pencere engellendi. Bu site için açılır pencerelere izin verin ve tekrar deneyin.',
  failed: 'Giriş başarısız oldu. Lütfen tekrar deneyin.',
} satisfies TelegramLoginMessages;
