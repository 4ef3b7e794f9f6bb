import type { TelegramLoginMessages } from '../translation.js';

export default {
  pending: 'Telegram에서 확인하세요…',
  popupBlocked: '팝업이 차단되었습니다. 이 사이트의 팝업을 허용한 후 다시 시도하세요.',
  failed: '로그인하지 못했습니다. 다시 시도하세요.',
} satisfies TelegramLoginMessages;
