import type { TelegramLoginMessages } from '../translation.js';

export default {
  pending: 'Potwierdź w Telegramie…',
  popupBlocked: 'Wyskakujące okno zostało zablokowane. Zezwól na wyskakujące okna dla tej witryny i spróbuj ponownie.',
  failed: 'Nie udało się zalogować. Spróbuj ponownie.',
} satisfies TelegramLoginMessages;
