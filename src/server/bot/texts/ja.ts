import type { BotLoginTexts } from './strings.js';

/** Japanese. */
export const ja: BotLoginTexts = {
  prompt: '{site} にログインしますか？',
  requestFrom: 'リクエスト元：{browser}（{os}）、{time}。',
  chooseCode: 'サイトに表示されているコードをタップしてください。',
  notStarted: 'このログインを始めたのがあなたでなければ、「自分ではない」をタップしてください。誰かがあなたとしてログインしようとしている可能性があります。',
  notMe: '自分ではない',
  approved: '{site} にログインしました。',
  denied: '{site} へのログインを拒否しました。誰もログインしていません。',
  wrongCode: 'コードが違います：{site} へのログインを拒否しました。ご本人の場合は、サイトでやり直してください。',
  expired: 'このログインリンクの有効期限が切れました。サイトでやり直してください。',
  cancelled: 'ログインはサイトでキャンセルされました。',
  notYours: 'このログインリクエストは別の Telegram アカウントのものです。',
  unknownBrowser: '不明なブラウザ',
  unknownOs: '不明なシステム',
};
