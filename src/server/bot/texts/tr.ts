import type { BotLoginTexts } from './strings.js';

/** Turkish. */
export const tr: BotLoginTexts = {
  prompt: '{site} sitesine giriş yapılsın mı?',
  requestFrom: 'İstek: {browser}, {os}, {time}.',
  chooseCode: 'Sitede gösterilen koda dokunun.',
  notStarted: 'Bu girişi siz başlatmadıysanız “Ben değilim” seçeneğine dokunun: biri sizin adınıza giriş yapmaya çalışıyor olabilir.',
  notMe: 'Ben değilim',
  approved: '{site} sitesine giriş yaptınız.',
  denied: '{site} girişi reddedildi. Kimse giriş yapmadı.',
  wrongCode: 'Yanlış kod: {site} girişi reddedildi. Siz idiyseniz sitede yeniden başlayın.',
  expired: 'Bu giriş bağlantısının süresi doldu; sitede yeniden başlayın.',
  cancelled: 'Giriş sitede iptal edildi.',
  notYours: 'Bu giriş isteği başka bir Telegram hesabına ait.',
  unknownBrowser: 'bilinmeyen tarayıcı',
  unknownOs: 'bilinmeyen sistem',
};
