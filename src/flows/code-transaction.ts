import { TelegramLoginError } from '../errors.js';
import { randomToken } from '../oauth/random.js';
import { stateFor } from './callback-message.js';
import type { CodeLoginRequest } from './requests.js';

/**
 * A code-flow login in progress: its `state` and PKCE verifier. The redirect flow keeps it in
 * sessionStorage (per tab, so it survives the navigation), keyed by its `state`, single use and
 * expiring; the popup flow keeps it in memory.
 */
export interface CodeTransaction {
  flow: 'popup' | 'redirect';
  clientId: string;
  state: string;
  codeVerifier: string;
  redirectUri: string;
  exchangeUrl: string;
  /** The nonce sent to Telegram, handed to exchange-url so the server can check it. */
  nonce?: string;
  /** The page the redirect flow started from. */
  returnTo?: string;
  expiresAt: number;
}

const PREFIX = 'telegram-login-kit:transaction:';
export const TRANSACTION_TTL_MS = 10 * 60_000;

/** A fresh transaction for a validated code-flow request. */
export function createCodeTransaction(request: CodeLoginRequest, returnTo?: string): CodeTransaction {
  return {
    flow: request.flow,
    clientId: request.clientId,
    state: stateFor(request.flow, randomToken(24)),
    codeVerifier: randomToken(48),
    redirectUri: request.redirectUri,
    exchangeUrl: request.exchangeUrl,
    ...(request.nonce ? { nonce: request.nonce } : {}),
    ...(returnTo === undefined ? {} : { returnTo }),
    expiresAt: Date.now() + TRANSACTION_TTL_MS,
  };
}

/** sessionStorage, or undefined where it is disabled (some privacy modes, sandboxed frames). */
function storage(): Storage | undefined {
  try {
    const probe = `${PREFIX}probe`;
    sessionStorage.setItem(probe, '1');
    sessionStorage.removeItem(probe);
    return sessionStorage;
  } catch {
    return undefined;
  }
}

function purgeExpired(store: Storage, now: number) {
  for (let index = store.length - 1; index >= 0; index--) {
    const key = store.key(index);
    if (!key?.startsWith(PREFIX)) continue;
    try {
      const stored = JSON.parse(store.getItem(key) ?? 'null') as CodeTransaction | null;
      if (!stored || stored.expiresAt <= now) store.removeItem(key);
    } catch {
      store.removeItem(key);
    }
  }
}

/** Keeps a redirect-flow transaction across the navigation; throws when this tab cannot. */
export function saveCodeTransaction(transaction: CodeTransaction): void {
  const store = storage();
  if (!store) {
    throw new TelegramLoginError('invalid_config', 'the redirect flow needs sessionStorage, which this browser refuses here; use flow="popup"');
  }
  purgeExpired(store, Date.now());
  store.setItem(PREFIX + transaction.state, JSON.stringify(transaction));
}

/** Reads a transaction without using it up. */
export function peekCodeTransaction(state: string): CodeTransaction | undefined {
  const raw = storage()?.getItem(PREFIX + state);
  if (!raw) return undefined;
  try {
    const transaction = JSON.parse(raw) as CodeTransaction;
    return transaction.expiresAt > Date.now() ? transaction : undefined;
  } catch {
    return undefined;
  }
}

/** Uses a transaction up: a second take of the same state finds nothing. */
export function takeCodeTransaction(state: string): CodeTransaction | undefined {
  const transaction = peekCodeTransaction(state);
  storage()?.removeItem(PREFIX + state);
  return transaction;
}
