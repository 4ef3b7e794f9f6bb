import type { TelegramLoginDialogMessages } from '../../translation.js';

export default {
  dialogCancel: 'Cancelar',
  dialogWaiting: 'Esperando tu confirmación en Telegram…',
  dialogTimeLeft: 'Caduca en {time}',
  dialogOneMinute: 'Queda un minuto para confirmar.',
  botScan: 'Escanea el código QR con la cámara del teléfono o abre Telegram en este dispositivo.',
  botQrLabel: 'Código QR que abre el inicio de sesión en Telegram',
  botOpen: 'Abrir Telegram',
  botOpenWeb: '¿Telegram no se abre? Usa t.me en una pestaña nueva',
  botPressCode: 'En Telegram, pulsa «Iniciar» y luego este código:',
} satisfies TelegramLoginDialogMessages;
