import type { ConsentPageStrings } from './strings.js';

/** Indonesian. */
export const id: ConsentPageStrings = {
  $code: 'id',
  $dir: 'ltr',
  title: 'Masuk dengan Telegram',
  wants: (bot, site) => `${bot} ingin memasukkan Anda ke ${site}`,
  chooseUser: 'Masuk sebagai',
  willReceive: 'Situs akan menerima:',
  identity: 'ID yang mengenali Anda di situs ini',
  profile: 'Nama, nama pengguna, dan foto profil Anda',
  phone: 'Nomor telepon Anda',
  write: 'Izin bagi bot untuk mengirimi Anda pesan',
  allow: 'Izinkan',
  deny: 'Tolak',
  mockNotice: 'Ini adalah tiruan Telegram luring dari telegram-login-kit. Tidak ada akun sungguhan yang digunakan.',
  noPhone: 'tanpa nomor telepon',
  errorTitle: 'Gagal masuk',
  resultSent: 'Selesai. Anda dapat menutup jendela ini.',
  noOpener: 'Halaman yang membuka jendela ini sudah tidak ada (ditutup, atau mengirim Cross-Origin-Opener-Policy: same-origin?). Tutup jendela ini dan coba lagi.',
};
