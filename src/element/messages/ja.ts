import type { TelegramLoginMessages } from '../translation.js';

export default {
  pending: 'Telegramで確認してください…',
  popupBlocked: 'ポップアップがブロックされました。このサイトのポップアップを許可して、もう一度お試しください。',
  failed: 'ログインに失敗しました。もう一度お試しください。',
} satisfies TelegramLoginMessages;
