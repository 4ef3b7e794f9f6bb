import type { ConsentPageStrings } from './strings.js';

/** Uzbek. */
export const uz: ConsentPageStrings = {
  $code: 'uz',
  $dir: 'ltr',
  title: 'Telegram orqali kirish',
  wants: (bot, site) => `${bot} sizni ${site} saytiga kiritmoqchi`,
  chooseUser: 'Qaysi hisob bilan kirish',
  willReceive: 'Sayt quyidagilarni oladi:',
  identity: 'Sizni bu saytda taniydigan identifikator',
  profile: 'Ismingiz, foydalanuvchi nomingiz va profil rasmingiz',
  phone: 'Telefon raqamingiz',
  write: 'Botga sizga xabar yuborish uchun ruxsat',
  allow: 'Ruxsat berish',
  deny: 'Rad etish',
  mockNotice: 'Bu telegram-login-kit’ning oflayn Telegram taqlidi. Haqiqiy hisob ishlatilmaydi.',
  noPhone: 'telefon raqami yo‘q',
  errorTitle: 'Kirish amalga oshmadi',
  resultSent: 'Tayyor. Bu oynani yopishingiz mumkin.',
  noOpener: 'Bu oynani ochgan sahifa endi yo‘q (u yopilganmi yoki Cross-Origin-Opener-Policy: same-origin yuboradimi?). Bu oynani yoping va qaytadan urinib ko‘ring.',
};
