import type { TelegramLoginDialogMessages } from '../../translation.js';

export default {
  dialogCancel: 'Скасаваць',
  dialogWaiting: 'Чакаем пацвярджэння ў Telegram…',
  dialogTimeLeft: 'Мінае праз {time}',
  dialogOneMinute: 'Засталася адна хвіліна на пацвярджэнне.',
  botScan: 'Адскануйце QR-код камерай тэлефона або адкрыйце Telegram на гэтай прыладзе.',
  botQrLabel: 'QR-код, які адкрывае ўваход у Telegram',
  botOpen: 'Адкрыць Telegram',
  botOpenWeb: 'Telegram не адкрываецца? Адкрыйце t.me у новай укладцы',
  botPressCode: 'У Telegram націсніце «Пачаць», а потым гэты код:',
} satisfies TelegramLoginDialogMessages;
