import type { ConsentPageStrings } from './strings.js';

/** Dutch. */
export const nl: ConsentPageStrings = {
  $code: 'nl',
  $dir: 'ltr',
  title: 'Inloggen met Telegram',
  wants: (bot, site) => `${bot} wil je aanmelden bij ${site}`,
  chooseUser: 'Inloggen als',
  willReceive: 'De site ontvangt:',
  identity: 'Een ID waaraan deze site je herkent',
  profile: 'Je naam, gebruikersnaam en profielfoto',
  phone: 'Je telefoonnummer',
  write: 'Toestemming voor de bot om je berichten te sturen',
  allow: 'Toestaan',
  deny: 'Weigeren',
  mockNotice: 'Dit is de offline nabootsing van Telegram uit telegram-login-kit. Er wordt geen echt account gebruikt.',
  noPhone: 'geen telefoonnummer',
  errorTitle: 'Inloggen mislukt',
  resultSent: 'Klaar. Je kunt dit venster sluiten.',
  noOpener: 'De pagina die dit venster opende is er niet meer (is ze gesloten, of stuurt ze Cross-Origin-Opener-Policy: same-origin?). Sluit dit venster en probeer het opnieuw.',
};
