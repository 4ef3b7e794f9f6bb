import type { BotLoginTexts } from './strings.js';

/** Russian. */
export const ru: BotLoginTexts = {
  prompt: 'Войти на {site}?',
  requestFrom: 'Запрос: {browser}, {os}, {time}.',
  chooseCode: 'Нажмите код, который показан на сайте.',
  notStarted: 'Не вы начали этот вход? Нажмите «Это не я»: возможно, кто-то пытается войти от вашего имени.',
  notMe: 'Это не я',
  approved: 'Вы вошли на {site}.',
  denied: 'Вход на {site} отклонён. Никто не вошёл.',
  wrongCode: 'Неверный код: вход на {site} отклонён. Если это были вы, начните заново на сайте.',
  expired: 'Срок действия этой ссылки для входа истёк; начните заново на сайте.',
  cancelled: 'Вход отменён на сайте.',
  notYours: 'Этот запрос на вход принадлежит другому аккаунту Telegram.',
  unknownBrowser: 'неизвестный браузер',
  unknownOs: 'неизвестная система',
};
