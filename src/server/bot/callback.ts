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
 *
 * Nothing is decided before Telegram took the kit's answer to the query: Telegram accepts one answer
 * to a query it sent, and refuses (400) an id it never sent. So a press forged through a route that
 * passes updates on without Telegram's secret token changes nothing, and only a press Telegram sent
 * may edit the message it names.
 */
export async function onCallback(ctx: HandlerContext, query: DataCallbackQuery, signal?: AbortSignal): Promise<BotUpdateResult> {
  const { settings, requests } = botOf(ctx);
  const texts = settings.textsFor(query.from.language_code);
  const plain = (template: string) => fill(template, { site: settings.siteName }, false);
  /** True when Telegram took the answer: it sent this query, and nobody answered it before. */
  const answer = async (text: string, alert = false): Promise<boolean> => {
    try {
      await settings.api.answerCallbackQuery({ callback_query_id: query.id, text: text.slice(0, 200), show_alert: alert }, { signal });
      return true;
    } catch (error) {
      reportNotifyFailure('answer a button', error);
      return false;
    }
  };
  /** Replaces the tapped message (the question) with the outcome's text, without buttons. */
  const edit = async (outcome: BotOutcome) => {
    if (!query.message) return;
    const template = outcomeTemplate(outcome, texts);
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
    if (await answer(plain(outcomeTemplate(outcome, texts)))) await edit(outcome);
    return refused(outcome.status === 'expired' ? 'expired' : 'spent');
  }
  const at = Date.now();
  const { from } = query;
  const decision: BotOutcome =
    data.choice === request.matchCode
      ? { status: 'approved', user: { id: from.id, first_name: from.first_name, ...(from.last_name ? { last_name: from.last_name } : {}), ...(from.username ? { username: from.username } : {}) }, at }
      : { status: 'denied', reason: data.choice === NOT_ME ? 'not_me' : 'wrong_code', tgId: from.id, at };
  // The answer says what this press decides; should another decision win the race meanwhile (the
  // site's cancel), the edited message says what holds.
  if (!(await answer(plain(outcomeTemplate(decision, texts))))) return refused('unverified');
  // Telegram may have taken its time (a 429 waited out): a request that expired meanwhile is decided
  // as expired, never approved late; the edited message says so.
  const late = Date.now() >= request.expiresAt;
  const { outcome, won } = await settle(ctx, request, late ? { status: 'expired', at: Date.now() } : decision);
  await edit(outcome);
  if (!won || late) return refused(outcome.status === 'expired' ? 'expired' : 'spent');
  return { handled: true, action: outcome.status === 'approved' ? 'approved' : 'denied' };
}
