import type { BotLoginTexts } from './strings.js';

/** Polish. */
export const pl: BotLoginTexts = {
  prompt: 'Zalogować się do {site}?',
  requestFrom: 'Żądanie: {browser}, {os}, {time}.',
  chooseCode: 'Stuknij kod wyświetlany na stronie.',
  notStarted: 'To nie Ty rozpocząłeś to logowanie? Stuknij „To nie ja”: ktoś może próbować zalogować się jako Ty.',
  notMe: 'To nie ja',
  approved: 'Zalogowano do {site}.',
  denied: 'Logowanie do {site} odrzucone. Nikt się nie zalogował.',
  wrongCode: 'Błędny kod: logowanie do {site} odrzucone. Jeśli to Ty, zacznij od nowa na stronie.',
  expired: 'Ten link logowania wygasł; zacznij od nowa na stronie.',
  cancelled: 'Logowanie zostało anulowane na stronie.',
  notYours: 'To żądanie logowania należy do innego konta Telegram.',
  unknownBrowser: 'nieznana przeglądarka',
  unknownOs: 'nieznany system',
};
