import { CALLBACK_CHANNEL, type CallbackMessage } from './callback-message.js';

/**
 * On the callback page inside a code-flow popup: hands the answer to the page that opened the popup
 * (only a page of our own origin may receive the code), also over the same-origin channel for when
 * Cross-Origin-Opener-Policy cut the popup off from its opener, then closes the popup.
 */
export function handOffToOpener(message: CallbackMessage): void {
  try {
    const opener = window.opener as Window | null;
    if (opener && !opener.closed) opener.postMessage(message, location.origin);
  } catch {
    // The opener is unreachable; the channel below still is.
  }
  if (typeof BroadcastChannel === 'function') {
    const channel = new BroadcastChannel(CALLBACK_CHANNEL);
    channel.postMessage(message);
    channel.close();
  }
  window.close();
}
