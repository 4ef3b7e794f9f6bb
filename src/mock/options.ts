import { parseAllowedUrl, type AllowedUrl } from './allowed-urls.js';
import { registerBots } from './bot/bots.js';
import type { MockBot, MockBotApiOptions, MockBotControlCommand, MockBotOptions } from './bot/types.js';
import { SIGNING_ALGORITHMS, type MockSigningAlgorithm, type MockUser } from './id-token.js';

/** A bot registered with the mock, as BotFather would show it. */
export interface MockClientOptions {
  /** Numeric client id (Telegram uses the bot id). */
  id: string | number;
  secret: string;
  /** Shown on the consent page. Default `Mock Login Bot`. */
  name?: string;
  /** See docs/mock.md: origins for the library flow, exact redirect URIs for the code flow, `*` wildcards. */
  allowedUrls?: string[];
  /** Default `RS256`. `EdDSA` clients may only request the `openid` scope, as on Telegram. */
  algorithm?: MockSigningAlgorithm;
}

export interface MockClient {
  readonly id: string;
  readonly secret: string;
  readonly name: string;
  readonly allowedUrls: readonly string[];
  readonly algorithm: MockSigningAlgorithm;
}

/** `true` completes every login as the first user; `{ userId }` as that user; `false` shows the consent page. */
export type MockAutoConsent = boolean | { userId: number };

export interface MockTelegramOptions {
  /** Port to listen on; `0` (the default) picks a free one. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** The public origin when the mock sits behind a proxy; becomes the issuer. */
  publicUrl?: string;
  /** Bots to register in addition to the default one. */
  clients?: MockClientOptions[];
  /** Replaces the default test users. */
  users?: MockUser[];
  /** Complete every /auth at once, as the first user or the given one, without a consent page. */
  autoConsent?: MockAutoConsent;
  /** Enables `POST /__mock/control`. Meant for tests and the demo; keep it off anywhere else. */
  control?: boolean;
  /** Keys the opaque `sub`; the same salt gives the same `sub` across restarts. */
  subjectSalt?: string;
  /** Receives one line per request. */
  onLog?: (line: string) => void;
  /** Clock in milliseconds, for tests of expiry. Default `Date.now`. */
  clock?: () => number;
  /** Bots to register besides the default one (`mock.bots[0]`), for the Bot API and the simulated app. */
  bots?: MockBotOptions[];
  /** Webhook timeout and retry timings of the Bot API. */
  botApi?: MockBotApiOptions;
}

/** What `POST /__mock/control` (or `mock.control()`) accepts; every field is optional. The bot side's fields are in {@link MockBotControlCommand}. */
export interface MockControlCommand extends MockBotControlCommand {
  /** Undo every earlier command (auto-consent returns to its start-up value). */
  reset?: boolean;
  /** The next token request answers with this OAuth error (status default 400). */
  tokenError?: { error: string; error_description?: string; status?: number };
  /** Hold requests to `path` for `ms` milliseconds (`times` requests, default all). */
  delay?: { path: string; ms: number; times?: number };
  /** Answer requests to `path` with `status` (`times` requests, default all). */
  fail?: { path: string; status: number; times?: number };
  /** New signing keys with new kids; the previous ones stay in the JWKS unless `dropPrevious`. */
  rotateKeys?: boolean | { dropPrevious?: boolean };
  /** Switch auto-consent on (optionally as a given user) or off. */
  autoConsent?: MockAutoConsent;
  /** Milliseconds the post_message popup waits after posting before it closes (default 150; 0 races the opener). */
  popupCloseDelay?: number;
}

export const DEFAULT_CLIENT: MockClient = {
  id: '7700000001',
  secret: 'mock-secret-7700000001-do-not-use-in-production',
  name: 'Mock Login Bot',
  allowedUrls: ['http://localhost:*/*', 'http://127.0.0.1:*/*'],
  algorithm: 'RS256',
};

/** Every Telegram account has a phone number, so every default user has one (fictional 555-01xx numbers). */
export const DEFAULT_USERS: readonly MockUser[] = [
  { id: 100001, firstName: 'Alice', lastName: 'Anderson', username: 'alice', phoneNumber: '15550100001' },
  { id: 100002, firstName: 'Дмитрий 🚀', lastName: 'Иванов', username: 'dmitry_ivanov', phoneNumber: '15550100002' },
  { id: 100003, firstName: 'Bob', phoneNumber: '15550100003' },
  { id: 100004, firstName: 'Carol', lastName: 'Chen', username: 'carol', phoneNumber: '15550100004' },
];

export function normalizeClient(options: MockClientOptions): MockClient {
  const id = String(options.id);
  if (!/^\d{1,20}$/.test(id)) throw new TypeError(`mock client id ${JSON.stringify(id)} must be numeric`);
  if (typeof options.secret !== 'string' || options.secret.length === 0) {
    throw new TypeError(`mock client ${id} needs a non-empty secret`);
  }
  const algorithm = options.algorithm ?? 'RS256';
  if (!SIGNING_ALGORITHMS.includes(algorithm)) {
    throw new TypeError(`mock client ${id}: algorithm must be one of ${SIGNING_ALGORITHMS.join(', ')}`);
  }
  const allowedUrls = options.allowedUrls ?? DEFAULT_CLIENT.allowedUrls;
  allowedUrls.forEach(parseAllowedUrl);
  return { id, secret: options.secret, name: options.name ?? DEFAULT_CLIENT.name, allowedUrls, algorithm };
}

export function validateUsers(users: readonly MockUser[]): MockUser[] {
  if (users.length === 0) throw new TypeError('the mock needs at least one user');
  for (const user of users) {
    if (!Number.isSafeInteger(user.id) || user.id <= 0) throw new TypeError(`mock user id ${user.id} must be a positive integer`);
    if (!user.firstName) throw new TypeError(`mock user ${user.id} needs a firstName`);
    if (user.phoneNumber !== undefined && !/^\d{5,20}$/.test(user.phoneNumber)) {
      throw new TypeError(`mock user ${user.id}: phoneNumber is digits without "+"`);
    }
  }
  return [...users];
}

/** `publicUrl` becomes the issuer: an absolute http(s) URL. */
export function checkPublicUrl(publicUrl: unknown): void {
  if (publicUrl === undefined) return;
  let url: URL | undefined;
  try {
    url = new URL(String(publicUrl));
  } catch {
    url = undefined;
  }
  if (typeof publicUrl !== 'string' || !url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new TypeError(`mock publicUrl must be an http(s) URL without query or fragment, such as https://mock.example, got ${JSON.stringify(publicUrl)}`);
  }
}

/** The bots and users of one mock, looked up by id. */
export interface MockRegistry {
  /** The default client first, then the configured ones. */
  readonly clients: readonly MockClient[];
  /** The Bot API's bots: the default one first, then the configured ones. */
  readonly bots: readonly MockBot[];
  readonly users: readonly MockUser[];
  client(id: string): MockClient | undefined;
  /** The parsed Allowed URLs of a registered client. */
  allowedUrls(client: MockClient): readonly AllowedUrl[];
  user(id: number): MockUser | undefined;
}

/** Validates the configured clients, bots and users; throws a `TypeError` naming the bad entry. */
export function createRegistry(options: Pick<MockTelegramOptions, 'clients' | 'users' | 'bots'>): MockRegistry {
  const clients = [DEFAULT_CLIENT, ...(options.clients ?? []).map(normalizeClient)];
  const clientById = new Map<string, MockClient>();
  for (const client of clients) {
    if (clientById.has(client.id)) throw new TypeError(`mock client id ${client.id} is registered twice`);
    clientById.set(client.id, client);
  }
  const allowedByClient = new Map<string, AllowedUrl[]>(clients.map((client) => [client.id, client.allowedUrls.map(parseAllowedUrl)]));
  const users = validateUsers(options.users ?? DEFAULT_USERS);
  return {
    clients,
    bots: registerBots(options.bots),
    users,
    client: (id) => clientById.get(id),
    allowedUrls: (client) => allowedByClient.get(client.id) ?? [],
    user: (id) => users.find((candidate) => candidate.id === id),
  };
}
