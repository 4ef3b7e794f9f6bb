import type { BotLoginTexts } from './strings.js';

/** Ukrainian. */
export const uk: BotLoginTexts = {
  prompt: 'Увійти на {site}?',
  requestFrom: 'Запит: {browser}, {os}, {time}.',
  chooseCode: 'Натисніть код, який показано на сайті.',
  notStarted: 'Не ви почали цей вхід? Натисніть «Це не я»: можливо, хтось намагається увійти від вашого імені.',
  notMe: 'Це не я',
  approved: 'Ви увійшли на {site}.',
  denied: 'Вхід на {site} відхилено. Ніхто не увійшов.',
  wrongCode: 'Неправильний код: вхід на {site} відхилено. Якщо це були ви, почніть знову на сайті.',
  expired: 'Термін дії цього посилання для входу минув; почніть знову на сайті.',
  cancelled: 'Вхід скасовано на сайті.',
  notYours: 'Цей запит на вхід належить іншому акаунту Telegram.',
  unknownBrowser: 'невідомий браузер',
  unknownOs: 'невідома система',
};
