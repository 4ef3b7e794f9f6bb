import { html, isServer, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { TelegramLoginError, toLoginError } from '../errors.js';
import { loadTelegramLibrary } from '../flows/library.js';
import { startLogin } from '../flows/login.js';
import { normalizeLoginOptions } from '../flows/options.js';
import { focusActiveLogin } from '../flows/popup-window.js';
import { callbackFlow, handleRedirectCallback, redirectCallbackClientId } from '../flows/redirect.js';
import {
  DEFAULT_ISSUER,
  DEFAULT_LIBRARY_SRC,
  type LoginFlow,
  type RequestAccess,
  type TelegramAuthCallbackData,
  type TelegramLoginOptions,
  type TelegramLoginResult,
} from '../types.js';
import {
  TelegramLoginCancelEvent,
  TelegramLoginErrorEvent,
  TelegramLoginStartEvent,
  TelegramLoginSuccessEvent,
  type TelegramLoginEventMap,
} from './events.js';
import { telegramIcon } from './icons.js';
import { resolveTranslation, type TelegramLoginButtonText, type TelegramLoginTranslation } from './locales.js';
import { providerAttributeProblem, trustProviderOrigins } from './provider-origins.js';
import { styles } from './styles.js';

export type TelegramLoginButtonSize = 'large' | 'medium' | 'small';
export type TelegramLoginButtonShape = 'pill' | 'rounded' | 'square';
export type TelegramLoginButtonAppearance = 'filled' | 'outlined';
export type TelegramLoginButtonTheme = 'light' | 'dark' | 'auto';
/** `idle` → `pending` (popup open) → `complete` or `error`; a cancel returns to `idle`. */
export type TelegramLoginStatus = 'idle' | 'pending' | 'complete' | 'error';

/** The error codes and their remedies, as the package ships them (docs/ is in package.json `files`). */
const DOCS = 'https://cdn.jsdelivr.net/npm/telegram-login-kit/docs/errors.md';
const warned = new Set<string>();

/** Integrator mistakes are reported once per message, with a code to look up. */
function warnOnce(code: string, message: string) {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(`<telegram-login-button>: ${message} [${code}] ${DOCS}`);
}

function oneOf<T extends string>(value: string, allowed: readonly T[], fallback: T, attribute: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  warnOnce('invalid_config', `"${attribute}" must be one of ${allowed.join(', ')}; got "${value}", using "${fallback}"`);
  return fallback;
}

const IDENTIFIER_PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/** Finds `window.a.b.c` for the `onauth` attribute by walking properties; nothing is evaluated. */
function resolveGlobalFunction(path: string): ((data: TelegramAuthCallbackData) => void) | undefined {
  if (!IDENTIFIER_PATH.test(path)) return undefined;
  let owner: unknown;
  let target: unknown = globalThis;
  for (const key of path.split('.')) {
    if (FORBIDDEN_KEYS.has(key) || target === null || (typeof target !== 'object' && typeof target !== 'function')) return undefined;
    owner = target;
    target = (target as Record<string, unknown>)[key];
  }
  if (typeof target !== 'function') return undefined;
  // Only the page's own functions: an injected onauth="location.assign" must not reach a built-in.
  if (/\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(target))) return undefined;
  return (target as (data: TelegramAuthCallbackData) => void).bind(owner);
}

/**
 * The language for Telegram's consent page: Telegram's name for a built-in translation (`pt-br`,
 * `zh-hans`), else the tag as given, so Telegram can still match languages we have no label for.
 */
function telegramLanguage(lang: string): string {
  const translation = resolveTranslation(lang);
  return translation.$code === 'en' && !/^en(?:[-_]|$)/i.test(lang) ? lang.toLowerCase() : translation.$telegram;
}

// Elements re-render when the document's language changes; one observer serves them all.
const connected = new Set<TelegramLoginButtonElement>();
let documentObserver: MutationObserver | undefined;

/**
 * A "Log in with Telegram" button. It wraps Telegram's own library (`Telegram.Login.auth`), opens
 * the popup inside the click so browsers never block it, and reports exactly one outcome per login.
 *
 * @tagname telegram-login-button
 * @fires telegram-login-start - Cancelable; a login is about to open its popup.
 * @fires telegram-login-success - `detail.idToken` and the unverified `detail.user` claims.
 * @fires telegram-login-error - `detail.error` is a `TelegramLoginError` with a `code`.
 * @fires telegram-login-cancel - The user closed the popup, or the login was aborted.
 * @slot - The label; replaces the localized text.
 * @csspart button - The native button.
 * @csspart icon - The Telegram icon.
 * @csspart label - The label.
 * @csspart spinner - Shown instead of the icon while a login is pending.
 * @cssproperty --telegram-login-button-background - Background color.
 * @cssproperty --telegram-login-button-background-hover - Background color on hover.
 * @cssproperty --telegram-login-button-color - Text and icon color.
 * @cssproperty --telegram-login-button-border-color - Border color.
 * @cssproperty --telegram-login-button-radius - Corner radius.
 * @cssproperty --telegram-login-button-font - The `font` shorthand of the label.
 * @cssproperty --telegram-login-button-height - Height (and width when icon-only).
 * @cssproperty --telegram-login-button-focus-ring - Color of the keyboard focus ring.
 * @cssstate pending - A login is open.
 * @cssstate complete - The last login succeeded.
 * @cssstate error - The last login failed.
 */
export class TelegramLoginButtonElement extends LitElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = styles;

  /**
   * Registers the element (default tag `telegram-login-button`). Calling it again is harmless;
   * another tag or a scoped registry works too.
   */
  static define(tag = 'telegram-login-button', registry: CustomElementRegistry | undefined = globalThis.customElements): void {
    if (!registry || registry.get(tag)) return;
    try {
      registry.define(tag, this);
    } catch {
      // A class can be registered once per registry: a second tag gets its own subclass.
      registry.define(tag, class extends this {});
    }
  }

  /** The bot's client id (numeric, from BotFather). Required. */
  @property({ attribute: 'client-id' }) clientId = '';
  /** Space-separated extra permissions: `write` (the bot may message the user), `phone`. */
  @property({ attribute: 'request-access' }) requestAccess = '';
  /**
   * How the login runs: `library` (Telegram's own script, default), or the Authorization Code flow
   * with PKCE in a `popup` or as a full-page `redirect` (these need `exchange-url`).
   */
  @property() flow: LoginFlow = 'library';
  /** Code flows: the callback page, on this origin and in the bot's Allowed URLs. Default: this page. */
  @property({ attribute: 'redirect-uri' }) redirectUri = '';
  /** Code flows: your server endpoint that redeems the code (POST JSON, see docs/code-flows.md). */
  @property({ attribute: 'exchange-url' }) exchangeUrl = '';
  /** Seconds to wait for telegram-login.js before `library_load_failed`. */
  @property({ type: Number, attribute: 'library-timeout' }) libraryTimeout = 10;
  /** Seconds before an unanswered login ends with `timeout` and its popup closes. */
  @property({ type: Number }) timeout = 300;
  /** `large` (44 px, default), `medium` (36 px) or `small` (28 px). */
  @property() size: TelegramLoginButtonSize = 'large';
  /** `pill` (default), `rounded` or `square`. */
  @property() shape: TelegramLoginButtonShape = 'pill';
  /** `filled` (default) or `outlined`. */
  @property() appearance: TelegramLoginButtonAppearance = 'filled';
  /** `light` (default), `dark`, or `auto` to follow `prefers-color-scheme`. */
  @property() theme: TelegramLoginButtonTheme = 'light';
  /** The label: `login` ("Log in with Telegram", default), `signin`, `signup` or `continue`. */
  @property() text: TelegramLoginButtonText = 'login';
  /** Shows only the icon; the label stays as the accessible name. */
  @property({ type: Boolean, attribute: 'icon-only' }) iconOnly = false;
  /** A moving highlight (off for users who prefer reduced motion). */
  @property({ type: Boolean }) shine = false;
  /** Fills the width of the container. */
  @property({ type: Boolean, attribute: 'full-width', reflect: true }) fullWidth = false;
  /**
   * Called with the result, or `{ error }`, when a login ends. The `onauth` attribute instead names
   * a global function by its dotted path (`onauth="app.onTelegramAuth"`); it is never evaluated.
   */
  @property({ attribute: false }) onauth?: (data: TelegramAuthCallbackData) => void;

  // `issuer` and `library-src` decide whom the element talks to and which script it loads: an
  // attribute (markup, perhaps injected) must name Telegram; the property (your script) may name any.
  #issuerAttribute: string | null = null;
  #issuerProperty: string | undefined;
  #librarySrcAttribute: string | null = null;
  #librarySrcProperty: string | undefined;

  /**
   * Code flows: the provider. As an attribute only Telegram's origin (or loopback on a loopback page)
   * is accepted; set the property from script for anything else.
   */
  get issuer(): string {
    return this.#issuerProperty ?? this.#issuerAttribute ?? DEFAULT_ISSUER;
  }
  set issuer(value: string | null | undefined) {
    this.#issuerProperty = value === null || value === undefined || value === '' ? undefined : String(value);
    this.requestUpdate();
  }

  /**
   * URL of Telegram's telegram-login.js. As an attribute only Telegram's origins (or loopback on a
   * loopback page) are accepted; set the property from script for anything else.
   */
  get librarySrc(): string {
    return this.#librarySrcProperty ?? this.#librarySrcAttribute ?? DEFAULT_LIBRARY_SRC;
  }
  set librarySrc(value: string | null | undefined) {
    this.#librarySrcProperty = value === null || value === undefined || value === '' ? undefined : String(value);
    this.requestUpdate();
  }

  /**
   * Lets the `issuer` and `library-src` attributes name these origins too (a staging provider, a
   * mirror of Telegram's library). Call it from your script before the buttons connect.
   */
  static trustProviderOrigins(origins: readonly string[]): void {
    trustProviderOrigins(origins);
  }

  @state() private _status: TelegramLoginStatus = 'idle';
  @state() private _announcement = '';

  #internals: ElementInternals | undefined = isServer ? undefined : this.attachInternals();
  #inFlight: Promise<TelegramLoginResult> | undefined;
  #abort: AbortController | undefined;
  #configError: TelegramLoginError | undefined;
  #preloaded: string | undefined;

  /** Where the current or last login stands. */
  get status(): TelegramLoginStatus {
    return this._status;
  }

  // `lang` and `nonce` are HTMLElement's own properties (the nonce survives CSP nonce-hiding only
  // there), so they are read natively and only observed here.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang', 'nonce', 'issuer', 'library-src'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'issuer') this.#issuerAttribute = value || null;
    if (name === 'library-src') this.#librarySrcAttribute = value || null;
    if (name === 'lang' || name === 'nonce' || name === 'issuer' || name === 'library-src') this.requestUpdate();
  }

  /** The options for a login: an attribute that names a provider it may not is `invalid_config`. */
  #checkedRequest(signal?: AbortSignal) {
    const problem =
      (this.#issuerProperty === undefined && this.#issuerAttribute !== null && providerAttributeProblem('issuer', this.#issuerAttribute)) ||
      (this.#librarySrcProperty === undefined && this.#librarySrcAttribute !== null && providerAttributeProblem('library-src', this.#librarySrcAttribute));
    if (problem) throw new TelegramLoginError('invalid_config', problem);
    return normalizeLoginOptions(this.#options(signal));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    connected.add(this);
    if (!documentObserver) {
      documentObserver = new MutationObserver(() => connected.forEach((element) => element.requestUpdate()));
      documentObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
    // A move (remove and re-add in the same task) keeps the login; a removal ends it.
    queueMicrotask(() => {
      if (!this.isConnected) this.#abort?.abort();
    });
  }

  /**
   * Starts a login, as a click does. Call it from a user gesture: browsers block popups opened
   * otherwise (the element then reports `popup_blocked`). While a login is open this focuses its
   * popup and returns the same promise.
   */
  login(): Promise<TelegramLoginResult> {
    // Telegram's library runs one login per page: an open popup gets the focus instead of a new login
    // (a popup that looks closed is abandoned, and a new login starts).
    if (focusActiveLogin()) {
      return this.#inFlight ?? Promise.reject(new TelegramLoginError('login_in_progress', 'another Telegram login is already open on this page'));
    }
    const abort = new AbortController();
    let request;
    try {
      request = this.#checkedRequest(abort.signal);
    } catch (error) {
      const failure = toLoginError(error, 'invalid_config');
      this.#fail(undefined, failure);
      return Promise.reject(failure);
    }
    if (!this.dispatchEvent(new TelegramLoginStartEvent({ clientId: request.clientId, flow: request.flow }))) {
      return Promise.reject(new TelegramLoginError('aborted', 'a telegram-login-start listener cancelled the login'));
    }
    // Synchronous up to window.open: still inside the click's task.
    return this.#track(startLogin(request), abort);
  }

  #track(pending: Promise<TelegramLoginResult>, abort?: AbortController): Promise<TelegramLoginResult> {
    this.#inFlight = pending;
    this.#abort = abort;
    this.#setStatus('pending', this.#translation().pending);
    pending.then(
      (result) => this.#succeed(pending, result),
      (error: unknown) => this.#fail(pending, toLoginError(error, 'provider_error')),
    );
    return pending;
  }

  /** Whether `pending` is still this element's current login (a replaced one only reports). */
  #finish(pending: Promise<TelegramLoginResult>): boolean {
    if (this.#inFlight !== pending) return false;
    this.#inFlight = undefined;
    this.#abort = undefined;
    return true;
  }

  /** On the callback page of a code flow: hand a popup's answer back, or finish a redirect login. */
  #completeCallback() {
    const flow = callbackFlow();
    if (flow === 'popup') {
      void handleRedirectCallback();
      return;
    }
    if (flow !== 'redirect' || this.flow !== 'redirect') return;
    // Another button's login; an unknown owner means a forged or spent state, which every
    // redirect button reports.
    const owner = redirectCallbackClientId();
    if (owner !== undefined && owner !== this.clientId.trim()) return;
    this.#track(
      handleRedirectCallback(location.href, { timeout: this.timeout * 1000 }).then((result) => {
        if (!result) throw new TelegramLoginError('state_mismatch', 'the callback is not for this login');
        return result;
      }),
    );
  }

  protected override firstUpdated(): void {
    this.#completeCallback();
  }

  #options(signal?: AbortSignal): TelegramLoginOptions {
    const lang = this.#language();
    return {
      clientId: this.clientId,
      requestAccess: this.requestAccess.split(/\s+/).filter(Boolean) as RequestAccess[],
      ...(lang ? { lang: telegramLanguage(lang) } : {}),
      nonce: this.nonce,
      flow: this.flow,
      issuer: this.issuer,
      redirectUri: this.redirectUri,
      exchangeUrl: this.exchangeUrl,
      librarySrc: this.librarySrc,
      libraryTimeout: this.libraryTimeout * 1000,
      timeout: this.timeout * 1000,
      signal,
    };
  }

  #succeed(pending: Promise<TelegramLoginResult>, result: TelegramLoginResult) {
    if (this.#finish(pending)) this.#setStatus('complete', '');
    this.dispatchEvent(new TelegramLoginSuccessEvent(result));
    this.#callback(result);
  }

  #fail(pending: Promise<TelegramLoginResult> | undefined, error: TelegramLoginError) {
    const current = pending === undefined || this.#finish(pending);
    const t = this.#translation();
    if (error.code === 'popup_closed' || error.code === 'aborted') {
      if (current) this.#setStatus('idle', '');
      this.dispatchEvent(new TelegramLoginCancelEvent({ error }));
    } else {
      if (current) this.#setStatus('error', error.code === 'popup_blocked' ? t.popupBlocked : t.failed);
      this.dispatchEvent(new TelegramLoginErrorEvent({ error }));
    }
    this.#callback({ error });
  }

  #callback(data: TelegramAuthCallbackData) {
    const path = this.getAttribute('onauth');
    const callback = this.onauth ?? (path ? resolveGlobalFunction(path) : undefined);
    if (path && !this.onauth && !callback) {
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
    this._status = status;
    this._announcement = announcement;
    const states = this.#internals?.states;
    try {
      for (const name of ['pending', 'complete', 'error']) states?.delete(name);
      if (status !== 'idle') states?.add(status);
    } catch {
      // Browsers without custom states (or with the old `--state` syntax) still get `status`.
    }
  }

  /** The element's own `lang`, else the nearest ancestor's (across shadow roots), else the document's. */
  #language(): string {
    for (let node: Node | null = this; node; node = node instanceof ShadowRoot ? node.host : node.parentNode) {
      if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') ?? '';
    }
    return '';
  }

  #translation(): TelegramLoginTranslation {
    return resolveTranslation(this.#language());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (isServer) return;
    try {
      const request = this.#checkedRequest();
      this.#configError = undefined;
      // Fetch Telegram's library as soon as the element is on the page (once per URL for the page).
      if (request.flow === 'library' && this.isConnected && this.#preloaded !== request.librarySrc) {
        this.#preloaded = request.librarySrc;
        // A failure is reported, and retried, at the next click; re-renders do not retry it.
        loadTelegramLibrary(request.librarySrc, request.libraryTimeout).catch(() => undefined);
      }
    } catch (error) {
      this.#configError = error as TelegramLoginError;
      warnOnce('invalid_config', this.#configError.message);
    }
    if (changed.has('onauth') && this.onauth !== undefined && typeof this.onauth !== 'function') {
      warnOnce('invalid_config', 'the onauth property must be a function');
    }
  }

  override render(): TemplateResult {
    const t = this.#translation();
    const pending = this._status === 'pending';
    const text = oneOf(this.text, ['login', 'signin', 'signup', 'continue'], 'login', 'text');
    const classes = {
      button: true,
      [oneOf(this.size, ['large', 'medium', 'small'], 'large', 'size')]: true,
      [oneOf(this.shape, ['pill', 'rounded', 'square'], 'pill', 'shape')]: true,
      [oneOf(this.appearance, ['filled', 'outlined'], 'filled', 'appearance')]: true,
      [oneOf(this.theme, ['light', 'dark', 'auto'], 'light', 'theme')]: true,
      'icon-only': this.iconOnly,
      shine: this.shine && !pending,
      'full-width': this.fullWidth,
      invalid: this.#configError !== undefined,
      pending,
    };
    return html`<button
        part="button"
        class=${classMap(classes)}
        type="button"
        dir=${t.$dir}
        lang=${t.$code}
        aria-disabled=${this.#configError ? 'true' : 'false'}
        aria-busy=${pending ? 'true' : 'false'}
        @click=${this.#onClick}
      >
        <span part="icon" class="icon" ?hidden=${pending}>${telegramIcon}</span>
        <span part="spinner" class="spinner" ?hidden=${!pending}></span>
        <span part="label" class="label">${pending ? t.pending : html`<slot>${t[text]}</slot>`}</span>
      </button>
      <span class="visually-hidden" role="status">${this._announcement}</span>`;
  }

  #onClick = () => {
    // The outcome is reported through events and onauth.
    this.login().catch(() => undefined);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'telegram-login-button': TelegramLoginButtonElement;
  }
  // Typed listeners on the element, its ancestors, the document and the window (the events bubble).
  interface GlobalEventHandlersEventMap extends TelegramLoginEventMap {}
}
