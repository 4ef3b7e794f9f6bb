import type { BotLoginTexts } from './strings.js';

/** Spanish. */
export const es: BotLoginTexts = {
  prompt: '¿Iniciar sesión en {site}?',
  requestFrom: 'Solicitud desde {browser} en {os}, {time}.',
  chooseCode: 'Toca el código que aparece en el sitio.',
  notStarted: '¿No iniciaste este inicio de sesión? Toca «No soy yo»: alguien podría estar intentando entrar como tú.',
  notMe: 'No soy yo',
  approved: 'Has iniciado sesión en {site}.',
  denied: 'Inicio de sesión en {site} rechazado. Nadie ha iniciado sesión.',
  wrongCode: 'Código incorrecto: inicio de sesión en {site} rechazado. Si eras tú, vuelve a empezar en el sitio.',
  expired: 'Este enlace de inicio de sesión ha caducado; vuelve a empezar en el sitio.',
  cancelled: 'El inicio de sesión se canceló en el sitio.',
  notYours: 'Esta solicitud de inicio de sesión pertenece a otra cuenta de Telegram.',
  unknownBrowser: 'un navegador desconocido',
  unknownOs: 'un sistema desconocido',
};
