import type { ConsentPageStrings } from './strings.js';

/** Korean. */
export const ko: ConsentPageStrings = {
  $code: 'ko',
  $dir: 'ltr',
  title: 'Telegram으로 로그인',
  wants: (bot, site) => `${bot}에서 ${site} 로그인을 요청합니다`,
  chooseUser: '로그인할 계정',
  willReceive: '사이트가 받게 되는 정보:',
  identity: '이 사이트에서 사용자를 식별하는 ID',
  profile: '이름, 사용자 이름, 프로필 사진',
  phone: '전화번호',
  write: '봇이 메시지를 보낼 수 있는 권한',
  allow: '허용',
  deny: '거부',
  mockNotice: 'telegram-login-kit의 오프라인 Telegram 모의 서버입니다. 실제 계정은 사용되지 않습니다.',
  noPhone: '전화번호 없음',
  errorTitle: '로그인 실패',
  resultSent: '완료되었습니다. 이 창을 닫아도 됩니다.',
  noOpener: '이 창을 연 페이지가 없습니다(닫혔거나 Cross-Origin-Opener-Policy: same-origin을 보내고 있나요?). 이 창을 닫고 다시 시도하세요.',
};
