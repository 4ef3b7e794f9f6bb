import type { TelegramLoginMessages } from '../translation.js';

export default {
  pending: 'أكِّد في تيليجرام…',
  popupBlocked: 'تم حظر النافذة المنبثقة. اسمح بالنوافذ المنبثقة لهذا الموقع وحاول مرة أخرى.',
  failed: 'تعذّر تسجيل الدخول. حاول مرة أخرى.',
} satisfies TelegramLoginMessages;
