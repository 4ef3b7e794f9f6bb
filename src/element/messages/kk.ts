import type { TelegramLoginMessages } from '../translation.js';

export default {
  pending: 'Telegram-да растаңыз…',
  popupBlocked: 'Қалқымалы терезе бұғатталды. Бұл сайт үшін қалқымалы терезелерге рұқсат беріп, қайталап көріңіз.',
  failed: 'Кіру сәтсіз аяқталды. Қайталап көріңіз.',
} satisfies TelegramLoginMessages;
