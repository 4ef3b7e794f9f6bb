import { badRequest } from './errors.js';

/**
 * A Bot API method's parameters and their typed readers: form and query values are strings, JSON
 * values may be anything. No node: imports, so the mock's public types need no @types/node.
 */
export type BotApiParams = Map<string, unknown>;

const typeError = (name: string, type: string) => badRequest(`parameter "${name}" must be of type ${type}`);

export function readInteger(params: BotApiParams, name: string): number | undefined {
  const value = params.get(name);
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' && /^-?\d{1,16}$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw typeError(name, 'Integer');
  return number;
}

export function readString(params: BotApiParams, name: string): string | undefined {
  const value = params.get(name);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') throw typeError(name, 'String');
  return value;
}

export function readBoolean(params: BotApiParams, name: string): boolean | undefined {
  const value = params.get(name);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1' || value === 1) return true;
  if (value === 'false' || value === '0' || value === 0) return false;
  throw typeError(name, 'Boolean');
}

/** An object or array parameter: JSON-serialized in forms and queries, plain JSON in a JSON body. */
export function readJson(params: BotApiParams, name: string, what: string): unknown {
  const value = params.get(name);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw badRequest(`can't parse ${what} JSON object`);
  }
}

/** `chat_id`: the mock has private chats only, whose id is the user's id; `@username` finds none. */
export function readChatId(params: BotApiParams): number {
  const value = params.get('chat_id');
  if (value === undefined || value === null || value === '') throw badRequest('chat_id is empty');
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,16}$/.test(value.trim())) return Number(value);
  if (typeof value === 'string') throw badRequest('chat not found');
  throw typeError('chat_id', 'Integer or String');
}
