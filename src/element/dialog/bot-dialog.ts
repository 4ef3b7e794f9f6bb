import { html, nothing, type TemplateResult } from 'lit';
import { loginErrors } from '../../errors.js';
import { runBotLogin, type BotLoginPrompt, type BotLoginView } from '../../flows/bot-login.js';
import type { BotLoginRequest } from '../../flows/requests.js';
import type { TelegramBotLoginResult } from '../../types.js';
import { qrCode } from './qr-code.js';
import { dialogTranslation, type DialogTranslation } from './strings.js';
import { openWaitingDialog, type WaitingDialog } from './waiting-dialog.js';

/** Where a bot login shows its dialog, and how. */
export interface DialogPlace {
  /** The element's shadow root; without one (`login()` from script) the dialog gets a host of its own on the page. */
  root?: ShadowRoot;
  /** Gets the focus back when the dialog closes. */
  opener?: HTMLElement | null;
  theme: 'light' | 'dark' | 'auto';
  /** The dialog's title (the button's label); default: "Log in with Telegram" in the dialog's language. */
  title?: string;
  /** The language, a BCP 47 tag ('' for English). */
  lang: string;
}

/**
 * The bot flow's content of the waiting dialog. On a computer: the QR code (of the https link) to
 * scan with a phone. Everywhere: the match code with what to do with it, "Open Telegram" (the `tg:`
 * link, which the Telegram app handles, also where t.me is blocked) and, for when no app answers
 * it, the https link in a new tab, so this page keeps waiting.
 */
function botContent(prompt: BotLoginPrompt, t: DialogTranslation): TemplateResult {
  const { tg, https } = prompt.links;
  // A tg: link leaves the page where it is; an http(s) one (the mock's simulated app) must not replace it.
  const appTarget = /^tg:/i.test(tg) ? nothing : '_blank';
  return html`${prompt.phone ? nothing : html`<p class="wd-lead">${t.botScan}</p>${qrCode(prompt.qr, t.botQrLabel)}`}
    <p class="wd-step" id="wd-step">${t.botPressCode}</p>
    <p class="wd-code" id="wd-code">${prompt.matchCode}</p>
    <a class="wd-open" href=${tg} target=${appTarget} rel="noopener noreferrer" autofocus>${t.botOpen}</a>
    ${https === tg ? nothing : html`<a class="wd-web" href=${https} target="_blank" rel="noopener noreferrer">${t.botOpenWeb}</a>`}`;
}

/** A host for the dialog of a `login()` called from script: a shadow root of its own on <body>. */
function pageHost(): HTMLElement {
  const host = document.createElement('div');
  host.attachShadow({ mode: 'open' });
  document.body.append(host);
  return host;
}

let open = false;

/** Runs a bot login with the waiting dialog in `place`. One at a time per page. */
export function loginWithBotDialog(request: BotLoginRequest, place: DialogPlace): Promise<TelegramBotLoginResult> {
  if (open) return Promise.reject(loginErrors.loginInProgress());
  open = true;
  // In parallel with /bot/start: the language's strings (a small chunk).
  const strings = dialogTranslation(place.lang);
  let dialog: WaitingDialog | undefined;
  let host: HTMLElement | undefined;
  let closed = false;
  const view: BotLoginView = {
    async show(prompt, cancel) {
      const t = await strings;
      if (closed) return;
      if (!place.root) host = pageHost();
      dialog = openWaitingDialog({
        root: place.root ?? host!.shadowRoot!,
        opener: place.opener,
        title: place.title || t.login,
        lang: t.$code,
        dir: t.$dir,
        theme: place.theme,
        strings: t,
        content: botContent(prompt, t),
        describedBy: 'wd-step wd-code',
        expiresAt: prompt.expiresAt,
        onCancel: cancel,
      });
    },
    close() {
      closed = true;
      open = false;
      dialog?.close();
      host?.remove();
    },
  };
  return runBotLogin(request, view);
}
