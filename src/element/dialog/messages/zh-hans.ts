import type { TelegramLoginDialogMessages } from '../../translation.js';

export default {
  dialogCancel: '取消',
  dialogWaiting: '正在等待你在 Telegram 中确认…',
  dialogTimeLeft: '{time} 后过期',
  dialogOneMinute: '还剩一分钟可以确认。',
  botScan: '用手机相机扫描二维码，或在此设备上打开 Telegram。',
  botQrLabel: '在 Telegram 中打开登录的二维码',
  botOpen: '打开 Telegram',
  botOpenWeb: 'Telegram 打不开？在新标签页中使用 t.me',
  botPressCode: '在 Telegram 中点按“开始”，然后点按此代码：',
} satisfies TelegramLoginDialogMessages;
