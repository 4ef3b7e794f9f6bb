import type { TelegramLoginDialogMessages } from '../../translation.js';

export default {
  dialogCancel: 'Anuluj',
  dialogWaiting: 'Czekamy na potwierdzenie w Telegramie…',
  dialogTimeLeft: 'Wygasa za {time}',
  dialogOneMinute: 'Została minuta na potwierdzenie.',
  botScan: 'Zeskanuj kod QR aparatem telefonu albo otwórz Telegram na tym urządzeniu.',
  botQrLabel: 'Kod QR otwierający logowanie w Telegramie',
  botOpen: 'Otwórz Telegram',
  botOpenWeb: 'Telegram się nie otwiera? Użyj t.me w nowej karcie',
  botPressCode: 'W Telegramie naciśnij „Start”, a potem ten kod:',
} satisfies TelegramLoginDialogMessages;
