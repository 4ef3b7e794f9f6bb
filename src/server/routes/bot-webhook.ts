import { HttpError } from '../../oauth/http-error.js';
import { handleBotUpdate } from '../bot/updates.js';
import { botOf, type HandlerContext } from '../handler-options.js';
import { badRequest, jsonResponse, readJsonObject, toHttpError } from '../http.js';
import { constantTimeEqual, sha256Base64Url } from '../secrets.js';

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/**
 * `POST /bot/webhook`: Telegram delivers the bot's updates here (`setWebhook` with this URL and
 * `secret_token: bot.webhookSecret`). The secret is compared in constant time; without it nothing
 * is read. Every update that is not the kit's is answered 200 and dropped, so Telegram's queue never
 * stalls on it; a store failure answers 503 and Telegram delivers the update again later.
 */
export async function botWebhookRoute(ctx: HandlerContext, request: Request): Promise<Response> {
  const secret = botOf(ctx).settings.webhookSecret;
  if (secret === undefined) throw badRequest('the webhook is off: set the handler\'s "bot.webhookSecret" and pass it to setWebhook as secret_token', 404);
  // Hashes first: equal lengths, so the comparison says nothing about the secret's length either.
  const given = request.headers.get(SECRET_HEADER) ?? '';
  if (!constantTimeEqual(await sha256Base64Url(given), await sha256Base64Url(secret))) {
    throw new HttpError(401, 'bot_update_rejected', `missing or wrong "X-Telegram-Bot-Api-Secret-Token": the webhook must be set with secret_token equal to "bot.webhookSecret"`);
  }
  let update: Record<string, unknown>;
  try {
    update = await readJsonObject(request);
  } catch (error) {
    // Larger than any update of the kit's (a /start, a button press): someone else's, and never worth a retry.
    if (toHttpError(error).status === 413) return jsonResponse(200, {});
    throw error;
  }
  try {
    await handleBotUpdate(ctx, update);
  } catch (error) {
    const failure = toHttpError(error);
    if (failure.code === 'bot_update_rejected') throw new HttpError(400, failure.code, failure.message);
    throw error;
  }
  // No "method" field: Telegram would run a body that has one as a Bot API call.
  return jsonResponse(200, {});
}
