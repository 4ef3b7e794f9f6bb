import type { TelegramLoginDialogMessages } from '../../translation.js';

export default {
  dialogCancel: 'Cancel',
  dialogWaiting: 'Waiting for your confirmation in Telegram…',
  dialogTimeLeft: 'Expires in {time}',
  dialogOneMinute: 'One minute left to confirm.',
  botScan: 'Scan the QR code with your phone’s camera, or open Telegram on this device.',
  botQrLabel: 'QR code that opens the login in Telegram',
  botOpen: 'Open Telegram',
  botOpenWeb: 'Telegram does not open? Use t.me in a new tab',
  botPressCode: 'In Telegram, press Start, then press this code:',
} satisfies TelegramLoginDialogMessages;
