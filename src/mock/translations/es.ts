import type { ConsentPageStrings } from './strings.js';

/** Spanish. */
export const es: ConsentPageStrings = {
  $code: 'es',
  $dir: 'ltr',
  title: 'Iniciar sesión con Telegram',
  wants: (bot, site) => `${bot} quiere iniciar tu sesión en ${site}`,
  chooseUser: 'Iniciar sesión como',
  willReceive: 'El sitio recibirá:',
  identity: 'Un identificador que te reconoce en este sitio',
  profile: 'Tu nombre, nombre de usuario y foto de perfil',
  phone: 'Tu número de teléfono',
  write: 'Permiso para que el bot te envíe mensajes',
  allow: 'Permitir',
  deny: 'Denegar',
  mockNotice: 'Esta es la simulación sin conexión de Telegram de telegram-login-kit. No se usa ninguna cuenta real.',
  noPhone: 'sin número de teléfono',
  errorTitle: 'No se pudo iniciar sesión',
  resultSent: 'Listo. Puedes cerrar esta ventana.',
  noOpener: 'La página que abrió esta ventana ya no está (¿se cerró o envía Cross-Origin-Opener-Policy: same-origin?). Cierra esta ventana e inténtalo de nuevo.',
};
