import { TelegramLoginError } from '../errors.js';

/**
 * Loads a part of the kit that the first paint does not need (a code flow, the callback page's code).
 * A failure is `chunk_load_failed`, never a hang; the loader is asked again on the next call, so a
 * login retries once the network is back.
 */
export function loadChunk<T>(name: string, load: () => Promise<T>): Promise<T> {
  return load().catch((cause: unknown) => {
    throw new TelegramLoginError('chunk_load_failed', `could not load the ${name} part of telegram-login-kit (next to the script the page loaded): check the network or the files you host; the next attempt loads it again`, { cause });
  });
}
