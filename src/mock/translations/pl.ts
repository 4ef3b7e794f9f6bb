import type { ConsentPageStrings } from './strings.js';

/** Polish. */
export const pl: ConsentPageStrings = {
  $code: 'pl',
  $dir: 'ltr',
  title: 'Zaloguj się przez Telegram',
  wants: (bot, site) => `${bot} chce cię zalogować w ${site}`,
  chooseUser: 'Zaloguj jako',
  willReceive: 'Strona otrzyma:',
  identity: 'Identyfikator, po którym ta strona cię rozpozna',
  profile: 'Twoje imię, nazwę użytkownika i zdjęcie profilowe',
  phone: 'Twój numer telefonu',
  write: 'Zgodę na wysyłanie ci wiadomości przez bota',
  allow: 'Zezwól',
  deny: 'Odmów',
  mockNotice: 'To jest działająca offline symulacja Telegrama z telegram-login-kit. Żadne prawdziwe konto nie jest używane.',
  noPhone: 'brak numeru telefonu',
  errorTitle: 'Logowanie nie powiodło się',
  resultSent: 'Gotowe. Możesz zamknąć to okno.',
  noOpener: 'Strony, która otworzyła to okno, już nie ma (została zamknięta lub wysyła Cross-Origin-Opener-Policy: same-origin?). Zamknij to okno i spróbuj ponownie.',
};
