import type { ConsentPageStrings } from './strings.js';

/** Brazilian Portuguese. */
export const ptBr: ConsentPageStrings = {
  $code: 'pt-br',
  $dir: 'ltr',
  title: 'Entrar com o Telegram',
  wants: (bot, site) => `${bot} quer fazer seu login em ${site}`,
  chooseUser: 'Entrar como',
  willReceive: 'O site receberá:',
  identity: 'Um identificador que reconhece você neste site',
  profile: 'Seu nome, nome de usuário e foto de perfil',
  phone: 'Seu número de telefone',
  write: 'Permissão para o bot enviar mensagens a você',
  allow: 'Permitir',
  deny: 'Recusar',
  mockNotice: 'Esta é a simulação offline do Telegram do telegram-login-kit. Nenhuma conta real é usada.',
  noPhone: 'sem número de telefone',
  errorTitle: 'Falha no login',
  resultSent: 'Pronto. Você pode fechar esta janela.',
  noOpener: 'A página que abriu esta janela não existe mais (ela foi fechada ou envia Cross-Origin-Opener-Policy: same-origin?). Feche esta janela e tente novamente.',
};
