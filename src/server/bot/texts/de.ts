import type { BotLoginTexts } from './strings.js';

/** German. */
export const de: BotLoginTexts = {
  prompt: 'Bei {site} anmelden?',
  requestFrom: 'Anfrage von {browser} unter {os}, {time}.',
  chooseCode: 'Tippe auf den Code, den die Website anzeigt.',
  notStarted: 'Du hast diese Anmeldung nicht gestartet? Tippe auf „Das war ich nicht“: Jemand versucht vielleicht, sich als du anzumelden.',
  notMe: 'Das war ich nicht',
  approved: 'Du bist bei {site} angemeldet.',
  denied: 'Anmeldung bei {site} abgelehnt. Niemand wurde angemeldet.',
  wrongCode: 'Falscher Code: Anmeldung bei {site} abgelehnt. Wenn du es warst, starte auf der Website neu.',
  expired: 'Dieser Anmeldelink ist abgelaufen; starte auf der Website neu.',
  cancelled: 'Die Anmeldung wurde auf der Website abgebrochen.',
  notYours: 'Diese Anmeldeanfrage gehört zu einem anderen Telegram-Konto.',
  unknownBrowser: 'einem unbekannten Browser',
  unknownOs: 'einem unbekannten System',
};
