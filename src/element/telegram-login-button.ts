import { html, isServer, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { loginErrors, TelegramLoginError, toLoginError } from '../errors.js';
import { resumeLoginOnCallback } from '../flows/callback-entry.js';
import { pageSeversPopups } from '../flows/coop.js';
import { loadTelegramLibrary } from '../flows/library-script.js';
import { runLogin } from '../flows/login.js';
import { normalizeLoginOptions } from '../flows/options.js';
import { focusActiveLogin } from '../flows/popup-window.js';
import type { LoginRequest } from '../flows/requests.js';
import { warnOnce } from '../flows/warn-once.js';
import { DEFAULT_BOT_URL, DEFAULT_ISSUER, DEFAULT_LIBRARY_SRC, type LoginFlow, type TelegramAuthCallbackData, type TelegramLoginResult } from '../types.js';
import { loadBotLogin, loginWithBot } from './bot-login.js';
import { TelegramLoginStartEvent, type TelegramLoginEventMap } from './events.js';
import { telegramIcon } from './icons.js';
import { type TelegramLoginButtonText, type TelegramLoginTranslation } from './translation.js';
import { connectLocalized, disconnectLocalized, languageOf, loadedMessages, loadTranslation, resolveTranslation } from './localize.js';
import { loginOptionsOf, orDefault } from './login-options.js';
import { LoginTracker, type TelegramLoginStatus } from './login-tracker.js';
import { lookOf, type ButtonLook } from './look.js';
import { ProviderSources, trustProviderOrigins, type ProviderAttribute } from './provider-origins.js';
import { styles } from './styles.js';
import { upgradeProperties } from './upgrade-properties.js';

export type { TelegramLoginButtonAppearance, TelegramLoginButtonShape, TelegramLoginButtonSize, TelegramLoginButtonTheme } from './look.js';
export type { TelegramLoginStatus } from './login-tracker.js';

/** Properties whose change can change the login's configuration. */
const CONFIG_PROPERTIES = ['clientId', 'requestAccess', 'flow', 'issuer', 'librarySrc', 'redirectUri', 'exchangeUrl', 'libraryTimeout', 'timeout', 'botUrl', 'nonce', 'lang'];


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

  // Declared here rather than with decorators: the drop-in ships without Lit's decorator runtime.
  static override properties = {
    clientId: { attribute: 'client-id' },
    requestAccess: { attribute: 'request-access' },
    flow: {},
    redirectUri: { attribute: 'redirect-uri' },
    exchangeUrl: { attribute: 'exchange-url' },
    libraryTimeout: { type: Number, attribute: 'library-timeout' },
    timeout: { type: Number },
    botUrl: { attribute: 'bot-url' },
    size: {},
    shape: {},
    appearance: {},
    theme: {},
    text: {},
    iconOnly: { type: Boolean, attribute: 'icon-only' },
    shine: { type: Boolean },
    fullWidth: { type: Boolean, attribute: 'full-width', reflect: true },
    onauth: { attribute: false },
  };

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

  /**
   * Lets the `issuer` and `library-src` attributes name these origins too (a staging provider, a
   * mirror of Telegram's library). Call it from your script before the buttons connect.
   */
  static trustProviderOrigins(origins: readonly string[]): void {
    trustProviderOrigins(origins);
  }

  // `lang` and `nonce` are HTMLElement's own properties (the nonce survives CSP nonce-hiding only
  // there): read natively, only observed here. `issuer` and `library-src` get their own accessors.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang', 'nonce', 'issuer', 'library-src'];
  }

  /** The bot's client id (numeric, from BotFather). Required. */
  clientId = '';
  /** Space-separated extra permissions: `write` (the bot may message the user), `phone`. */
  requestAccess = '';
  /**
   * How the login runs: `library` (Telegram's own script, default), the Authorization Code flow
   * with PKCE in a `popup` or as a full-page `redirect` (these need `exchange-url`), or `bot`: a QR
   * code and deep link to your bot, confirmed there (needs the server kit's `bot` option, no client id).
   */
  flow: LoginFlow = 'library';
  /** Code flows: the callback page, on this origin and in the bot's Allowed URLs. Default: this page. */
  redirectUri = '';
  /** Code flows: your server endpoint that redeems the code (POST JSON, see docs/code-flows.md). */
  exchangeUrl = '';
  /** Seconds to wait for telegram-login.js before `library_load_failed`. */
  libraryTimeout = 10;
  /** Seconds before an unanswered login ends with `timeout` and its popup closes (the bot flow follows the server's expiry). */
  timeout = 300;
  /** Bot flow: the base path of the server kit's routes on this origin (`/bot/start`, `/bot/status`, `/bot/cancel` below it). */
  botUrl = DEFAULT_BOT_URL;
  /** `large` (44 px, default), `medium` (36 px) or `small` (28 px). */
  size: ButtonLook['size'] = 'large';
  /** `pill` (default), `rounded` or `square`. */
  shape: ButtonLook['shape'] = 'pill';
  /** `filled` (default) or `outlined`. */
  appearance: ButtonLook['appearance'] = 'filled';
  /** `light` (default), `dark`, or `auto` to follow `prefers-color-scheme`. */
  theme: ButtonLook['theme'] = 'light';
  /** The label: `login` ("Log in with Telegram", default), `signin`, `signup` or `continue`. */
  text: TelegramLoginButtonText = 'login';
  /** Shows only the icon; the label stays as the accessible name. */
  iconOnly = false;
  /** A moving highlight (off for users who prefer reduced motion). */
  shine = false;
  /** Fills the width of the container. */
  fullWidth = false;
  /**
   * Called with the result, or `{ error }`, when a login ends. The `onauth` attribute instead names
   * a global function by its dotted path (`onauth="app.onTelegramAuth"`); it is never evaluated.
   */
  onauth?: ((data: TelegramAuthCallbackData) => void) | null;

  // `issuer` and `library-src` decide whom the element talks to and which script it loads: an
  // attribute (markup, perhaps injected) must name Telegram; the property (your script) may name any.
  #provider = new ProviderSources();

  /**
   * Code flows: the provider. As an attribute only Telegram's origin (or loopback on a loopback page)
   * is accepted; set the property from script for anything else.
   */
  get issuer(): string {
    return this.#provider.value('issuer') ?? DEFAULT_ISSUER;
  }
  set issuer(value: string | null | undefined) {
    this.#setProviderProperty('issuer', value);
  }

  /**
   * URL of Telegram's telegram-login.js. As an attribute only Telegram's origins (or loopback on a
   * loopback page) are accepted; set the property from script for anything else.
   */
  get librarySrc(): string {
    return this.#provider.value('library-src') ?? DEFAULT_LIBRARY_SRC;
  }
  set librarySrc(value: string | null | undefined) {
    this.#setProviderProperty('library-src', value);
  }

  #tracker = new LoginTracker(this, isServer ? undefined : this.attachInternals(), () => this.#translation());
  #look: ButtonLook = lookOf({});
  #configError: TelegramLoginError | undefined;
  /** The login as configured now, checked when its properties changed. */
  #request: LoginRequest | undefined;
  #preloaded: string | undefined;

  /** Where the current or last login stands. */
  get status(): TelegramLoginStatus {
    return this.#tracker.status;
  }

  constructor() {
    super();
    upgradeProperties(this, ['issuer', 'librarySrc']);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    connectLocalized(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    disconnectLocalized(this);
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'issuer' || name === 'library-src') {
      this.#provider.setAttribute(name, value);
      this.requestUpdate(name === 'issuer' ? 'issuer' : 'librarySrc', old);
    } else if (name === 'lang' || name === 'nonce') {
      this.requestUpdate(name, old);
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Only what changed is checked, so a re-render (a status change, a language change) warns nothing new.
    const has = (key: string) => (changed as Map<PropertyKey, unknown>).has(key);
    if (!this.hasUpdated || ['size', 'shape', 'appearance', 'theme', 'text'].some(has)) {
      this.#look = lookOf({ size: this.size, shape: this.shape, appearance: this.appearance, theme: this.theme, text: this.text }, (message) =>
        warnOnce('invalid_config', message),
      );
    }
    if (changed.has('onauth') && this.onauth !== undefined && this.onauth !== null && typeof this.onauth !== 'function') {
      warnOnce('invalid_config', 'the onauth property must be a function');
    }
    if (isServer || (this.hasUpdated && !CONFIG_PROPERTIES.some(has))) return;
    try {
      this.#request = this.#checkedRequest();
      this.#configError = undefined;
    } catch (error) {
      this.#request = undefined;
      this.#configError = toLoginError(error, 'invalid_config');
      warnOnce('invalid_config', this.#configError.message);
    }
  }

  protected override firstUpdated(): void {
    const button = { clientId: String(this.clientId ?? '').trim(), flow: this.flow, timeoutSeconds: orDefault(this.timeout, 300) };
    resumeLoginOnCallback(button).then(
      (resumed) => resumed && this.#tracker.track(resumed.login),
      (error: unknown) => this.flow === 'redirect' && this.#tracker.fail(undefined, toLoginError(error, 'chunk_load_failed')),
    );
  }

  protected override updated(): void {
    // The language's messages (pending hint, announcements) come in a chunk of their own, after the first paint.
    if (!isServer) void loadTranslation(languageOf(this));
    // Fetch Telegram's library as soon as a valid library-flow button is on the page (once per URL
    // for the page). A failure is reported, and retried, at the next click.
    const request = this.#request;
    if (!request || !this.isConnected || request.flow !== 'library' || this.#preloaded === request.librarySrc) return;
    this.#preloaded = request.librarySrc;
    loadTelegramLibrary(request.librarySrc, request.libraryTimeoutMs).catch(() => undefined);
  }

  override render(): TemplateResult {
    const t = this.#translation();
    const pending = this.#tracker.status === 'pending';
    const look = this.#look;
    const flags = { 'icon-only': this.iconOnly, shine: this.shine && !pending, 'full-width': this.fullWidth, invalid: this.#configError !== undefined, pending };
    const classes = ['button', look.size, look.shape, look.appearance, look.theme, ...Object.keys(flags).filter((name) => flags[name as keyof typeof flags])].join(' ');
    return html`<button
        part="button"
        class=${classes}
        type="button"
        dir=${t.$dir}
        lang=${t.$code}
        aria-disabled=${this.#configError ? 'true' : 'false'}
        aria-busy=${pending ? 'true' : 'false'}
        @click=${this.#onClick}
        @pointerenter=${this.#onIntent}
        @focus=${this.#onIntent}
      >
        <span part="icon" class="icon" ?hidden=${pending}>${telegramIcon}</span>
        <span part="spinner" class="spinner" ?hidden=${!pending}></span>
        <span part="label" class="label">${pending ? (loadedMessages(t.$code)?.pending ?? t[look.text]) : html`<slot>${t[look.text]}</slot>`}</span>
      </button>
      <span class="visually-hidden" role="status">${this.#tracker.announcement}</span>`;
  }

  /**
   * Starts a login, as a click does. Call it from a user gesture: browsers block popups opened
   * otherwise (the element then reports `popup_blocked`). While a login is open this focuses its
   * popup and returns the same promise.
   */
  login(): Promise<TelegramLoginResult> {
    // The bot flow's dialog is modal: a second call while it is open gets the same login.
    if (this.#tracker.inFlight && this.flow === 'bot') return this.#tracker.inFlight;
    // Telegram's library runs one login per page: an open popup gets the focus instead of a new login
    // (a popup that looks closed is abandoned, and a new login starts).
    if (focusActiveLogin()) return this.#tracker.inFlight ?? Promise.reject(loginErrors.loginInProgress());
    const abort = new AbortController();
    let request: LoginRequest;
    try {
      request = this.#checkedRequest(abort.signal);
    } catch (error) {
      const failure = toLoginError(error, 'invalid_config');
      this.#tracker.fail(undefined, failure);
      return Promise.reject(failure);
    }
    if (!this.dispatchEvent(new TelegramLoginStartEvent({ clientId: request.clientId, flow: request.flow }))) {
      return Promise.reject(new TelegramLoginError('aborted', 'a telegram-login-start listener cancelled the login'));
    }
    // Synchronous up to window.open: still inside the click's task. The bot flow's dialog lives in the shadow root.
    const place = { root: this.renderRoot as ShadowRoot, opener: this, theme: this.#look.theme, title: this.#translation()[this.#look.text], lang: languageOf(this) };
    return this.#tracker.track(request.flow === 'bot' ? loginWithBot(request, place) : runLogin(request), abort);
  }

  #onClick = () => {
    // The outcome is reported through events and onauth.
    this.login().catch(() => undefined);
  };

  /** A click may follow: learn now whether this page's COOP would cut a library-flow popup off, or fetch the bot flow's chunk. */
  #onIntent = () => {
    if (this.#request?.flow === 'library') void pageSeversPopups();
    else if (this.#request?.flow === 'bot') loadBotLogin().catch(() => undefined);
  };

  #setProviderProperty(name: ProviderAttribute, value: string | null | undefined) {
    const old = this.#provider.value(name);
    this.#provider.setProperty(name, value);
    this.requestUpdate(name === 'issuer' ? 'issuer' : 'librarySrc', old);
  }

  /** The options for a login: an attribute that names a provider it may not is `invalid_config`. */
  #checkedRequest(signal?: AbortSignal): LoginRequest {
    const problem = this.#provider.problem();
    if (problem) throw new TelegramLoginError('invalid_config', problem);
    return normalizeLoginOptions(loginOptionsOf(this, signal));
  }

  #translation(): TelegramLoginTranslation {
    return resolveTranslation(languageOf(this));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'telegram-login-button': TelegramLoginButtonElement;
  }
  // Typed listeners on the element, its ancestors, the document and the window (the events bubble).
  interface GlobalEventHandlersEventMap extends TelegramLoginEventMap {}
}
