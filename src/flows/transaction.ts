/**
 * A code-flow login in progress, kept in sessionStorage (per tab, so it survives the redirect flow's
 * navigation), keyed by its `state`, single use and expiring.
 */
export interface CodeTransaction {
  flow: 'popup' | 'redirect';
  clientId: string;
  state: string;
  codeVerifier: string;
  redirectUri: string;
  exchangeUrl: string;
  /** The page the redirect flow started from. */
  returnTo?: string;
  expiresAt: number;
}

const PREFIX = 'telegram-login-kit:transaction:';
export const TRANSACTION_TTL_MS = 10 * 60_000;
// Where sessionStorage is unavailable (disabled, sandboxed): the popup flow still works in memory.
const memory = new Map<string, string>();

function storage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  try {
    const probe = `${PREFIX}probe`;
    sessionStorage.setItem(probe, '1');
    sessionStorage.removeItem(probe);
    return sessionStorage;
  } catch {
    return { getItem: (key) => memory.get(key) ?? null, setItem: (key, value) => void memory.set(key, value), removeItem: (key) => void memory.delete(key) };
  }
}

function purgeExpired(now: number) {
  try {
    for (let index = sessionStorage.length - 1; index >= 0; index--) {
      const key = sessionStorage.key(index);
      if (!key?.startsWith(PREFIX)) continue;
      const stored = JSON.parse(sessionStorage.getItem(key) ?? 'null') as CodeTransaction | null;
      if (!stored || stored.expiresAt <= now) sessionStorage.removeItem(key);
    }
  } catch {
    // Storage unavailable or an entry unreadable: nothing to purge.
  }
}

export function saveTransaction(transaction: CodeTransaction): void {
  purgeExpired(Date.now());
  storage().setItem(PREFIX + transaction.state, JSON.stringify(transaction));
}

/** Reads a transaction without using it up. */
export function peekTransaction(state: string): CodeTransaction | undefined {
  const raw = storage().getItem(PREFIX + state);
  if (!raw) return undefined;
  try {
    const transaction = JSON.parse(raw) as CodeTransaction;
    return transaction.expiresAt > Date.now() ? transaction : undefined;
  } catch {
    return undefined;
  }
}

/** Uses a transaction up: a second take of the same state finds nothing. */
export function takeTransaction(state: string): CodeTransaction | undefined {
  const transaction = peekTransaction(state);
  storage().removeItem(PREFIX + state);
  return transaction;
}
