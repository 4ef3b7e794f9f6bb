import type { ConsentPageStrings } from './strings.js';

/** Arabic. */
export const ar: ConsentPageStrings = {
  $code: 'ar',
  $dir: 'rtl',
  title: 'تسجيل الدخول عبر تيليجرام',
  wants: (bot, site) => `يريد ${bot} تسجيل دخولك إلى ${site}`,
  chooseUser: 'تسجيل الدخول باسم',
  willReceive: 'سيتلقى الموقع:',
  identity: 'معرّف يتعرّف عليك به هذا الموقع',
  profile: 'اسمك واسم المستخدم وصورة ملفك الشخصي',
  phone: 'رقم هاتفك',
  write: 'إذن للبوت بإرسال الرسائل إليك',
  allow: 'سماح',
  deny: 'رفض',
  mockNotice: 'هذه محاكاة تيليجرام دون اتصال من telegram-login-kit. لا يُستخدم أي حساب حقيقي.',
  noPhone: 'لا يوجد رقم هاتف',
  errorTitle: 'تعذّر تسجيل الدخول',
  resultSent: 'تم. يمكنك إغلاق هذه النافذة.',
  noOpener: 'الصفحة التي فتحت هذه النافذة لم تعد موجودة (هل أُغلقت، أم أنها ترسل Cross-Origin-Opener-Policy: same-origin؟). أغلق هذه النافذة وحاول مرة أخرى.',
};
