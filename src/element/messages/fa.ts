import type { TelegramLoginMessages } from '../translation.js';

export default {
  pending: 'در تلگرام تأیید کنید…',
  popupBlocked: 'پنجرهٔ بازشو مسدود شد. پنجره‌های بازشو را برای این سایت مجاز کنید و دوباره تلاش کنید.',
  failed: 'ورود ناموفق بود. لطفاً دوباره تلاش کنید.',
} satisfies TelegramLoginMessages;
