import type { TelegramLoginDialogMessages } from '../../translation.js';

export default {
  dialogCancel: 'Abbrechen',
  dialogWaiting: 'Warte auf deine Bestätigung in Telegram…',
  dialogTimeLeft: 'Läuft ab in {time}',
  dialogOneMinute: 'Noch eine Minute zum Bestätigen.',
  botScan: 'Scanne den QR-Code mit der Kamera deines Handys oder öffne Telegram auf diesem Gerät.',
  botQrLabel: 'QR-Code, der die Anmeldung in Telegram öffnet',
  botOpen: 'Telegram öffnen',
  botOpenWeb: 'Telegram öffnet sich nicht? Nutze t.me in einem neuen Tab',
  botPressCode: 'Tippe in Telegram auf „Starten“ und dann auf diesen Code:',
} satisfies TelegramLoginDialogMessages;
