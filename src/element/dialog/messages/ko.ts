import type { TelegramLoginDialogMessages } from '../../translation.js';

export default {
  dialogCancel: '취소',
  dialogWaiting: 'Telegram에서 확인을 기다리는 중…',
  dialogTimeLeft: '{time} 후 만료',
  dialogOneMinute: '확인까지 1분 남았습니다.',
  botScan: '휴대폰 카메라로 QR 코드를 스캔하거나 이 기기에서 Telegram을 여세요.',
  botQrLabel: 'Telegram에서 로그인을 여는 QR 코드',
  botOpen: 'Telegram 열기',
  botOpenWeb: 'Telegram이 열리지 않나요? 새 탭에서 t.me를 사용하세요',
  botPressCode: 'Telegram에서 ‘시작’을 누른 다음 이 코드를 누르세요:',
} satisfies TelegramLoginDialogMessages;
