import type { TelegramLoginDialogMessages } from '../../translation.js';

export default {
  dialogCancel: 'Annuler',
  dialogWaiting: 'En attente de votre confirmation dans Telegram…',
  dialogTimeLeft: 'Expire dans {time}',
  dialogOneMinute: 'Plus qu’une minute pour confirmer.',
  botScan: 'Scannez le code QR avec l’appareil photo de votre téléphone, ou ouvrez Telegram sur cet appareil.',
  botQrLabel: 'Code QR qui ouvre la connexion dans Telegram',
  botOpen: 'Ouvrir Telegram',
  botOpenWeb: 'Telegram ne s’ouvre pas ? Utilisez t.me dans un nouvel onglet',
  botPressCode: 'Dans Telegram, appuyez sur « Démarrer », puis sur ce code :',
} satisfies TelegramLoginDialogMessages;
