import type { BotLoginTexts } from './strings.js';

/** Korean. */
export const ko: BotLoginTexts = {
  prompt: '{site}에 로그인할까요?',
  requestFrom: '요청: {browser}, {os}, {time}.',
  chooseCode: '사이트에 표시된 코드를 누르세요.',
  notStarted: '직접 시작한 로그인이 아니라면 “제가 아닙니다”를 누르세요. 누군가 회원님으로 로그인하려는 것일 수 있습니다.',
  notMe: '제가 아닙니다',
  approved: '{site}에 로그인했습니다.',
  denied: '{site} 로그인을 거부했습니다. 아무도 로그인하지 않았습니다.',
  wrongCode: '잘못된 코드: {site} 로그인을 거부했습니다. 본인이라면 사이트에서 다시 시작하세요.',
  expired: '이 로그인 링크는 만료되었습니다. 사이트에서 다시 시작하세요.',
  cancelled: '사이트에서 로그인이 취소되었습니다.',
  notYours: '이 로그인 요청은 다른 Telegram 계정의 것입니다.',
  unknownBrowser: '알 수 없는 브라우저',
  unknownOs: '알 수 없는 시스템',
};
