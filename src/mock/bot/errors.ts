import { HttpError } from '../../oauth/http-error.js';

/**
 * A Bot API failure, answered as Telegram does: `{ ok: false, error_code, description[, parameters] }`
 * with `error_code` as the HTTP status. `code` (from HttpError) is the description's prefix.
 */
export class BotApiError extends HttpError {
  constructor(
    status: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number },
  ) {
    super(status, STATUS_TEXT[status] ?? 'Error', description);
  }

  toJSON() {
    return { ok: false, error_code: this.status, description: this.description, ...(this.parameters ? { parameters: this.parameters } : {}) };
  }
}

/** The prefix Telegram puts before each description, by status. */
export const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
};

export const badRequest = (detail: string) => new BotApiError(400, `Bad Request: ${detail}`);
export const forbidden = (detail: string) => new BotApiError(403, `Forbidden: ${detail}`);

export const UNAUTHORIZED = () => new BotApiError(401, 'Unauthorized');
export const NOT_FOUND = () => new BotApiError(404, 'Not Found');
export const CHAT_NOT_FOUND = () => badRequest('chat not found');
export const CANT_INITIATE = () => forbidden("bot can't initiate conversation with a user");
export const BLOCKED = () => forbidden('bot was blocked by the user');
export const QUERY_INVALID = () => badRequest('query is too old and response timeout expired or query ID is invalid');
export const WEBHOOK_CONFLICT = () =>
  new BotApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
export const POLL_CONFLICT = () =>
  new BotApiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running');
