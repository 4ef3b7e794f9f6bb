import type { BotLoginTexts } from './strings.js';

/** Persian. */
export const fa: BotLoginTexts = {
  prompt: 'ورود به {site}؟',
  requestFrom: 'درخواست: {browser}، {os}، {time}.',
  chooseCode: 'روی کدی که در سایت نمایش داده شده بزنید.',
  notStarted: 'این ورود را شما شروع نکرده‌اید؟ روی «من نیستم» بزنید: شاید کسی می‌خواهد به جای شما وارد شود.',
  notMe: 'من نیستم',
  approved: 'وارد {site} شدید.',
  denied: 'ورود به {site} رد شد. هیچ‌کس وارد نشد.',
  wrongCode: 'کد اشتباه: ورود به {site} رد شد. اگر خودتان بودید، دوباره در سایت شروع کنید.',
  expired: 'این پیوند ورود منقضی شده است؛ دوباره در سایت شروع کنید.',
  cancelled: 'ورود در سایت لغو شد.',
  notYours: 'این درخواست ورود متعلق به حساب تلگرام دیگری است.',
  unknownBrowser: 'مرورگر ناشناخته',
  unknownOs: 'سیستم ناشناخته',
};
