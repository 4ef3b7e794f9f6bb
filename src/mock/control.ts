import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../oauth/http-error.js';
import { BOT_CONTROL_KEYS, checkBotControlCommand, type CheckedBotControlCommand } from './bot/control.js';
import { CORS, readJson, send, sendJson } from './http.js';
import type { MockAutoConsent, MockControlCommand, MockRegistry } from './options.js';
import { initialSettings, type MockState } from './state.js';

/** A queued answer for the token endpoint. */
export interface InjectedTokenError {
  error: string;
  error_description?: string;
  status: number;
}

/** A delay and/or a failure for the next `times` requests to one path. */
export interface PathOverride {
  ms?: number;
  status?: number;
  times: number;
}

const KNOWN_FIELDS = new Set(['reset', 'tokenError', 'delay', 'fail', 'rotateKeys', 'autoConsent', 'popupCloseDelay', ...BOT_CONTROL_KEYS]);
const OAUTH_ERROR_CODE = /^[\x20-\x21\x23-\x5b\x5d-\x7e]+$/;

function checkPath(path: unknown): string {
  if (typeof path !== 'string' || !path.startsWith('/')) throw new TypeError('"path" must start with "/"');
  return path;
}

function checkTimes(times: unknown): number {
  if (times === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isInteger(times) || (times as number) < 1) throw new TypeError('"times" must be a positive integer');
  return times as number;
}

function checkStatus(status: unknown, field: string): number {
  if (!Number.isInteger(status) || (status as number) < 400 || (status as number) > 599) throw new TypeError(`"${field}" must be 400 to 599`);
  return status as number;
}

export function checkAutoConsent(value: unknown, registry: MockRegistry): MockAutoConsent {
  if (typeof value === 'boolean') return value;
  const userId = (value as { userId?: unknown } | null)?.userId;
  if (typeof userId !== 'number' || !registry.user(userId)) throw new TypeError('"autoConsent" must be true, false or { userId } of a mock user');
  return { userId };
}

function checkRotateKeys(value: unknown): { dropPrevious: boolean } | undefined {
  const isOptions = typeof value === 'object' && value !== null && Object.keys(value).every((key) => key === 'dropPrevious');
  if (typeof value !== 'boolean' && !isOptions) throw new TypeError('"rotateKeys" must be true, false or { dropPrevious }');
  if (!value) return undefined;
  return { dropPrevious: isOptions && (value as { dropPrevious?: unknown }).dropPrevious === true };
}

/** A command checked in full: nothing is applied unless every field is valid. */
export interface CheckedControlCommand {
  reset: boolean;
  tokenError?: InjectedTokenError;
  delay?: { path: string; ms: number; times: number };
  fail?: { path: string; status: number; times: number };
  rotateKeys?: { dropPrevious: boolean };
  autoConsent?: MockAutoConsent;
  popupCloseDelay?: number;
  /** The Bot API's and the simulated app's fields, when the command has any. */
  bot?: CheckedBotControlCommand;
}

/** Validates a command from a test; throws a `TypeError` naming the bad field. */
export function checkControlCommand(command: unknown, registry: MockRegistry): CheckedControlCommand {
  if (typeof command !== 'object' || command === null) throw new TypeError('a control command is an object');
  const unknown = Object.keys(command).filter((key) => !KNOWN_FIELDS.has(key));
  if (unknown.length > 0) throw new TypeError(`unknown control field ${unknown.join(', ')}`);
  const input = command as MockControlCommand;
  const checked: CheckedControlCommand = { reset: Boolean(input.reset) };
  if (input.tokenError !== undefined) {
    const { error, error_description, status = 400 } = input.tokenError;
    if (typeof error !== 'string' || !OAUTH_ERROR_CODE.test(error)) throw new TypeError('"tokenError.error" must be an OAuth error code');
    checked.tokenError = {
      error,
      ...(error_description === undefined ? {} : { error_description: String(error_description) }),
      status: checkStatus(status, 'tokenError.status'),
    };
  }
  if (input.delay !== undefined) {
    const ms = input.delay?.ms;
    if (!Number.isFinite(ms) || ms < 0 || ms > 600_000) throw new TypeError('"delay.ms" must be 0 to 600000');
    checked.delay = { path: checkPath(input.delay.path), ms, times: checkTimes(input.delay.times) };
  }
  if (input.fail !== undefined) {
    const status = checkStatus(input.fail?.status, 'fail.status');
    checked.fail = { path: checkPath(input.fail.path), status, times: checkTimes(input.fail.times) };
  }
  if (input.rotateKeys !== undefined) {
    const rotate = checkRotateKeys(input.rotateKeys);
    if (rotate) checked.rotateKeys = rotate;
  }
  if (input.autoConsent !== undefined) checked.autoConsent = checkAutoConsent(input.autoConsent, registry);
  if (input.popupCloseDelay !== undefined) {
    const delay = input.popupCloseDelay;
    if (!Number.isInteger(delay) || delay < 0 || delay > 60_000) throw new TypeError('"popupCloseDelay" must be 0 to 60000');
    checked.popupCloseDelay = delay;
  }
  const bot = checkBotControlCommand(input, registry.bots, (id) => registry.user(id) !== undefined);
  if (bot) checked.bot = bot;
  return checked;
}

/** Checks `command`, then applies it: `reset` first, then each field. */
export async function applyControlCommand(state: MockState, command: unknown): Promise<void> {
  const checked = checkControlCommand(command, state.registry);
  const { settings } = state;
  if (checked.reset) Object.assign(settings, initialSettings(state.initialAutoConsent));
  if (checked.tokenError) settings.tokenErrors.push(checked.tokenError);
  if (checked.delay) {
    const { path, ms, times } = checked.delay;
    settings.overrides.set(path, { ...settings.overrides.get(path), ms, times });
  }
  if (checked.fail) {
    const { path, status, times } = checked.fail;
    settings.overrides.set(path, { ...settings.overrides.get(path), status, times });
  }
  if (checked.rotateKeys) await state.keys.rotate(checked.rotateKeys);
  if (checked.autoConsent !== undefined) settings.autoConsent = checked.autoConsent;
  if (checked.popupCloseDelay !== undefined) settings.popupCloseDelay = checked.popupCloseDelay;
  state.botSide.applyControl(checked.bot, checked.reset);
}

/** `POST /__mock/control`: a JSON command; `{"ok":true}` once applied. */
export async function handleControl(state: MockState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const command = await readJson(req);
  try {
    await applyControlCommand(state, command);
  } catch (error) {
    if (error instanceof TypeError) throw new HttpError(400, 'invalid_request', error.message);
    throw error;
  }
  sendJson(res, 200, { ok: true });
}

/** Holds a request for `ms`, ending early (and quietly) when the mock stops. */
function hold(ms: number, stopping: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      stopping.removeEventListener('abort', done);
      resolve();
    }
    stopping.addEventListener('abort', done, { once: true });
  });
}

/**
 * Applies a `delay` or `fail` command to this request, if one is set for its path. Returns true when
 * the request was answered here (failed, or the mock stopped while holding it).
 */
export async function applyOverride(state: MockState, pathname: string, res: ServerResponse, note: (text: string) => void): Promise<boolean> {
  const override = state.settings.overrides.get(pathname);
  if (!override) return false;
  if (--override.times <= 0) state.settings.overrides.delete(pathname);
  if (override.ms) await hold(override.ms, state.stopping.signal);
  if (state.stopping.signal.aborted) {
    res.destroy();
    return true;
  }
  if (!override.status) return false;
  note('failed by control');
  send(res, override.status, 'text/plain; charset=utf-8', `mock: ${pathname} answers ${override.status} (control)\n`, CORS);
  return true;
}
