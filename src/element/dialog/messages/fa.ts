import type { TelegramLoginDialogMessages } from '../../translation.js';

export default {
  dialogCancel: 'لغو',
  dialogWaiting: 'در انتظار تأیید شما در تلگرام…',
  dialogTimeLeft: 'زمان باقی‌مانده: {time}',
  dialogOneMinute: 'یک دقیقه برای تأیید باقی مانده است.',
  botScan: 'کد QR را با دوربین گوشی اسکن کنید یا تلگرام را در همین دستگاه باز کنید.',
  botQrLabel: 'کد QR برای باز کردن ورود در تلگرام',
  botOpen: 'باز کردن تلگرام',
  botOpenWeb: 'تلگرام باز نمی‌شود؟ از t.me در برگه‌ای جدید استفاده کنید',
  botPressCode: 'در تلگرام «شروع» را بزنید، سپس این کد را:',
} satisfies TelegramLoginDialogMessages;
