import type { TelegramLoginDialogMessages } from '../../translation.js';

export default {
  dialogCancel: 'キャンセル',
  dialogWaiting: 'Telegramでの確認を待っています…',
  dialogTimeLeft: '残り {time}',
  dialogOneMinute: '確認までの残り時間はあと1分です。',
  botScan: 'スマートフォンのカメラでQRコードを読み取るか、このデバイスでTelegramを開いてください。',
  botQrLabel: 'Telegramでログインを開くQRコード',
  botOpen: 'Telegramを開く',
  botOpenWeb: 'Telegramが開かない場合は、新しいタブでt.meを使ってください',
  botPressCode: 'Telegramで「開始」を押してから、このコードを押してください：',
} satisfies TelegramLoginDialogMessages;
