import type { ConsentPageStrings } from './strings.js';

/** Traditional Chinese. */
export const zhHant: ConsentPageStrings = {
  $code: 'zh-hant',
  $dir: 'ltr',
  title: '使用 Telegram 登入',
  wants: (bot, site) => `${bot} 請求讓你登入 ${site}`,
  chooseUser: '登入身分',
  willReceive: '此網站將取得：',
  identity: '在此網站上識別你的 ID',
  profile: '你的姓名、使用者名稱和大頭貼',
  phone: '你的電話號碼',
  write: '允許機器人傳送訊息給你',
  allow: '允許',
  deny: '拒絕',
  mockNotice: '這是 telegram-login-kit 的離線 Telegram 模擬，不會使用任何真實帳號。',
  noPhone: '無電話號碼',
  errorTitle: '登入失敗',
  resultSent: '完成。你可以關閉此視窗。',
  noOpener: '開啟此視窗的頁面已不存在（是否已關閉，或傳送了 Cross-Origin-Opener-Policy: same-origin？）。請關閉此視窗後再試一次。',
};
