import type { BotLoginTexts } from './strings.js';

/** English. */
export const en: BotLoginTexts = {
  prompt: 'Log in to {site}?',
  requestFrom: 'Request from {browser} on {os}, {time}.',
  chooseCode: 'Tap the code shown on the site.',
  notStarted: 'Did not start this login? Tap “Not me”: someone may be trying to log in as you.',
  notMe: 'Not me',
  approved: 'You are logged in to {site}.',
  denied: 'Login to {site} denied. Nobody was logged in.',
  wrongCode: 'Wrong code: login to {site} denied. If it was you, start again on the site.',
  expired: 'This login link has expired; start again on the site.',
  cancelled: 'This login was cancelled on the site.',
  notYours: 'This login request belongs to another Telegram account.',
  unknownBrowser: 'an unknown browser',
  unknownOs: 'an unknown system',
};
