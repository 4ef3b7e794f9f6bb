/**
 * What a code-flow callback page and the page that started the login agree on: the message the
 * callback hands back, the channel it uses when COOP cut the popup off, and how a `state` says
 * which flow it belongs to.
 */

/** What a callback page hands to the page that opened its popup. */
export interface CallbackMessage {
  type: typeof CALLBACK_MESSAGE;
  state: string;
  code?: string;
  error?: string;
  errorDescription?: string;
}

export const CALLBACK_MESSAGE = 'telegram-login-kit:callback';
/** Same-origin fallback when the popup lost its opener (Cross-Origin-Opener-Policy on a page). */
export const CALLBACK_CHANNEL = 'telegram-login-kit';

// Our states carry the flow, so a callback page knows whom to hand the answer to, and never
// mistakes another provider's `state` for ours.
const STATE_PREFIX = { popup: 'tlkp.', redirect: 'tlkr.' } as const;

export function stateFor(flow: 'popup' | 'redirect', random: string): string {
  return STATE_PREFIX[flow] + random;
}

export function flowOfState(state: string | null): 'popup' | 'redirect' | undefined {
  if (state?.startsWith(STATE_PREFIX.popup)) return 'popup';
  if (state?.startsWith(STATE_PREFIX.redirect)) return 'redirect';
  return undefined;
}
