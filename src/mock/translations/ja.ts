import type { ConsentPageStrings } from './strings.js';

/** Japanese. */
export const ja: ConsentPageStrings = {
  $code: 'ja',
  $dir: 'ltr',
  title: 'Telegramでログイン',
  wants: (bot, site) => `${bot} が ${site} へのログインを求めています`,
  chooseUser: 'ログインするアカウント',
  willReceive: 'このサイトが受け取る情報:',
  identity: 'このサイトであなたを識別する ID',
  profile: '名前、ユーザー名、プロフィール写真',
  phone: '電話番号',
  write: 'ボットがあなたにメッセージを送る許可',
  allow: '許可',
  deny: '拒否',
  mockNotice: 'これは telegram-login-kit のオフライン版 Telegram モックです。実際のアカウントは使用されません。',
  noPhone: '電話番号なし',
  errorTitle: 'ログインできませんでした',
  resultSent: '完了しました。このウィンドウは閉じてかまいません。',
  noOpener: 'このウィンドウを開いたページがありません（閉じられたか、Cross-Origin-Opener-Policy: same-origin を送信していませんか？）。このウィンドウを閉じて、もう一度お試しください。',
};
