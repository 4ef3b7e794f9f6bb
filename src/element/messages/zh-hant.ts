import type { TelegramLoginMessages } from '../translation.js';

export default {
  pending: '請在 Telegram 中確認…',
  popupBlocked: '彈出式視窗遭到封鎖。請允許此網站的彈出式視窗後再試一次。',
  failed: '登入失敗，請再試一次。',
} satisfies TelegramLoginMessages;
