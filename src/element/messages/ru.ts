import type { TelegramLoginMessages } from '../translation.js';

export default {
  pending: 'Подтвердите вход в Telegram…',
  popupBlocked: 'Всплывающее окно заблокировано. Разрешите всплывающие окна для этого сайта и повторите попытку.',
  failed: 'Не удалось войти. Попробуйте ещё раз.',
} satisfies TelegramLoginMessages;
