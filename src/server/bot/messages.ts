/**
 * What the bot says: the question with its code buttons, and the text that replaces it once the
 * request is decided. Texts are plain text filled in and escaped here for Telegram's HTML parse mode,
 * so neither a site's own wording nor a User-Agent can inject markup.
 */
import { escapeHtml } from '../../oauth/html.js';
import type { BotApiInlineKeyboardMarkup } from './api-types.js';
import type { BotSettings } from './options.js';
import type { BotLoginRequest, BotOutcome } from './requests.js';
import type { BotLoginTexts } from './texts/index.js';
import { callbackData, NOT_ME } from './tokens.js';

type Values = Partial<Record<'site' | 'browser' | 'os' | 'time', string>>;

/** The text with its placeholders filled: HTML (the site in bold) for messages, plain for callback answers. */
export function fill(template: string, values: Values, html: boolean): string {
  const parts = template.split(/(\{(?:site|browser|os|time)\})/);
  return parts
    .map((part, index) => {
      if (index % 2 === 0) return html ? escapeHtml(part) : part;
      const name = part.slice(1, -1) as keyof Values;
      const value = values[name] ?? '';
      if (!html) return value;
      return name === 'site' ? `<b>${escapeHtml(value)}</b>` : escapeHtml(value);
    })
    .join('');
}

/** "14:05 UTC" in the user's language; English when Intl does not know the tag. */
function timeOf(at: number, lang: string | undefined, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' };
  try {
    return new Intl.DateTimeFormat(lang ?? 'en', options).format(at);
  } catch {
    return new Intl.DateTimeFormat('en', options).format(at);
  }
}

export interface BotPromptMessage {
  text: string;
  parse_mode: 'HTML';
  reply_markup: BotApiInlineKeyboardMarkup;
}

/** "Log in to <b>site</b>? Request from Chrome on Windows, 14:05 UTC." with the three codes and "Not me". */
export function promptMessage(settings: BotSettings, request: BotLoginRequest, texts: BotLoginTexts, lang: string | undefined): BotPromptMessage {
  const values: Values = {
    site: settings.siteName,
    browser: request.browser ?? texts.unknownBrowser,
    os: request.os ?? texts.unknownOs,
    time: timeOf(request.createdAt, lang, settings.timeZone),
  };
  const text = [fill(texts.prompt, values, true), fill(texts.requestFrom, values, true), '', fill(texts.chooseCode, values, true), fill(texts.notStarted, values, true)].join('\n');
  return {
    text,
    parse_mode: 'HTML',
    reply_markup: {
      inline_keyboard: [
        request.choices.map((choice) => ({ text: choice, callback_data: callbackData(request.id, choice) })),
        [{ text: texts.notMe, callback_data: callbackData(request.id, NOT_ME) }],
      ],
    },
  };
}

/** The text for a decided request (what the question becomes, and the callback's answer). */
export function outcomeTemplate(outcome: BotOutcome, texts: BotLoginTexts): string {
  switch (outcome.status) {
    case 'approved':
      return texts.approved;
    case 'denied':
      return outcome.reason === 'wrong_code' ? texts.wrongCode : texts.denied;
    case 'cancelled':
      return texts.cancelled;
    case 'expired':
      return texts.expired;
  }
}
