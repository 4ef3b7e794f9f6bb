import { adoptStyles, html, nothing, render, supportsAdoptingStyleSheets, type TemplateResult } from 'lit';
import type { TelegramLoginDialogMessages } from '../translation.js';
import { dialogStyles } from './styles.js';

/**
 * The one dialog a login shows while it waits for the user in Telegram: a native modal `<dialog>`
 * (focus moves in and comes back, Escape closes it, the page behind is inert) with a title, the
 * flow's own content, a waiting status, the time left and Cancel. The bot flow fills it with its QR
 * code and match code; other flows that wait on Telegram can fill it with theirs.
 */

export type WaitingDialogStrings = Pick<TelegramLoginDialogMessages, 'dialogCancel' | 'dialogWaiting' | 'dialogTimeLeft' | 'dialogOneMinute'>;

export interface WaitingDialogOptions {
  /** Where the dialog lives: the element's shadow root, or one of its own. */
  root: ShadowRoot;
  /** Gets the focus back when the dialog closes (the button that started the login). */
  opener?: HTMLElement | null | undefined;
  title: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  theme: 'light' | 'dark' | 'auto';
  strings: WaitingDialogStrings;
  /** The flow's content, between the title and the waiting status. */
  content: TemplateResult;
  /** Ids of elements in `content` that screen readers read with the title when the dialog opens. */
  describedBy?: string;
  /** When the wait ends (ms since the epoch, this browser's clock): the dialog shows the time left. */
  expiresAt?: number;
  /** The user pressed Cancel or Escape. The flow ends the login, which closes the dialog. */
  onCancel(): void;
}

export interface WaitingDialog {
  /** Closes and removes the dialog; the focus goes back to the opener when it was in the dialog. */
  close(): void;
}

/** Announced once, this long before the end. */
const LAST_MINUTE_MS = 60_000;
const TITLE_ID = 'waiting-dialog-title';

/** `m:ss`, rounded up so that 0:00 is the end. */
function minutesAndSeconds(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Adds the dialog's stylesheet to `root` once, after the styles it already has. */
function adoptDialogStyles(root: ShadowRoot): void {
  const sheet = dialogStyles.styleSheet;
  if (supportsAdoptingStyleSheets && sheet) {
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else if (!root.querySelector('style[data-waiting-dialog]')) {
    // Old browsers: Lit's own fallback, a <style> element (with window.litNonce under a CSP).
    adoptStyles(root, [dialogStyles]);
    root.lastElementChild?.setAttribute('data-waiting-dialog', '');
  }
}

/** Opens the waiting dialog as a modal in `options.root`. */
export function openWaitingDialog(options: WaitingDialogOptions): WaitingDialog {
  const { root, strings, expiresAt } = options;
  adoptDialogStyles(root);
  const dialog = document.createElement('dialog');
  dialog.className = `waiting-dialog ${options.theme}`;
  dialog.lang = options.lang;
  dialog.dir = options.dir;
  dialog.setAttribute('aria-labelledby', TITLE_ID);
  if (options.describedBy) dialog.setAttribute('aria-describedby', options.describedBy);
  let announcement = '';
  let closing = false;

  const draw = () => {
    const left = expiresAt === undefined ? undefined : expiresAt - Date.now();
    render(
      html`<h2 id=${TITLE_ID} class="wd-title">${options.title}</h2>
        ${options.content}
        <p class="wd-status"><span class="wd-spinner" aria-hidden="true"></span>${strings.dialogWaiting}</p>
        ${left === undefined ? nothing : html`<p class="wd-time" role="timer">${strings.dialogTimeLeft.replace('{time}', minutesAndSeconds(left))}</p>`}
        <p class="wd-sr" role="status">${announcement}</p>
        <button type="button" class="wd-cancel" @click=${() => options.onCancel()}>${strings.dialogCancel}</button>`,
      dialog,
    );
  };

  // The timer is role="timer" (not live): screen readers read it when asked, and hear one
  // announcement when a minute is left, instead of one every second.
  let announced = expiresAt === undefined || expiresAt - Date.now() <= LAST_MINUTE_MS;
  const tick = () => {
    if (!announced && expiresAt! - Date.now() <= LAST_MINUTE_MS) {
      announced = true;
      announcement = strings.dialogOneMinute;
    }
    draw();
  };
  const ticker = expiresAt === undefined ? undefined : setInterval(tick, 1000);

  // Escape (or anything else that closes the dialog without us) is the user's cancel; not a close
  // that the element undid at once (it re-opens the dialog as a modal after a move).
  dialog.addEventListener('close', () => {
    if (!closing && !dialog.open) options.onCancel();
  });

  draw();
  // Not inside the button's layout: a closed <dialog> is display: none, an open one is in the top layer.
  root.prepend(dialog);
  dialog.showModal();

  return {
    close() {
      if (closing) return;
      closing = true;
      clearInterval(ticker);
      const focusInside = dialog.matches(':focus-within');
      dialog.close();
      dialog.remove();
      const active = document.activeElement;
      if (focusInside || !active || active === document.body) options.opener?.focus();
    },
  };
}
