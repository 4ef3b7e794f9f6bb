import type { ConsentPageStrings } from './strings.js';

/** Kazakh. */
export const kk: ConsentPageStrings = {
  $code: 'kk',
  $dir: 'ltr',
  title: 'Telegram арқылы кіру',
  wants: (bot, site) => `${bot} сізді ${site} сайтына кіргізгісі келеді`,
  chooseUser: 'Кім ретінде кіру',
  willReceive: 'Сайт мыналарды алады:',
  identity: 'Осы сайтта сізді танитын идентификатор',
  profile: 'Атыңыз, пайдаланушы атыңыз және профиль суретіңіз',
  phone: 'Телефон нөміріңіз',
  write: 'Ботқа сізге хабар жіберуге рұқсат',
  allow: 'Рұқсат беру',
  deny: 'Бас тарту',
  mockNotice: 'Бұл — telegram-login-kit ұсынатын Telegram-ның офлайн имитациясы. Нақты аккаунт пайдаланылмайды.',
  noPhone: 'телефон нөмірі жоқ',
  errorTitle: 'Кіру сәтсіз аяқталды',
  resultSent: 'Дайын. Бұл терезені жабуға болады.',
  noOpener: 'Бұл терезені ашқан бет енді жоқ (ол жабылды ма, әлде Cross-Origin-Opener-Policy: same-origin жібере ме?). Терезені жауып, қайталап көріңіз.',
};
