import { botOf, type HandlerContext } from '../handler-options.js';
import { fill, outcomeTemplate } from './messages.js';
import { expire, reportNotifyFailure, settle } from './outcomes.js';
import type { BotOutcome } from './requests.js';
import { NOT_ME, readCallbackData } from './tokens.js';
import { refused, type BotUpdateResult, type DataCallbackQuery } from './update-result.js';

/**
 * A tap on one of the question's buttons. Only the Telegram user who pressed Start may answer; the
 * right code approves, a wrong one or "Not me" denies, and the first answer is final. The bot then
 * replaces the question with what happened.
 */
export async function onCallback(ctx: HandlerContext, query: DataCallbackQuery, signal?: AbortSignal): Promise<BotUpdateResult> {
  const { settings, requests } = botOf(ctx);
  const texts = settings.textsFor(query.from.language_code);
  const plain = (template: string) => fill(template, { site: settings.siteName }, false);
  const answer = async (text: string, alert = false) => {
    try {
      await settings.api.answerCallbackQuery({ callback_query_id: query.id, text: text.slice(0, 200), show_alert: alert }, { signal });
    } catch (error) {
      reportNotifyFailure('answer a button', error);
    }
  };
  /** Replaces the tapped message (the question) with the outcome's text, without buttons. */
  const conclude = async (outcome: BotOutcome) => {
    const template = outcomeTemplate(outcome, texts);
    await answer(plain(template));
    if (!query.message) return;
    try {
      await settings.api.editMessageText({ chat_id: query.message.chat.id, message_id: query.message.message_id, text: fill(template, { site: settings.siteName }, true), parse_mode: 'HTML' }, { signal });
    } catch (error) {
      reportNotifyFailure('edit its message', error);
    }
  };

  const data = readCallbackData(query.data);
  const request = data ? await requests.get(data.requestId) : undefined;
  if (!data || !request) {
    await answer(plain(texts.expired), true);
    return refused(data ? 'unknown' : 'malformed');
  }
  const claim = await requests.claimOf(request.id);
  if (!claim || claim.userId !== query.from.id) {
    await answer(texts.notYours, true);
    return refused('other_user');
  }
  if (data.choice !== NOT_ME && !request.choices.includes(data.choice)) {
    await answer(plain(texts.expired), true);
    return refused('malformed');
  }
  const earlier = await requests.outcomeOf(request.id);
  if (earlier || Date.now() >= request.expiresAt) {
    const outcome = earlier ?? (await expire(ctx, request)).outcome;
    await conclude(outcome);
    return refused(outcome.status === 'expired' ? 'expired' : 'spent');
  }
  const at = Date.now();
  const { from } = query;
  const decision: BotOutcome =
    data.choice === request.matchCode
      ? { status: 'approved', user: { id: from.id, first_name: from.first_name, ...(from.last_name ? { last_name: from.last_name } : {}), ...(from.username ? { username: from.username } : {}) }, at }
      : { status: 'denied', reason: data.choice === NOT_ME ? 'not_me' : 'wrong_code', tgId: from.id, at };
  const { outcome, won } = await settle(ctx, request, decision);
  await conclude(outcome);
  if (!won) return refused(outcome.status === 'expired' ? 'expired' : 'spent');
  return { handled: true, action: outcome.status === 'approved' ? 'approved' : 'denied' };
}
