import type { TelegramLoginMessages } from '../translation.js';

export default {
  pending: 'Konfirmasi di Telegram…',
  popupBlocked: 'Pop-up diblokir. Izinkan pop-up untuk situs ini lalu coba lagi.',
  failed: 'Gagal masuk. Silakan coba lagi.',
} satisfies TelegramLoginMessages;
