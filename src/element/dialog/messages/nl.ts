import type { TelegramLoginDialogMessages } from '../../translation.js';

export default {
  dialogCancel: 'Annuleren',
  dialogWaiting: 'Wachten op je bevestiging in Telegram…',
  dialogTimeLeft: 'Verloopt over {time}',
  dialogOneMinute: 'Nog één minuut om te bevestigen.',
  botScan: 'Scan de QR-code met de camera van je telefoon, of open Telegram op dit apparaat.',
  botQrLabel: 'QR-code die het inloggen in Telegram opent',
  botOpen: 'Telegram openen',
  botOpenWeb: 'Opent Telegram niet? Gebruik t.me in een nieuw tabblad',
  botPressCode: 'Tik in Telegram op ‘Start’ en daarna op deze code:',
} satisfies TelegramLoginDialogMessages;
