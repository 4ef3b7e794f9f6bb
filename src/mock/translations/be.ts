import type { ConsentPageStrings } from './strings.js';

/** Belarusian. */
export const be: ConsentPageStrings = {
  $code: 'be',
  $dir: 'ltr',
  title: 'Уваход праз Telegram',
  wants: (bot, site) => `${bot} хоча выканаць уваход на ${site}`,
  chooseUser: 'Увайсці як',
  willReceive: 'Сайт атрымае:',
  identity: 'Ідэнтыфікатар, па якім сайт вас пазнае',
  profile: 'Ваша імя, імя карыстальніка і фота профілю',
  phone: 'Ваш нумар тэлефона',
  write: 'Дазвол боту дасылаць вам паведамленні',
  allow: 'Дазволіць',
  deny: 'Адхіліць',
  mockNotice: 'Гэта афлайн-імітацыя Telegram з telegram-login-kit. Сапраўдны ўліковы запіс не выкарыстоўваецца.',
  noPhone: 'без нумара тэлефона',
  errorTitle: 'Уваход не выкананы',
  resultSent: 'Гатова. Гэта акно можна закрыць.',
  noOpener: 'Старонка, якая адкрыла гэта акно, недаступная (яе закрылі або яна дасылае Cross-Origin-Opener-Policy: same-origin). Закрыйце акно і паспрабуйце зноў.',
};
