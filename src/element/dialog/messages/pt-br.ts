import type { TelegramLoginDialogMessages } from '../../translation.js';

export default {
  dialogCancel: 'Cancelar',
  dialogWaiting: 'Aguardando sua confirmação no Telegram…',
  dialogTimeLeft: 'Expira em {time}',
  dialogOneMinute: 'Falta um minuto para confirmar.',
  botScan: 'Escaneie o código QR com a câmera do celular ou abra o Telegram neste dispositivo.',
  botQrLabel: 'Código QR que abre o login no Telegram',
  botOpen: 'Abrir o Telegram',
  botOpenWeb: 'O Telegram não abre? Use o t.me em uma nova aba',
  botPressCode: 'No Telegram, toque em “Começar” e depois neste código:',
} satisfies TelegramLoginDialogMessages;
