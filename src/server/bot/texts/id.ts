import type { BotLoginTexts } from './strings.js';

/** Indonesian. */
export const id: BotLoginTexts = {
  prompt: 'Masuk ke {site}?',
  requestFrom: 'Permintaan dari {browser} di {os}, {time}.',
  chooseCode: 'Ketuk kode yang ditampilkan di situs.',
  notStarted: 'Bukan Anda yang memulai login ini? Ketuk “Bukan saya”: mungkin ada yang mencoba masuk sebagai Anda.',
  notMe: 'Bukan saya',
  approved: 'Anda sudah masuk ke {site}.',
  denied: 'Masuk ke {site} ditolak. Tidak ada yang masuk.',
  wrongCode: 'Kode salah: masuk ke {site} ditolak. Jika itu Anda, mulai lagi di situs.',
  expired: 'Tautan masuk ini sudah kedaluwarsa; mulai lagi di situs.',
  cancelled: 'Proses masuk dibatalkan di situs.',
  notYours: 'Permintaan masuk ini milik akun Telegram lain.',
  unknownBrowser: 'browser tak dikenal',
  unknownOs: 'sistem tak dikenal',
};
