import type { TelegramLoginMessages } from '../translation.js';

export default {
  pending: 'Пацвердзіце ўваход у Telegram…',
  popupBlocked: 'Усплывальнае акно заблакавана. Дазвольце ўсплывальныя вокны для гэтага сайта і паспрабуйце яшчэ раз.',
  failed: 'Не ўдалося ўвайсці. Паспрабуйце яшчэ раз.',
} satisfies TelegramLoginMessages;
