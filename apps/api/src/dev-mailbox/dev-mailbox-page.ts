/**
 * The dev mailbox's page: a shell without any mail in it, and a script (served from the same origin,
 * so the strict CSP allows it) that logs in as an admin — or reuses the add-in's session in this tab —
 * and fetches the company's mail as JSON. Everything shown is set as text, never as markup.
 */
const STYLE = `body{font-family:Segoe UI,system-ui,sans-serif;margin:24px;color:#242424}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left;font-size:14px}th{background:#f5f5f5}
pre{font-family:Consolas,'Courier New',monospace;background:#fafafa;border:1px solid #eee;padding:12px;white-space:pre-wrap}
a,button.link{color:#0f6cbd}button.link{background:none;border:none;padding:0;font:inherit;cursor:pointer;text-decoration:underline}
.meta td:first-child{color:#616161;width:140px}form{display:grid;gap:8px;max-width:320px}.error{color:#b10e1c}`;

export const DEV_MAILBOX_PAGE = `<!DOCTYPE html><html lang="fi"><head><meta charset="utf-8"><title>Dev mailbox</title><style>${STYLE}</style></head>
<body><main id="dev-mailbox"><h1>Dev mailbox</h1><p>Ladataan… / Loading…</p></main><script src="/dev-mailbox/app.js"></script></body></html>`;

export const DEV_MAILBOX_SCRIPT = `'use strict';
(function () {
  var root = document.getElementById('dev-mailbox');
  var TOKEN_KEY = 'maestro.devMailbox.token';
  function token() {
    var own = sessionStorage.getItem(TOKEN_KEY);
    if (own) return own;
    try { return (JSON.parse(sessionStorage.getItem('maestro.session') || 'null') || {}).token || ''; } catch (e) { return ''; }
  }
  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    for (var key in attrs || {}) node.setAttribute(key, attrs[key]);
    return node;
  }
  function clear(title) {
    root.textContent = '';
    root.appendChild(el('h1', title));
  }
  function api(path) {
    return fetch(path, { headers: { authorization: 'Bearer ' + token() } }).then(function (response) {
      if (response.status === 401 || response.status === 403) { showLogin(response.status === 403); throw new Error('login'); }
      if (!response.ok) throw new Error(path + ': ' + response.status);
      return response;
    });
  }
  function showLogin(notAdmin) {
    clear('Dev mailbox');
    root.appendChild(el('p', notAdmin ? 'Kirjaudu pääkäyttäjänä. / Log in as an administrator.' : 'Kirjaudu sisään nähdäksesi yrityksesi viestit. / Log in to see your company\\'s mail.'));
    var form = el('form');
    var user = el('input', null, { name: 'username', autocomplete: 'username', 'aria-label': 'Käyttäjätunnus / Username' });
    var pass = el('input', null, { name: 'password', type: 'password', autocomplete: 'current-password', 'aria-label': 'Salasana / Password' });
    var error = el('p', '', { class: 'error', role: 'alert' });
    form.appendChild(user); form.appendChild(pass); form.appendChild(el('button', 'Kirjaudu / Log in', { type: 'submit' })); form.appendChild(error);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
        body: JSON.stringify({ query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', variables: { u: user.value, p: pass.value } }),
      }).then(function (r) { return r.json(); }).then(function (body) {
        if (!body.data || !body.data.login) { error.textContent = (body.errors && body.errors[0] && body.errors[0].message) || 'Kirjautuminen epäonnistui.'; return; }
        sessionStorage.setItem(TOKEN_KEY, body.data.login.token);
        route();
      });
    });
    root.appendChild(form);
  }
  function download(path, name) {
    api(path).then(function (r) { return r.blob(); }).then(function (blob) {
      var url = URL.createObjectURL(blob);
      var link = el('a', null, { href: url, download: name });
      document.body.appendChild(link); link.click(); link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    });
  }
  function list() {
    api('/dev-mailbox?format=json').then(function (r) { return r.json(); }).then(function (mails) {
      clear('Dev mailbox');
      root.appendChild(el('p', mails.length + ' viestiä. Nothing here leaves this machine.'));
      var table = el('table');
      var head = el('tr');
      ['Vastaanotettu', 'Lähettäjä', 'Vastaanottajat (envelope)', 'Otsikko', 'Tavua'].forEach(function (h) { head.appendChild(el('th', h)); });
      table.appendChild(head);
      mails.forEach(function (m) {
        var row = el('tr');
        row.appendChild(el('td', new Date(m.receivedAt).toLocaleString('fi-FI')));
        row.appendChild(el('td', m.from));
        row.appendChild(el('td', m.to.join(', ')));
        var cell = el('td');
        cell.appendChild(el('a', m.subject || '(ei otsikkoa)', { href: '/dev-mailbox/' + encodeURIComponent(m.id) }));
        row.appendChild(cell);
        row.appendChild(el('td', m.size));
        table.appendChild(row);
      });
      root.appendChild(table);
    }).catch(function () { /* the login form is shown */ });
  }
  function one(id) {
    api('/dev-mailbox/' + encodeURIComponent(id) + '?format=json').then(function (r) { return r.json(); }).then(function (m) {
      clear(m.subject || '(ei otsikkoa)');
      var back = el('p');
      back.appendChild(el('a', '← Dev mailbox', { href: '/dev-mailbox' }));
      back.appendChild(document.createTextNode(' · '));
      var eml = el('button', '.eml', { type: 'button', class: 'link' });
      eml.addEventListener('click', function () { download('/dev-mailbox/' + encodeURIComponent(id) + '?format=eml', id + '.eml'); });
      back.appendChild(eml);
      root.insertBefore(back, root.firstChild);
      var meta = el('table', null, { class: 'meta' });
      [['Lähettäjä', m.from], ['Vastaanottaja', m.to], ['Kopio', m.cc], ['Envelope', m.envelope.from + ' → ' + m.envelope.to.join(', ')], ['Message-ID', m.messageId], ['TLS', m.secure ? 'kyllä' : 'ei']].forEach(function (pair) {
        var row = el('tr'); row.appendChild(el('td', pair[0])); row.appendChild(el('td', pair[1])); meta.appendChild(row);
      });
      root.appendChild(meta);
      root.appendChild(el('pre', m.text));
      if (m.attachments.length) {
        root.appendChild(el('h2', 'Liitteet'));
        var ul = el('ul');
        m.attachments.forEach(function (a) {
          var li = el('li');
          var button = el('button', a.filename, { type: 'button', class: 'link' });
          button.addEventListener('click', function () { download('/dev-mailbox/' + encodeURIComponent(id) + '/attachments/' + a.index, a.filename); });
          li.appendChild(button);
          li.appendChild(document.createTextNode(' (' + a.contentType + ', ' + a.size + ' B)'));
          ul.appendChild(li);
        });
        root.appendChild(ul);
      }
    }).catch(function () { /* the login form is shown */ });
  }
  function route() {
    var match = /^\\/dev-mailbox\\/([^/]+)$/.exec(location.pathname);
    if (match) one(decodeURIComponent(match[1])); else list();
  }
  route();
})();
`;
