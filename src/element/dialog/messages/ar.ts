import type { TelegramLoginDialogMessages } from '../../translation.js';

export default {
  dialogCancel: 'إلغاء',
  dialogWaiting: 'في انتظار تأكيدك في تيليجرام…',
  dialogTimeLeft: 'الوقت المتبقي: {time}',
  dialogOneMinute: 'تبقّت دقيقة واحدة للتأكيد.',
  botScan: 'امسح رمز QR بكاميرا هاتفك، أو افتح تيليجرام على هذا الجهاز.',
  botQrLabel: 'رمز QR يفتح تسجيل الدخول في تيليجرام',
  botOpen: 'فتح تيليجرام',
  botOpenWeb: 'لا يفتح تيليجرام؟ استخدم t.me في علامة تبويب جديدة',
  botPressCode: 'في تيليجرام، اضغط «ابدأ» ثم اضغط هذا الرمز:',
} satisfies TelegramLoginDialogMessages;
