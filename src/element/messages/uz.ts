import type { TelegramLoginMessages } from '../translation.js';

export default {
  pending: 'Telegramda tasdiqlang…',
  popupBlocked: 'Qalqib chiquvchi oyna bloklandi. Bu sayt uchun qalqib chiquvchi oynalarga ruxsat bering va qayta urining.',
  failed: 'Kirib boʻlmadi. Qayta urinib koʻring.',
} satisfies TelegramLoginMessages;
