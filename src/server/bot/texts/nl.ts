import type { BotLoginTexts } from './strings.js';

/** Dutch. */
export const nl: BotLoginTexts = {
  prompt: 'Inloggen bij {site}?',
  requestFrom: 'Verzoek van {browser} op {os}, {time}.',
  chooseCode: 'Tik op de code die de site toont.',
  notStarted: 'Heb je deze aanmelding niet zelf gestart? Tik op ‘Dit ben ik niet’: misschien probeert iemand als jou in te loggen.',
  notMe: 'Dit ben ik niet',
  approved: 'Je bent ingelogd bij {site}.',
  denied: 'Inloggen bij {site} geweigerd. Er is niemand ingelogd.',
  wrongCode: 'Verkeerde code: inloggen bij {site} geweigerd. Was jij het? Begin dan opnieuw op de site.',
  expired: 'Deze inloglink is verlopen; begin opnieuw op de site.',
  cancelled: 'Het inloggen is op de site geannuleerd.',
  notYours: 'Dit inlogverzoek hoort bij een ander Telegram-account.',
  unknownBrowser: 'een onbekende browser',
  unknownOs: 'een onbekend systeem',
};
