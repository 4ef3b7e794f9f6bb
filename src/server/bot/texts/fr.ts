import type { BotLoginTexts } from './strings.js';

/** French. */
export const fr: BotLoginTexts = {
  prompt: 'Se connecter à {site} ?',
  requestFrom: 'Demande depuis {browser} sous {os}, {time}.',
  chooseCode: 'Touchez le code affiché sur le site.',
  notStarted: 'Vous n’avez pas lancé cette connexion ? Touchez « Ce n’est pas moi » : quelqu’un essaie peut-être de se connecter à votre place.',
  notMe: 'Ce n’est pas moi',
  approved: 'Vous êtes connecté à {site}.',
  denied: 'Connexion à {site} refusée. Personne n’a été connecté.',
  wrongCode: 'Code incorrect : connexion à {site} refusée. Si c’était vous, recommencez sur le site.',
  expired: 'Ce lien de connexion a expiré ; recommencez sur le site.',
  cancelled: 'La connexion a été annulée sur le site.',
  notYours: 'Cette demande de connexion appartient à un autre compte Telegram.',
  unknownBrowser: 'un navigateur inconnu',
  unknownOs: 'un système inconnu',
};
