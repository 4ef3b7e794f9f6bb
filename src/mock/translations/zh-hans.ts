import type { ConsentPageStrings } from './strings.js';

/** Simplified Chinese. */
export const zhHans: ConsentPageStrings = {
  $code: 'zh-hans',
  $dir: 'ltr',
  title: '使用 Telegram 登录',
  wants: (bot, site) => `${bot} 请求让你登录 ${site}`,
  chooseUser: '登录身份',
  willReceive: '该网站将获得：',
  identity: '在此网站上识别你的 ID',
  profile: '你的姓名、用户名和头像',
  phone: '你的手机号码',
  write: '允许机器人向你发送消息',
  allow: '允许',
  deny: '拒绝',
  mockNotice: '这是 telegram-login-kit 的离线 Telegram 模拟，不会使用任何真实账号。',
  noPhone: '无手机号码',
  errorTitle: '登录失败',
  resultSent: '完成。你可以关闭此窗口。',
  noOpener: '打开此窗口的页面已不存在（是否已关闭，或发送了 Cross-Origin-Opener-Policy: same-origin？）。请关闭此窗口后重试。',
};
