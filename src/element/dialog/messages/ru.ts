import type { TelegramLoginDialogMessages } from '../../translation.js';

export default {
  dialogCancel: 'Отмена',
  dialogWaiting: 'Ждём подтверждения в Telegram…',
  dialogTimeLeft: 'Истекает через {time}',
  dialogOneMinute: 'Осталась одна минута на подтверждение.',
  botScan: 'Отсканируйте QR-код камерой телефона или откройте Telegram на этом устройстве.',
  botQrLabel: 'QR-код, открывающий вход в Telegram',
  botOpen: 'Открыть Telegram',
  botOpenWeb: 'Telegram не открывается? Откройте t.me в новой вкладке',
  botPressCode: 'В Telegram нажмите «Запустить», затем этот код:',
} satisfies TelegramLoginDialogMessages;
