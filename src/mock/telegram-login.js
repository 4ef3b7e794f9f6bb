/*
 * telegram-login-kit mock: a stand-in for Telegram's telegram-login.js, written from the documented
 * contract (see the project's docs), not copied from Telegram. It behaves like Telegram's library,
 * flaws included, so that code built on top of it is tested against the real behaviour:
 *
 * - Telegram.Login.init(options, callback), open([callback]), auth(options, callback), close();
 * - auto-init from data-client-id / data-lang / data-request-access / data-onauth on its script tag
 *   (data-onauth is a function body with `data` in scope, compiled with new Function, as Telegram does);
 * - the provider origin is the origin of this script's own URL (telegram.org → oauth.telegram.org);
 * - the popup: /auth?response_type=post_message&client_id&redirect_uri&scope[&nonce][&lang],
 *   window name "telegram_oidc_login", 550×650 centred; the nonce is appended without encoding;
 * - only messages from the provider origin and from the popup window are accepted;
 * - a closed popup is noticed by polling every 200 ms and reported as { error: 'popup_closed' };
 * - a blocked popup (window.open returns null) is not reported at all: no callback ever fires;
 * - `user` is decoded with atob + JSON.parse, so non-ASCII names come out garbled;
 * - a global stylesheet for .tg-auth-button is injected and a document-level click handler opens
 *   the login for any .tg-auth-button.
 */
(function (window, document) {
  'use strict';

  var POPUP_NAME = 'telegram_oidc_login';
  var POPUP_WIDTH = 550;
  var POPUP_HEIGHT = 650;
  var CLOSE_POLL_MS = 200;

  var ownScript = document.currentScript;

  function providerOrigin() {
    var src = ownScript && ownScript.src;
    if (!src) return 'https://oauth.telegram.org';
    var origin = new URL(src, location.href).origin;
    if (origin === 'https://telegram.org') return 'https://oauth.telegram.org';
    if (origin === 'https://tg.dev' || origin === 'https://telegram-js.azureedge.net') return 'https://oauth.tg.dev';
    return origin;
  }

  var PROVIDER = providerOrigin();

  function scopeFor(options) {
    var scope = ['openid'];
    var wanted = options.scope;
    if (!wanted || wanted.length === 0) {
      scope.push('profile');
      wanted = options.request_access || [];
    }
    if (typeof wanted === 'string') wanted = wanted.split(' ');
    wanted.forEach(function (item) {
      if (item === 'profile' && scope.indexOf('profile') < 0) scope.push('profile');
      else if (item === 'phone' && scope.indexOf('phone') < 0) scope.push('phone');
      else if ((item === 'write' || item === 'telegram:bot_access') && scope.indexOf('telegram:bot_access') < 0) {
        scope.push('telegram:bot_access');
      }
      // Anything else is dropped without a word, like Telegram's library does.
    });
    return scope.join(' ');
  }

  function authUrl(options) {
    var url = PROVIDER + '/auth?response_type=post_message' +
      '&client_id=' + encodeURIComponent(options.client_id) +
      '&redirect_uri=' + encodeURIComponent(location.origin + location.pathname) +
      '&scope=' + encodeURIComponent(scopeFor(options));
    if (options.nonce) url += '&nonce=' + options.nonce; // not encoded: Telegram's library does the same
    if (options.lang) url += '&lang=' + encodeURIComponent(options.lang);
    return url;
  }

  function popupFeatures() {
    var left = Math.max(0, (screen.width - POPUP_WIDTH) / 2) + (screen.availLeft | 0);
    var top = Math.max(0, (screen.height - POPUP_HEIGHT) / 2) + (screen.availTop | 0);
    return 'width=' + POPUP_WIDTH + ',height=' + POPUP_HEIGHT + ',left=' + left + ',top=' + top +
      ',status=0,location=0,menubar=0,toolbar=0';
  }

  // Byte-wise base64 decode straight into JSON.parse: multi-byte UTF-8 is not decoded (faithful flaw).
  function naiveClaims(token) {
    var parts = token.split('.');
    if (parts.length !== 3) return null;
    try {
      var b64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
      while (b64.length % 4) b64 += '=';
      return JSON.parse(atob(b64));
    } catch (e) {
      return null;
    }
  }

  function resultFrom(data) {
    if (data.error) return { error: data.error };
    if (typeof data.result !== 'string' || !data.result) return { error: 'missing id_token' };
    var user = naiveClaims(data.result);
    if (!user) return { error: 'malformed id_token' };
    return { id_token: data.result, user: user };
  }

  var state = {
    options: null,
    initCallback: null,
    popup: null,
    listener: null,
    finish: null
  };

  function stopListening() {
    if (state.listener) {
      window.removeEventListener('message', state.listener);
      state.listener = null;
    }
  }

  function start(options, callback) {
    // A new login replaces the listener of an unfinished one (its callbacks never fire by message).
    stopListening();
    var finished = false;
    var finish = function (result) {
      if (finished) return;
      finished = true;
      state.finish = null;
      stopListening();
      if (state.initCallback) state.initCallback(result);
      if (callback) callback(result);
    };
    state.finish = finish;
    state.listener = function (event) {
      if (event.origin !== PROVIDER) return;
      if (state.popup && event.source !== state.popup) return;
      var data = event.data;
      if (typeof data === 'string') {
        try {
          data = JSON.parse(data);
        } catch (e) {
          return;
        }
      }
      if (data && data.event === 'auth_result') finish(resultFrom(data));
    };
    window.addEventListener('message', state.listener);

    // Opened synchronously, so a call from a click handler is not blocked; a null result is ignored.
    state.popup = window.open(authUrl(options), POPUP_NAME, popupFeatures());
    if (!state.popup) return;
    state.popup.focus();
    (function poll() {
      if (!state.popup || state.popup.closed) {
        if (!finished) finish({ error: 'popup_closed' });
        return;
      }
      setTimeout(poll, CLOSE_POLL_MS);
    })();
  }

  function requireClientId(options) {
    if (!options || !options.client_id) throw new Error('options.client_id is required');
  }

  var Login = {
    init: function (options, callback) {
      decorateButtons();
      requireClientId(options);
      state.options = options;
      state.initCallback = callback || null;
    },
    open: function (callback) {
      if (!state.options) throw new Error('Call Telegram.Login.init() first');
      start(state.options, callback);
    },
    auth: function (options, callback) {
      requireClientId(options);
      start(options, callback);
    },
    close: function () {
      if (state.popup && !state.popup.closed) state.popup.close();
      state.popup = null;
      stopListening();
      state.finish = null;
    }
  };

  function decorateButtons() {
    var buttons = document.querySelectorAll('.tg-auth-button');
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      button.setAttribute('role', 'button');
      if (!button.hasAttribute('tabindex')) button.setAttribute('tabindex', '0');
      if (!button.hasAttribute('aria-label')) button.setAttribute('aria-label', 'Log in with Telegram');
    }
  }

  // Global side effects, as in Telegram's library: an unscoped stylesheet and a document click handler.
  function injectStyles() {
    var style = document.createElement('style');
    style.textContent =
      '.tg-auth-button{display:flex;align-items:center;width:fit-content;height:44px;padding:0 28px;' +
      'border:none;border-radius:22px;background:#119AF5;color:#fff;cursor:pointer;user-select:none;' +
      'font:600 16px -apple-system,system-ui,Roboto,Arial,sans-serif}' +
      '.tg-auth-button:hover{background:#1090E5}' +
      '.tg-auth-button[data-style~="square"]{border-radius:5px}' +
      '.tg-auth-button[data-style~="outlined"]{background:transparent;color:#000;border:1px solid rgba(0,0,0,.06)}' +
      '.tg-auth-button[data-style~="icon"]{width:44px;padding:0;justify-content:center;font-size:0}';
    (document.head || document.documentElement).appendChild(style);
  }

  document.addEventListener('click', function (event) {
    for (var node = event.target; node && node !== document; node = node.parentNode) {
      if (node.classList && node.classList.contains('tg-auth-button')) {
        Login.open();
        return;
      }
    }
  });

  injectStyles();

  window.Telegram = window.Telegram || {};
  window.Telegram.Login = Login;

  function autoInit() {
    if (!ownScript) return;
    var clientId = ownScript.getAttribute('data-client-id');
    if (!clientId) return;
    var options = { client_id: clientId };
    var lang = ownScript.getAttribute('data-lang');
    if (lang) options.lang = lang;
    var access = ownScript.getAttribute('data-request-access');
    if (access) options.request_access = access.trim().split(/\s+/);
    var body = ownScript.getAttribute('data-onauth');
    var callback = null;
    if (body) {
      callback = function (data) {
        try {
          new Function('data', body)(data);
        } catch (e) {
          console.error('[Telegram.Login] data-onauth error:', e);
        }
      };
    }
    Login.init(options, callback);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', autoInit);
  else autoInit();
})(window, document);
