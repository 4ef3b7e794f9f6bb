import type { TelegramLoginMessages } from '../translation.js';

export default {
  pending: 'Підтвердьте вхід у Telegram…',
  popupBlocked: 'Спливне вікно заблоковано. Дозвольте спливні вікна для цього сайту та спробуйте ще раз.',
  failed: 'Не вдалося увійти. Спробуйте ще раз.',
} satisfies TelegramLoginMessages;
