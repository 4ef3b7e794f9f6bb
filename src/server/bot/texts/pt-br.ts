import type { BotLoginTexts } from './strings.js';

/** Brazilian Portuguese. */
export const ptBr: BotLoginTexts = {
  prompt: 'Entrar em {site}?',
  requestFrom: 'Solicitação: {browser}, {os}, {time}.',
  chooseCode: 'Toque no código exibido no site.',
  notStarted: 'Não foi você que iniciou este login? Toque em “Não fui eu”: alguém pode estar tentando entrar como você.',
  notMe: 'Não fui eu',
  approved: 'Você entrou em {site}.',
  denied: 'Entrada em {site} recusada. Ninguém entrou.',
  wrongCode: 'Código errado: entrada em {site} recusada. Se foi você, comece de novo no site.',
  expired: 'Este link de entrada expirou; comece de novo no site.',
  cancelled: 'A entrada foi cancelada no site.',
  notYours: 'Esta solicitação de entrada pertence a outra conta do Telegram.',
  unknownBrowser: 'navegador desconhecido',
  unknownOs: 'sistema desconhecido',
};
