import type { ConsentPageStrings } from './strings.js';

/** Italian. */
export const it: ConsentPageStrings = {
  $code: 'it',
  $dir: 'ltr',
  title: 'Accedi con Telegram',
  wants: (bot, site) => `${bot} vuole farti accedere a ${site}`,
  chooseUser: 'Accedi come',
  willReceive: 'Il sito riceverà:',
  identity: 'Un identificativo che ti riconosce su questo sito',
  profile: 'Il tuo nome, nome utente e foto del profilo',
  phone: 'Il tuo numero di telefono',
  write: 'Il permesso per il bot di inviarti messaggi',
  allow: 'Consenti',
  deny: 'Rifiuta',
  mockNotice: 'Questa è la simulazione offline di Telegram di telegram-login-kit. Non viene usato alcun account reale.',
  noPhone: 'nessun numero di telefono',
  errorTitle: 'Accesso non riuscito',
  resultSent: 'Fatto. Puoi chiudere questa finestra.',
  noOpener: 'La pagina che ha aperto questa finestra non c’è più (è stata chiusa o invia Cross-Origin-Opener-Policy: same-origin?). Chiudi questa finestra e riprova.',
};
