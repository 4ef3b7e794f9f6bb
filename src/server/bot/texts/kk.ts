import type { BotLoginTexts } from './strings.js';

/** Kazakh. */
export const kk: BotLoginTexts = {
  prompt: '{site} сайтына кіру керек пе?',
  requestFrom: 'Сұрау: {browser}, {os}, {time}.',
  chooseCode: 'Сайтта көрсетілген кодты басыңыз.',
  notMe: 'Бұл мен емес',
  approved: '{site} сайтына кірдіңіз.',
  denied: '{site} сайтына кіру қабылданбады. Ешкім кірген жоқ.',
  wrongCode: 'Қате код: {site} сайтына кіру қабылданбады. Егер бұл сіз болсаңыз, сайтта қайта бастаңыз.',
  expired: 'Бұл кіру сілтемесінің мерзімі өтті; сайтта қайта бастаңыз.',
  cancelled: 'Кіру сайтта тоқтатылды.',
  notYours: 'Бұл кіру сұрауы басқа Telegram аккаунтына тиесілі.',
  unknownBrowser: 'белгісіз браузер',
  unknownOs: 'белгісіз жүйе',
};
