import type { TelegramLoginMessages } from '../translation.js';

export default {
  pending: '请在 Telegram 中确认…',
  popupBlocked: '弹出窗口被拦截。请允许此网站的弹出窗口后重试。',
  failed: '登录失败，请重试。',
} satisfies TelegramLoginMessages;
