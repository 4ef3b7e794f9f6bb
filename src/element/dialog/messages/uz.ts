import type { TelegramLoginDialogMessages } from '../../translation.js';

export default {
  dialogCancel: 'Bekor qilish',
  dialogWaiting: 'Telegram’da tasdiqlashingiz kutilmoqda…',
  dialogTimeLeft: '{time} dan keyin tugaydi',
  dialogOneMinute: 'Tasdiqlash uchun bir daqiqa qoldi.',
  botScan: 'QR kodni telefon kamerasi bilan skanerlang yoki Telegram’ni shu qurilmada oching.',
  botQrLabel: 'Telegram’da kirishni ochadigan QR kod',
  botOpen: 'Telegram’ni ochish',
  botOpenWeb: 'Telegram ochilmayaptimi? t.me’ni yangi varaqda oching',
  botPressCode: 'Telegram’da “Boshlash”ni, soʻng shu kodni bosing:',
} satisfies TelegramLoginDialogMessages;
