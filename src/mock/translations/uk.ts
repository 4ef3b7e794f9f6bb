import type { ConsentPageStrings } from './strings.js';

/** Ukrainian. */
export const uk: ConsentPageStrings = {
  $code: 'uk',
  $dir: 'ltr',
  title: 'Вхід через Telegram',
  wants: (bot, site) => `${bot} хоче виконати вхід на ${site}`,
  chooseUser: 'Увійти як',
  willReceive: 'Сайт отримає:',
  identity: 'Ідентифікатор, за яким сайт вас упізнає',
  profile: 'Ваше ім’я, ім’я користувача та фото профілю',
  phone: 'Ваш номер телефону',
  write: 'Дозвіл боту надсилати вам повідомлення',
  allow: 'Дозволити',
  deny: 'Відхилити',
  mockNotice: 'Це офлайн-імітація Telegram із telegram-login-kit. Справжній обліковий запис не використовується.',
  noPhone: 'без номера телефону',
  errorTitle: 'Вхід не виконано',
  resultSent: 'Готово. Це вікно можна закрити.',
  noOpener: 'Сторінка, що відкрила це вікно, недоступна (її закрито або вона надсилає Cross-Origin-Opener-Policy: same-origin). Закрийте вікно й спробуйте ще раз.',
};
