import type { ConsentPageStrings } from './strings.js';

/** German. */
export const de: ConsentPageStrings = {
  $code: 'de',
  $dir: 'ltr',
  title: 'Mit Telegram anmelden',
  wants: (bot, site) => `${bot} möchte dich bei ${site} anmelden`,
  chooseUser: 'Anmelden als',
  willReceive: 'Die Website erhält:',
  identity: 'Eine ID, an der dich diese Website erkennt',
  profile: 'Deinen Namen, Benutzernamen und dein Profilbild',
  phone: 'Deine Telefonnummer',
  write: 'Die Erlaubnis für den Bot, dir Nachrichten zu senden',
  allow: 'Erlauben',
  deny: 'Ablehnen',
  mockNotice: 'Dies ist die Offline-Nachbildung von Telegram aus telegram-login-kit. Es wird kein echtes Konto verwendet.',
  noPhone: 'keine Telefonnummer',
  errorTitle: 'Anmeldung fehlgeschlagen',
  resultSent: 'Fertig. Du kannst dieses Fenster schließen.',
  noOpener: 'Die Seite, die dieses Fenster geöffnet hat, ist nicht mehr da (wurde sie geschlossen, oder sendet sie Cross-Origin-Opener-Policy: same-origin?). Schließe dieses Fenster und versuche es erneut.',
};
