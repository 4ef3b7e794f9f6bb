import type { TelegramLoginDialogMessages } from '../../translation.js';

export default {
  dialogCancel: 'Скасувати',
  dialogWaiting: 'Чекаємо на підтвердження в Telegram…',
  dialogTimeLeft: 'Спливає через {time}',
  dialogOneMinute: 'Залишилася одна хвилина на підтвердження.',
  botScan: 'Відскануйте QR-код камерою телефона або відкрийте Telegram на цьому пристрої.',
  botQrLabel: 'QR-код, що відкриває вхід у Telegram',
  botOpen: 'Відкрити Telegram',
  botOpenWeb: 'Telegram не відкривається? Відкрийте t.me у новій вкладці',
  botPressCode: 'У Telegram натисніть «Почати», а потім цей код:',
} satisfies TelegramLoginDialogMessages;
