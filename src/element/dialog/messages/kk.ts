import type { TelegramLoginDialogMessages } from '../../translation.js';

export default {
  dialogCancel: 'Бас тарту',
  dialogWaiting: 'Telegram-да растауыңыз күтілуде…',
  dialogTimeLeft: '{time} кейін аяқталады',
  dialogOneMinute: 'Растауға бір минут қалды.',
  botScan: 'QR кодты телефон камерасымен сканерлеңіз немесе Telegram-ды осы құрылғыда ашыңыз.',
  botQrLabel: 'Telegram-да кіруді ашатын QR код',
  botOpen: 'Telegram-ды ашу',
  botOpenWeb: 'Telegram ашылмай ма? t.me сілтемесін жаңа бетте ашыңыз',
  botPressCode: 'Telegram-да «Бастау» түймесін, содан кейін осы кодты басыңыз:',
} satisfies TelegramLoginDialogMessages;
