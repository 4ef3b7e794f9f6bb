// The simulated Telegram app's page script. Served as a file (the page's CSP allows no inline
// script); state arrives over server-sent events from /app/api/events and every action is a JSON
// POST to /app/api/<action>. Text is put in with textContent only, never as HTML.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('app-data').textContent);
  var t = data.strings;
  var userId = data.user;
  var current = data.chat;
  var state = null;
  var seenFocus = null;
  var toastTimer = 0;
  var $ = function (id) { return document.getElementById(id); };

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) { return key in values ? values[key] : whole; });
  }

  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (key === 'text') node.textContent = props[key];
      else if (key === 'on') node.addEventListener('click', props[key]);
      else if (props[key] !== undefined && props[key] !== null && props[key] !== false) node.setAttribute(key, props[key] === true ? '' : props[key]);
    });
    (children || []).forEach(function (child) { if (child) node.append(child); });
    return node;
  }

  function toast(text) {
    $('toast').textContent = text;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { $('toast').textContent = ''; }, 5000);
  }

  function call(action, body) {
    body.user = userId;
    return fetch('/app/api/' + action, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (!answer.ok) throw new Error(answer.description);
        return answer.result;
      })
      .catch(function (error) {
        toast(fill(t.failed, { message: error.message }));
        throw error;
      });
  }

  function botName(username) {
    var bot = data.bots.find(function (each) { return each.username === username; });
    return bot ? bot.name : '@' + username;
  }

  function isWeb(url) { return /^https?:\/\//i.test(url) && !/^https?:\/\/(www\.)?(t|telegram)\.me\//i.test(url); }

  // ---- message text: entities become nested elements, one segment at a time ---------------------

  var TAGS = { bold: 'strong', italic: 'em', underline: 'u', strikethrough: 's', code: 'code', pre: 'code', spoiler: 'span', blockquote: 'q' };

  function wrap(node, entity) {
    var url = entity.type === 'text_link' ? entity.url : entity.type === 'url' ? null : undefined;
    if (url !== undefined) {
      var href = url || node.textContent;
      return isWeb(href) ? el('a', { href: href, target: '_blank', rel: 'noopener noreferrer' }, [node]) : node;
    }
    var tag = TAGS[entity.type];
    if (!tag) return node;
    var wrapper = el(tag, { class: entity.type === 'pre' ? 'pre' : entity.type === 'spoiler' ? 'spoiler' : null, tabindex: entity.type === 'spoiler' ? '0' : null }, [node]);
    return wrapper;
  }

  function renderText(text, entities) {
    var paragraph = el('p', { class: 'text' });
    var points = [0, text.length];
    entities.forEach(function (entity) { points.push(entity.offset, Math.min(text.length, entity.offset + entity.length)); });
    points = points.filter(function (point, index) { return points.indexOf(point) === index; }).sort(function (a, b) { return a - b; });
    for (var i = 0; i + 1 < points.length; i++) {
      var start = points[i];
      var end = points[i + 1];
      var node = document.createTextNode(text.slice(start, end));
      entities
        .filter(function (entity) { return entity.offset <= start && entity.offset + entity.length >= end; })
        .reverse()
        .forEach(function (entity) { node = wrap(node, entity); });
      paragraph.append(node);
    }
    return paragraph;
  }

  // ---- buttons -----------------------------------------------------------------------------------

  function press(chat, message, row, column, extra) {
    return call('press', Object.assign({ bot: chat.bot, message: message.id, row: row, column: column }, extra || {}));
  }

  function openLogin(chat, message, row, column, button) {
    var login = button.login;
    var user = data.users.find(function (each) { return each.id === userId; });
    $('login-title').textContent = fill(t.loginTitle, { domain: login.domain });
    $('login-text').textContent = fill(t.loginText, { bot: login.botName + ' (@' + login.bot + ')', domain: login.domain, user: user.name });
    $('login-write-row').hidden = !login.requestWriteAccess;
    $('login-write').checked = true;
    $('login-write-label').textContent = fill(t.allowWrite, { bot: login.botName });
    var dialog = $('login-dialog');
    function finish(loginWanted) {
      // Opened inside the click, so no popup blocker stops it; it is pointed at the site once the mock answers.
      var tab = window.open('about:blank', '_blank');
      press(chat, message, row, column, { login: loginWanted, writeAccess: $('login-write').checked }).then(function (result) {
        dialog.close();
        if (tab) {
          tab.opener = null;
          tab.location.href = result.url;
        } else {
          location.assign(result.url);
        }
      }, function () { if (tab) tab.close(); });
    }
    $('login-confirm').onclick = function () { finish(true); };
    $('login-plain').onclick = function () { finish(false); };
    $('login-cancel').onclick = function () { dialog.close(); };
    dialog.showModal();
  }

  function renderButton(chat, message, button, row, column) {
    var key = 'b' + message.id + '-' + row + '-' + column;
    var plainUrl = button.type === 'url' || (button.type === 'login_url' && !button.login) ? button.url : null;
    if (plainUrl && isWeb(plainUrl)) {
      return el('a', { class: 'button', href: plainUrl, target: '_blank', rel: 'noopener noreferrer', 'data-key': key, 'aria-label': fill(t.opensOutside, { text: button.text, url: plainUrl }) }, [button.text + ' ↗']);
    }
    return el('button', {
      type: 'button',
      'data-key': key,
      text: button.text,
      on: function () {
        if (button.type === 'login_url') openLogin(chat, message, row, column, button);
        else press(chat, message, row, column).catch(function () {});
      },
    });
  }

  function renderMessage(chat, message) {
    var author = message.from === 'bot' ? chat.botName : t.you;
    var time = new Intl.DateTimeFormat(data.lang, { hour: '2-digit', minute: '2-digit' }).format(new Date(message.date * 1000));
    var node = el('div', { class: 'msg ' + message.from, 'data-id': String(message.id) }, [
      el('span', { class: 'sr-only', text: author + ': ' }),
      renderText(message.text, message.entities),
      el('p', { class: 'meta', text: (message.edited ? t.edited + ' · ' : '') + time }),
    ]);
    if (message.buttons.length > 0) {
      var keyboard = el('div', { class: 'keyboard', role: 'group', 'aria-label': t.buttons });
      message.buttons.forEach(function (buttons, row) {
        keyboard.append(el('div', { class: 'row' }, buttons.map(function (button, column) { return renderButton(chat, message, button, row, column); })));
      });
      node.append(keyboard);
    }
    return node;
  }

  // ---- the page ----------------------------------------------------------------------------------

  function renderChats() {
    var list = $('chats').querySelector('ul');
    list.replaceChildren.apply(list, state.chats.map(function (chat) {
      var last = chat.messages[chat.messages.length - 1];
      return el('li', {}, [
        el('button', { type: 'button', 'data-key': 'chat-' + chat.bot, 'aria-current': chat.bot === current ? 'true' : null, on: function () { select(chat.bot); } }, [
          el('span', { class: 'name', text: chat.botName }),
          el('span', { class: 'preview', text: last ? last.text : '@' + chat.bot }),
        ]),
      ]);
    }));
  }

  function renderFooter(chat) {
    var footer = $('footer');
    if (chat.blocked) {
      footer.replaceChildren(el('p', { text: fill(t.blocked, { bot: chat.botName }) }), el('button', { type: 'button', 'data-key': 'unblock', class: 'primary', text: t.unblock, on: function () { call('block', { bot: chat.bot, blocked: false }).catch(function () {}); } }));
    } else if (chat.startButton) {
      footer.replaceChildren(
        el('p', { text: chat.startPayload ? fill(t.startPayload, { payload: chat.startPayload }) : fill(t.startHint, { bot: chat.botName }) }),
        el('button', { type: 'button', 'data-key': 'start', class: 'primary', text: t.start, on: function () { call('start', { bot: chat.bot }).catch(function () {}); } }),
      );
    } else if (!footer.querySelector('#composer')) {
      var input = el('input', { id: 'composer-text', name: 'text', autocomplete: 'off', required: true, maxlength: '4096' });
      var form = el('form', { id: 'composer', class: 'row' }, [el('label', { for: 'composer-text', class: 'sr-only', text: t.message }), input, el('button', { type: 'submit', text: t.send })]);
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        call('send', { bot: current, text: input.value }).then(function () { input.value = ''; }, function () {});
      });
      footer.replaceChildren(form);
    }
  }

  function renderChat() {
    var chat = state.chats.find(function (each) { return each.bot === current; });
    $('block').hidden = !chat;
    if (!chat) return;
    $('chat-title').textContent = chat.botName;
    $('chat-username').textContent = '@' + chat.bot;
    $('block').textContent = chat.blocked ? t.unblock : t.block;
    $('block').onclick = function () { call('block', { bot: chat.bot, blocked: !chat.blocked }).catch(function () {}); };
    var log = $('log');
    var atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
    var nodes = chat.messages.map(function (message) { return renderMessage(chat, message); });
    log.replaceChildren.apply(log, nodes.length > 0 ? nodes : [el('p', { text: t.noMessages })]);
    if (atBottom) log.scrollTop = log.scrollHeight;
    renderFooter(chat);
  }

  function render() {
    // Re-rendering replaces elements; keep keyboard focus on the same control when it still exists.
    var focused = document.activeElement && document.activeElement.getAttribute('data-key');
    renderChats();
    renderChat();
    if (focused && !document.activeElement.getAttribute('data-key')) {
      var again = document.querySelector('[data-key="' + focused + '"]');
      if (again) again.focus();
    }
  }

  function select(bot) {
    current = bot;
    var params = new URLSearchParams(location.search);
    params.set('user', userId);
    params.set('lang', data.lang);
    params.set('chat', bot);
    history.replaceState(null, '', '/app?' + params);
    if (state) render();
  }

  function showAnswer(answer) {
    if (!answer.text) return;
    if (answer.showAlert) {
      $('alert-title').textContent = botName(answer.bot);
      $('alert-text').textContent = answer.text;
      $('alert-dialog').showModal();
    } else {
      toast(answer.text);
    }
  }

  $('alert-ok').addEventListener('click', function () { $('alert-dialog').close(); });
  $('open-link').addEventListener('submit', function (event) {
    event.preventDefault();
    call('open', { link: $('link').value }).then(function () { $('link').value = ''; }, function () {});
  });

  var events = new EventSource('/app/api/events?user=' + encodeURIComponent(userId));
  events.addEventListener('state', function (event) {
    state = JSON.parse(event.data);
    // Follow the chat that a link (or mock.app.open) opens; on load, the chat in the URL wins.
    var focusSeq = state.focus ? state.focus.seq : 0;
    if (state.focus && (seenFocus === null ? !current : focusSeq !== seenFocus)) current = state.focus.bot;
    seenFocus = focusSeq;
    if (!current) current = state.chats[0].bot;
    if (new URLSearchParams(location.search).get('chat') !== current) select(current);
    else render();
    document.body.setAttribute('data-ready', '');
  });
  events.addEventListener('answer', function (event) { showAnswer(JSON.parse(event.data)); });
  events.addEventListener('error', function () { if (events.readyState !== EventSource.OPEN) toast(t.reconnecting); });

  // A deep link (/app/resolve?domain=…&start=…) opens its chat for this user, once.
  if (location.pathname === '/app/resolve') {
    call('open', { link: location.href }).catch(function () {});
  }
})();
