import { botOf, type HandlerContext } from '../handler-options.js';
import { fill, promptMessage } from './messages.js';
import { expire, reportNotifyFailure } from './outcomes.js';
import { START_PAYLOAD } from './tokens.js';
import { refused, type BotUpdateResult, type SentMessage } from './update-result.js';

/**
 * `/start tlk_…`: the user opened a login link and pressed Start. The first Telegram user to do so
 * claims the request; the bot asks them to confirm with the code the site shows. A link that is
 * malformed, unknown, expired, decided or claimed by someone else gets the same polite answer, which
 * tells a stranger nothing.
 */
export async function onStart(ctx: HandlerContext, message: SentMessage, payload: string, signal?: AbortSignal): Promise<BotUpdateResult> {
  const bot = botOf(ctx);
  const { settings, requests } = bot;
  const lang = message.from.language_code;
  const chatId = message.chat.id;
  const say = async (text: string, extra: object = {}) => {
    try {
      return await settings.api.sendMessage({ chat_id: chatId, text, parse_mode: 'HTML', ...extra }, { signal });
    } catch (error) {
      reportNotifyFailure('answer /start', error);
      return undefined;
    }
  };
  const expiredAnswer = async (requestLang?: string) => {
    const texts = settings.textsFor(lang ?? requestLang);
    await say(fill(texts.expired, { site: settings.siteName }, true));
  };

  if (message.chat.type !== 'private') return refused('not_private');
  if (!START_PAYLOAD.test(payload)) {
    await expiredAnswer();
    return refused('malformed');
  }
  const request = await requests.byPayload(payload);
  if (!request) {
    await expiredAnswer();
    return refused('unknown');
  }
  const decided = await requests.outcomeOf(request.id);
  if (decided || Date.now() >= request.expiresAt) {
    const status = decided?.status ?? (await expire(ctx, request)).outcome.status;
    await expiredAnswer(request.lang);
    return refused(status === 'expired' ? 'expired' : 'spent');
  }
  const claim = await requests.claim(request, { userId: message.from.id, chatId });
  if (claim.userId !== message.from.id) {
    await expiredAnswer(request.lang);
    return refused('claimed');
  }
  // The same user pressing Start again (a second tap, a lost message) gets the question again.
  const texts = settings.textsFor(lang ?? request.lang);
  const prompt = promptMessage(settings, request, texts, lang ?? request.lang);
  const sent = await say(prompt.text, { reply_markup: prompt.reply_markup });
  if (sent) await requests.setPrompt(request, { chatId, messageId: sent.message_id, ...(lang ? { lang } : {}) });
  return { handled: true, action: 'asked' };
}
