import type { ConsentPageStrings } from './strings.js';

/** Persian. */
export const fa: ConsentPageStrings = {
  $code: 'fa',
  $dir: 'rtl',
  title: 'ورود با تلگرام',
  wants: (bot, site) => `${bot} می‌خواهد شما را به ${site} وارد کند`,
  chooseUser: 'ورود به‌عنوان',
  willReceive: 'این سایت دریافت خواهد کرد:',
  identity: 'شناسه‌ای که این سایت شما را با آن می‌شناسد',
  profile: 'نام، نام کاربری و عکس نمایهٔ شما',
  phone: 'شمارهٔ تلفن شما',
  write: 'اجازهٔ ارسال پیام به شما برای ربات',
  allow: 'اجازه دادن',
  deny: 'رد کردن',
  mockNotice: 'این شبیه‌ساز آفلاین تلگرام از telegram-login-kit است. از هیچ حساب واقعی استفاده نمی‌شود.',
  noPhone: 'بدون شمارهٔ تلفن',
  errorTitle: 'ورود ناموفق بود',
  resultSent: 'انجام شد. می‌توانید این پنجره را ببندید.',
  noOpener: 'صفحه‌ای که این پنجره را باز کرد دیگر در دسترس نیست (بسته شده یا Cross-Origin-Opener-Policy: same-origin می‌فرستد؟). این پنجره را ببندید و دوباره تلاش کنید.',
};
