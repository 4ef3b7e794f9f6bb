import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { toLoginError, type TelegramLoginError } from '../errors.js';
import { warnOnce } from '../flows/warn-once.js';
import type { TelegramAuthCallbackData, TelegramLoginResult } from '../types.js';
import { TelegramLoginCancelEvent, TelegramLoginErrorEvent, TelegramLoginSuccessEvent } from './events.js';
import { resolveGlobalCallback } from './global-callback.js';
import type { TelegramLoginTranslation } from './translation.js';

/** `idle` → `pending` (popup open) → `complete` or `error`; a cancel returns to `idle`. */
export type TelegramLoginStatus = 'idle' | 'pending' | 'complete' | 'error';

/** What the tracker needs of its element. */
export interface LoginTrackerHost extends ReactiveControllerHost, HTMLElement {
  onauth?: ((data: TelegramAuthCallbackData) => void) | null;
}

/**
 * The element's current login, as a Lit controller: its status (and the matching custom state), the
 * announcement for the live region, exactly one event and one `onauth` call per outcome, and the
 * abort when the element leaves the page.
 */
export class LoginTracker implements ReactiveController {
  status: TelegramLoginStatus = 'idle';
  announcement = '';
  #inFlight: Promise<TelegramLoginResult> | undefined;
  #abort: AbortController | undefined;

  constructor(
    private readonly host: LoginTrackerHost,
    private readonly internals: ElementInternals | undefined,
    private readonly translation: () => TelegramLoginTranslation,
  ) {
    host.addController(this);
  }

  /** The login in progress, if any. */
  get inFlight(): Promise<TelegramLoginResult> | undefined {
    return this.#inFlight;
  }

  hostConnected(): void {
    // Moved mid-login (removed and added in one task): the bot flow's dialog left the top layer; make it modal again.
    const dialog = this.#inFlight && this.host.shadowRoot?.querySelector('dialog[open]');
    if (dialog instanceof HTMLDialogElement && !dialog.matches(':modal')) {
      dialog.close();
      dialog.showModal();
    }
  }

  hostDisconnected(): void {
    // A move (remove and re-add in the same task) keeps the login; a removal ends it.
    queueMicrotask(() => {
      if (!this.host.isConnected) this.#abort?.abort();
    });
  }

  /** Follows a login to its one outcome. */
  track(pending: Promise<TelegramLoginResult>, abort?: AbortController): Promise<TelegramLoginResult> {
    this.#inFlight = pending;
    this.#abort = abort;
    this.#setStatus('pending', this.translation().pending);
    pending.then(
      (result) => this.#succeed(pending, result),
      (error: unknown) => this.fail(pending, toLoginError(error, 'provider_error')),
    );
    return pending;
  }

  /** Reports a failure: of `pending`, or (undefined) of a login that could not start. */
  fail(pending: Promise<TelegramLoginResult> | undefined, error: TelegramLoginError): void {
    const current = pending === undefined || this.#finish(pending);
    const t = this.translation();
    if (error.code === 'popup_closed' || error.code === 'aborted') {
      if (current) this.#setStatus('idle', '');
      this.host.dispatchEvent(new TelegramLoginCancelEvent({ error }));
    } else {
      if (current) this.#setStatus('error', error.code === 'popup_blocked' ? t.popupBlocked : t.failed);
      this.host.dispatchEvent(new TelegramLoginErrorEvent({ error }));
    }
    this.#callback({ error });
  }

  /** Whether `pending` is still the current login (a replaced one only reports). */
  #finish(pending: Promise<TelegramLoginResult>): boolean {
    if (this.#inFlight !== pending) return false;
    this.#inFlight = undefined;
    this.#abort = undefined;
    return true;
  }

  #succeed(pending: Promise<TelegramLoginResult>, result: TelegramLoginResult) {
    if (this.#finish(pending)) this.#setStatus('complete', '');
    this.host.dispatchEvent(new TelegramLoginSuccessEvent(result));
    this.#callback(result);
  }

  #callback(data: TelegramAuthCallbackData) {
    const path = this.host.getAttribute('onauth');
    const callback = this.host.onauth ?? (path ? resolveGlobalCallback(path) : undefined);
    if (path && !this.host.onauth && !callback) {
      warnOnce('invalid_config', `onauth="${path}" does not name a global function (write onauth="myFunction", not a call)`);
    }
    try {
      callback?.(data);
    } catch (error) {
      // A failing callback must not break the element; surface it like an uncaught error.
      globalThis.reportError?.(error);
    }
  }

  #setStatus(status: TelegramLoginStatus, announcement: string) {
    this.status = status;
    this.announcement = announcement;
    this.host.requestUpdate();
    const states = this.internals?.states;
    try {
      for (const name of ['pending', 'complete', 'error']) states?.delete(name);
      if (status !== 'idle') states?.add(status);
    } catch {
      // Browsers without custom states (or with the old `--state` syntax) still get `status`.
    }
  }
}
