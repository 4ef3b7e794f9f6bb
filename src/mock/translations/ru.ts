import type { ConsentPageStrings } from './strings.js';

/** Russian. */
export const ru: ConsentPageStrings = {
  $code: 'ru',
  $dir: 'ltr',
  title: 'Вход через Telegram',
  wants: (bot, site) => `${bot} хочет выполнить вход на ${site}`,
  chooseUser: 'Войти как',
  willReceive: 'Сайт получит:',
  identity: 'Идентификатор, по которому сайт вас узнает',
  profile: 'Ваше имя, имя пользователя и фото профиля',
  phone: 'Ваш номер телефона',
  write: 'Разрешение боту писать вам сообщения',
  allow: 'Разрешить',
  deny: 'Отклонить',
  mockNotice: 'Это офлайн-имитация Telegram из telegram-login-kit. Настоящий аккаунт не используется.',
  noPhone: 'без номера телефона',
  errorTitle: 'Вход не выполнен',
  resultSent: 'Готово. Это окно можно закрыть.',
  noOpener: 'Страница, открывшая это окно, недоступна (закрыта или отдаёт Cross-Origin-Opener-Policy: same-origin). Закройте окно и попробуйте снова.',
};
