import type { BotLoginTexts } from './strings.js';

/** Arabic. */
export const ar: BotLoginTexts = {
  prompt: 'تسجيل الدخول إلى {site}؟',
  requestFrom: 'الطلب: {browser}، {os}، {time}.',
  chooseCode: 'اضغط على الرمز المعروض على الموقع.',
  notStarted: 'لم تبدأ تسجيل الدخول هذا؟ اضغط «لست أنا»: ربما يحاول شخص ما تسجيل الدخول باسمك.',
  notMe: 'لست أنا',
  approved: 'لقد سجّلت الدخول إلى {site}.',
  denied: 'تم رفض تسجيل الدخول إلى {site}. لم يسجّل أحد الدخول.',
  wrongCode: 'رمز خاطئ: تم رفض تسجيل الدخول إلى {site}. إن كنت أنت، فابدأ من جديد على الموقع.',
  expired: 'انتهت صلاحية رابط تسجيل الدخول هذا؛ ابدأ من جديد على الموقع.',
  cancelled: 'تم إلغاء تسجيل الدخول على الموقع.',
  notYours: 'طلب تسجيل الدخول هذا يخص حساب Telegram آخر.',
  unknownBrowser: 'متصفح غير معروف',
  unknownOs: 'نظام غير معروف',
};
