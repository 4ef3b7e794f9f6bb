import { HttpError } from '../oauth/http-error.js';
import type { PendingAuth } from './authorize.js';
import { createBotSide, type BotSide } from './bot/bot-side.js';
import type { InjectedTokenError, PathOverride } from './control.js';
import { checkPublicUrl, createRegistry, type MockAutoConsent, type MockClient, type MockRegistry, type MockTelegramOptions } from './options.js';
import { createSingleUseStore, type SingleUseStore } from './stores.js';
import type { IssuedCode } from './token.js';
import { buildIdTokenClaims, createKeyRing, subjectFor, type KeyRing, type MockUser } from './id-token.js';

const CODE_TTL_MS = 60_000;
const REQUEST_TTL_MS = 10 * 60_000;
const STORE_LIMIT = 10_000;
export const DEFAULT_POPUP_CLOSE_DELAY = 150;

/** What control commands change while the mock runs; `reset` returns each to its start-up value. */
export interface MockSettings {
  autoConsent: MockAutoConsent;
  /** Milliseconds the post_message result page waits after posting before it closes. */
  popupCloseDelay: number;
  /** Answers for the next token requests, first in first out. */
  tokenErrors: InjectedTokenError[];
  /** Delays and failures by request path. */
  overrides: Map<string, PathOverride>;
}

/** Everything one running mock knows; each route reads and changes it through the functions of its file. */
export interface MockState {
  /** The `iss` of every token, without a trailing slash; set once the server listens. */
  issuer: string;
  readonly clock: () => number;
  readonly registry: MockRegistry;
  readonly keys: KeyRing;
  readonly subjectSalt: string;
  /** Consent pages waiting for Allow or Deny, by request id. */
  readonly pending: SingleUseStore<PendingAuth>;
  /** Authorization codes waiting for /token. */
  readonly codes: SingleUseStore<IssuedCode>;
  readonly initialAutoConsent: MockAutoConsent;
  readonly settings: MockSettings;
  /** Aborted when the mock stops, so that held (delayed) requests end at once. */
  readonly stopping: AbortController;
  /** The Bot API, the simulated Telegram app and deep links, with their own state (chats, updates, webhooks). */
  readonly botSide: BotSide;
}

export function initialSettings(autoConsent: MockAutoConsent): MockSettings {
  return { autoConsent, popupCloseDelay: DEFAULT_POPUP_CLOSE_DELAY, tokenErrors: [], overrides: new Map() };
}

/** Validates the options (a `TypeError` names the bad one) and creates keys and stores; the issuer comes later. */
export async function createMockState(options: MockTelegramOptions): Promise<MockState> {
  const clock = options.clock ?? Date.now;
  checkPublicUrl(options.publicUrl);
  const registry = createRegistry(options);
  const autoConsent = options.autoConsent ?? false;
  const state: MockState = {
    issuer: '',
    clock,
    registry,
    keys: await createKeyRing(),
    subjectSalt: options.subjectSalt ?? 'telegram-login-kit-mock',
    pending: createSingleUseStore<PendingAuth>({ ttlMs: REQUEST_TTL_MS, keyBytes: 18, max: STORE_LIMIT, clock }),
    codes: createSingleUseStore<IssuedCode>({ ttlMs: CODE_TTL_MS, keyBytes: 32, max: STORE_LIMIT, clock }),
    initialAutoConsent: autoConsent,
    settings: initialSettings(autoConsent),
    stopping: new AbortController(),
    botSide: createBotSide({
      bots: registry.bots,
      users: registry.users,
      clock,
      log: options.onLog,
      botApi: options.botApi,
      // Read when a link or a photo URL is built, by then the server listens and the issuer is set.
      origin: () => state.issuer,
      avatarUrl: (user) => avatarUrl(state, user),
    }),
  };
  return state;
}

/** The user's `picture`: their own photo URL, else the SVG avatar the mock serves. */
export function avatarUrl(state: MockState, user: MockUser): string {
  return user.photoUrl ?? `${state.issuer}/avatars/${user.id}.svg`;
}

export function findUser(state: MockState, userId: number): MockUser {
  const user = state.registry.user(userId);
  if (!user) throw new HttpError(400, 'invalid_request', `no mock user with id ${userId}`);
  return user;
}

/** The user that auto-consent logs in as, or undefined when the consent page is shown. */
export function autoConsentUser(state: MockState): MockUser | undefined {
  const { autoConsent } = state.settings;
  if (autoConsent === false) return undefined;
  return autoConsent === true ? state.registry.users[0] : findUser(state, autoConsent.userId);
}

/** An id_token for `user` as `client` would receive it: claims per scope, signed with the client's algorithm. */
export function signIdToken(
  state: MockState,
  client: MockClient,
  user: MockUser,
  scopes: readonly string[],
  nonce: string | undefined,
  now = state.clock(),
): Promise<string> {
  const claims = buildIdTokenClaims({
    issuer: state.issuer,
    clientId: client.id,
    user,
    scopes,
    subject: subjectFor(state.subjectSalt, client.id, user.id),
    nonce,
    now,
    defaultPicture: avatarUrl(state, user),
  });
  return state.keys.sign(client.algorithm, claims);
}
