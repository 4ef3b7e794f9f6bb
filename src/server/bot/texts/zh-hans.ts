import type { BotLoginTexts } from './strings.js';

/** Simplified Chinese. */
export const zhHans: BotLoginTexts = {
  prompt: '登录 {site}？',
  requestFrom: '请求来自：{browser}，{os}，{time}。',
  chooseCode: '请点按网站上显示的代码。',
  notStarted: '不是你发起的登录？请点按“不是我”：可能有人正试图以你的身份登录。',
  notMe: '不是我',
  approved: '你已登录 {site}。',
  denied: '已拒绝登录 {site}，没有人登录。',
  wrongCode: '代码错误：已拒绝登录 {site}。如果是你本人，请在网站上重新开始。',
  expired: '此登录链接已过期；请在网站上重新开始。',
  cancelled: '已在网站上取消登录。',
  notYours: '此登录请求属于另一个 Telegram 账号。',
  unknownBrowser: '未知浏览器',
  unknownOs: '未知系统',
};
