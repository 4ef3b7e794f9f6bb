import type { BotLoginTexts } from './strings.js';

/** Traditional Chinese. */
export const zhHant: BotLoginTexts = {
  prompt: '登入 {site}？',
  requestFrom: '請求來自：{browser}，{os}，{time}。',
  chooseCode: '請點按網站上顯示的代碼。',
  notStarted: '不是你發起的登入？請點按「不是我」：可能有人正試圖以你的身分登入。',
  notMe: '不是我',
  approved: '你已登入 {site}。',
  denied: '已拒絕登入 {site}，沒有人登入。',
  wrongCode: '代碼錯誤：已拒絕登入 {site}。如果是你本人，請在網站上重新開始。',
  expired: '此登入連結已過期；請在網站上重新開始。',
  cancelled: '已在網站上取消登入。',
  notYours: '此登入請求屬於另一個 Telegram 帳號。',
  unknownBrowser: '未知瀏覽器',
  unknownOs: '未知系統',
};
