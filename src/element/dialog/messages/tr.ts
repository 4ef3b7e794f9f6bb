import type { TelegramLoginDialogMessages } from '../../translation.js';

export default {
  dialogCancel: 'İptal',
  dialogWaiting: 'Telegram’da onayınız bekleniyor…',
  dialogTimeLeft: '{time} içinde sona eriyor',
  dialogOneMinute: 'Onaylamak için bir dakika kaldı.',
  botScan: 'QR kodunu telefonunuzun kamerasıyla tarayın veya Telegram’ı bu cihazda açın.',
  botQrLabel: 'Telegram’da girişi açan QR kodu',
  botOpen: 'Telegram’ı aç',
  botOpenWeb: 'Telegram açılmıyor mu? t.me’yi yeni sekmede kullanın',
  botPressCode: 'Telegram’da “Başlat”a, ardından bu koda dokunun:',
} satisfies TelegramLoginDialogMessages;
