import type { ConsentPageStrings } from './strings.js';

/** French. */
export const fr: ConsentPageStrings = {
  $code: 'fr',
  $dir: 'ltr',
  title: 'Se connecter avec Telegram',
  wants: (bot, site) => `${bot} souhaite vous connecter à ${site}`,
  chooseUser: 'Se connecter en tant que',
  willReceive: 'Le site recevra :',
  identity: 'Un identifiant qui vous reconnaît sur ce site',
  profile: 'Votre nom, votre nom d’utilisateur et votre photo de profil',
  phone: 'Votre numéro de téléphone',
  write: 'L’autorisation pour le bot de vous envoyer des messages',
  allow: 'Autoriser',
  deny: 'Refuser',
  mockNotice: 'Ceci est la simulation hors ligne de Telegram fournie par telegram-login-kit. Aucun compte réel n’est utilisé.',
  noPhone: 'pas de numéro de téléphone',
  errorTitle: 'Échec de la connexion',
  resultSent: 'Terminé. Vous pouvez fermer cette fenêtre.',
  noOpener: 'La page qui a ouvert cette fenêtre n’existe plus (a-t-elle été fermée, ou envoie-t-elle Cross-Origin-Opener-Policy: same-origin ?). Fermez cette fenêtre et réessayez.',
};
