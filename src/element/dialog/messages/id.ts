import type { TelegramLoginDialogMessages } from '../../translation.js';

export default {
  dialogCancel: 'Batal',
  dialogWaiting: 'Menunggu konfirmasi Anda di Telegram…',
  dialogTimeLeft: 'Berakhir dalam {time}',
  dialogOneMinute: 'Tersisa satu menit untuk konfirmasi.',
  botScan: 'Pindai kode QR dengan kamera ponsel Anda, atau buka Telegram di perangkat ini.',
  botQrLabel: 'Kode QR yang membuka login di Telegram',
  botOpen: 'Buka Telegram',
  botOpenWeb: 'Telegram tidak terbuka? Gunakan t.me di tab baru',
  botPressCode: 'Di Telegram, tekan “Mulai”, lalu tekan kode ini:',
} satisfies TelegramLoginDialogMessages;
