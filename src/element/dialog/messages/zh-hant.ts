import type { TelegramLoginDialogMessages } from '../../translation.js';

export default {
  dialogCancel: '取消',
  dialogWaiting: '正在等待你在 Telegram 中確認…',
  dialogTimeLeft: '{time} 後過期',
  dialogOneMinute: '還剩一分鐘可以確認。',
  botScan: '用手機相機掃描 QR 碼，或在此裝置上開啟 Telegram。',
  botQrLabel: '在 Telegram 中開啟登入的 QR 碼',
  botOpen: '開啟 Telegram',
  botOpenWeb: 'Telegram 打不開？在新分頁中使用 t.me',
  botPressCode: '在 Telegram 中點按「開始」，然後點按此代碼：',
} satisfies TelegramLoginDialogMessages;
