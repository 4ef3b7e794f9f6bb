import type { BotLoginTexts } from './strings.js';

/** Italian. */
export const it: BotLoginTexts = {
  prompt: 'Accedere a {site}?',
  requestFrom: 'Richiesta da {browser} su {os}, {time}.',
  chooseCode: 'Tocca il codice mostrato sul sito.',
  notStarted: 'Non hai avviato tu questo accesso? Tocca «Non sono io»: qualcuno potrebbe cercare di accedere al posto tuo.',
  notMe: 'Non sono io',
  approved: 'Hai effettuato l’accesso a {site}.',
  denied: 'Accesso a {site} rifiutato. Nessuno ha effettuato l’accesso.',
  wrongCode: 'Codice errato: accesso a {site} rifiutato. Se eri tu, ricomincia dal sito.',
  expired: 'Questo link di accesso è scaduto; ricomincia dal sito.',
  cancelled: 'L’accesso è stato annullato sul sito.',
  notYours: 'Questa richiesta di accesso appartiene a un altro account Telegram.',
  unknownBrowser: 'un browser sconosciuto',
  unknownOs: 'un sistema sconosciuto',
};
