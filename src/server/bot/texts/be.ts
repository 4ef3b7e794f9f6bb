import type { BotLoginTexts } from './strings.js';

/** Belarusian. */
export const be: BotLoginTexts = {
  prompt: 'Увайсці на {site}?',
  requestFrom: 'Запыт: {browser}, {os}, {time}.',
  chooseCode: 'Націсніце код, які паказаны на сайце.',
  notStarted: 'Не вы пачалі гэты ўваход? Націсніце «Гэта не я»: магчыма, нехта спрабуе ўвайсці ад вашага імя.',
  notMe: 'Гэта не я',
  approved: 'Вы ўвайшлі на {site}.',
  denied: 'Уваход на {site} адхілены. Ніхто не ўвайшоў.',
  wrongCode: 'Няправільны код: уваход на {site} адхілены. Калі гэта былі вы, пачніце зноў на сайце.',
  expired: 'Тэрмін дзеяння гэтай спасылкі для ўваходу скончыўся; пачніце зноў на сайце.',
  cancelled: 'Уваход скасаваны на сайце.',
  notYours: 'Гэты запыт на ўваход належыць іншаму акаўнту Telegram.',
  unknownBrowser: 'невядомы браўзер',
  unknownOs: 'невядомая сістэма',
};
