import type { TelegramLoginDialogMessages } from '../../translation.js';

export default {
  dialogCancel: 'Annulla',
  dialogWaiting: 'In attesa della tua conferma su Telegram…',
  dialogTimeLeft: 'Scade tra {time}',
  dialogOneMinute: 'Manca un minuto per confermare.',
  botScan: 'Scansiona il codice QR con la fotocamera del telefono, oppure apri Telegram su questo dispositivo.',
  botQrLabel: 'Codice QR che apre l’accesso in Telegram',
  botOpen: 'Apri Telegram',
  botOpenWeb: 'Telegram non si apre? Usa t.me in una nuova scheda',
  botPressCode: 'In Telegram, premi «Avvia», poi questo codice:',
} satisfies TelegramLoginDialogMessages;
