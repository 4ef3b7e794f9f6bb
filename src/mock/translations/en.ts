import type { ConsentPageStrings } from './strings.js';

/** English. */
export const en: ConsentPageStrings = {
  $code: 'en',
  $dir: 'ltr',
  title: 'Log in with Telegram',
  wants: (bot, site) => `${bot} wants to log you in on ${site}`,
  chooseUser: 'Log in as',
  willReceive: 'The site will receive:',
  identity: 'An ID that identifies you on this site',
  profile: 'Your name, username and profile photo',
  phone: 'Your phone number',
  write: 'Permission for the bot to send you messages',
  allow: 'Allow',
  deny: 'Deny',
  mockNotice: 'This is telegram-login-kit’s offline mock of Telegram. No real account is used.',
  noPhone: 'no phone number',
  errorTitle: 'Login failed',
  resultSent: 'Done. You can close this window.',
  noOpener: 'The page that opened this window is gone (was it closed, or does it send Cross-Origin-Opener-Policy: same-origin?). Close this window and try again.',
};
