import type { BotLoginTexts } from './strings.js';

/** Uzbek. */
export const uz: BotLoginTexts = {
  prompt: '{site} saytiga kirilsinmi?',
  requestFrom: 'So‘rov: {browser}, {os}, {time}.',
  chooseCode: 'Saytda ko‘rsatilgan kodni bosing.',
  notStarted: 'Bu kirishni siz boshlamadingizmi? “Bu men emasman” tugmasini bosing: kimdir sizning nomingizdan kirmoqchi bo‘lishi mumkin.',
  notMe: 'Bu men emasman',
  approved: '{site} saytiga kirdingiz.',
  denied: '{site} saytiga kirish rad etildi. Hech kim kirmadi.',
  wrongCode: 'Noto‘g‘ri kod: {site} saytiga kirish rad etildi. Agar bu siz bo‘lsangiz, saytda qaytadan boshlang.',
  expired: 'Bu kirish havolasining muddati tugadi; saytda qaytadan boshlang.',
  cancelled: 'Kirish saytda bekor qilindi.',
  notYours: 'Bu kirish so‘rovi boshqa Telegram hisobiga tegishli.',
  unknownBrowser: 'noma’lum brauzer',
  unknownOs: 'noma’lum tizim',
};
