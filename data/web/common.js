/* common.js — what the browser display and the browser kiosk do alike
 *
 * Loaded before each page's own script (display.js, kiosk.js), it gives
 * them one object, Giliran:
 *  - Giliran.token: the page's station token, or null;
 *  - Giliran.api(path, init): fetch with that token, the reply's JSON, an
 *    Error with .status and .code for an error reply, Giliran.Unpaired for
 *    401 (the token is no longer good);
 *  - Giliran.pairing(options): the pairing screen of the page (the markup
 *    with the ids pairing, pairing-form, pairing-code, pairing-name,
 *    pairing-submit, pairing-error) and the page's own section: pairs with
 *    a code for options.role and keeps the token under options.tokenKey
 *    in the browser's storage;
 *  - Giliran.startClock(): the clock (clock-time, clock-date) each second;
 *  - Giliran.element(tag, className, text): a new element.
 *
 * The words are Indonesian only, in TEXT below.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
'use strict';

window.Giliran = (function () {
  const TEXT = {
    wrongCode: 'Kode sambung salah atau sudah kedaluwarsa. Minta kode baru kepada Administrator.',
    tooMany: 'Terlalu banyak kode yang salah. Tunggu sebentar, lalu coba lagi.',
    noServer: 'Server antrean tidak dapat dihubungi. Coba lagi.',
  };

  const $ = (id) => document.getElementById(id);

  class Unpaired extends Error {}

  const self = { token: null, Unpaired: Unpaired };

  /* ── the API ───────────────────────────────────────────────────── */

  self.api = async function (path, options) {
    const init = Object.assign({ cache: 'no-store', headers: {} }, options || {});

    if (self.token)
      init.headers.Authorization = 'Bearer ' + self.token;
    const reply = await fetch(path, init);
    if (reply.status === 401)
      throw new Unpaired();
    const body = await reply.json().catch(() => null);
    if (!reply.ok) {
      const error = new Error(body && body.error ? body.error.message : String(reply.status));
      error.status = reply.status;
      error.code = body && body.error ? body.error.code : null;
      throw error;
    }
    return body;
  };

  /* ── pairing ───────────────────────────────────────────────────── */

  /* options: role ("display", "kiosk"), name (the default station name),
   * tokenKey (where the token is kept), notRole (the words for a code of
   * another role), screen (the id of the page's own section, hidden while
   * pairing), starting (the body's data-state while that section starts),
   * leave() (called before the pairing screen shows), paired() (called
   * with the section showing, once paired or with a token kept). Returns
   * { show: shows the pairing screen, forgetting the token; open: shows
   * the page's own section and calls paired() }. */
  self.pairing = function (options) {
    function show () {
      options.leave();
      self.token = null;
      localStorage.removeItem(options.tokenKey);
      document.body.dataset.state = 'pairing';
      $(options.screen).hidden = true;
      $('pairing').hidden = false;
      $('pairing-code').value = '';
      $('pairing-code').focus();
    }

    function open () {
      $('pairing').hidden = true;
      $(options.screen).hidden = false;
      document.body.dataset.state = options.starting;
      options.paired();
    }

    async function pair (event) {
      event.preventDefault();
      const error = $('pairing-error');
      const body = {
        code: $('pairing-code').value.trim(),
        name: $('pairing-name').value.trim() || options.name,
        role: options.role,
      };

      error.textContent = '';
      $('pairing-submit').disabled = true;
      try {
        const reply = await self.api('/api/v1/pair', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        self.token = reply.token;
        localStorage.setItem(options.tokenKey, reply.token);
        open();
      } catch (e) {
        if (e.code === 'invalid-pairing-code')
          error.textContent = TEXT.wrongCode;
        else if (e.code === 'too-many-attempts')
          error.textContent = TEXT.tooMany;
        else if (e.status === 400 || e.status === 403)
          error.textContent = options.notRole;
        else
          error.textContent = TEXT.noServer;
      } finally {
        $('pairing-submit').disabled = false;
      }
    }

    $('pairing-form').addEventListener('submit', pair);
    return { show: show, open: open };
  };

  /* ── the clock ─────────────────────────────────────────────────── */

  function tick () {
    const now = new Date();
    const two = (n) => String(n).padStart(2, '0');

    /* PUEBI: 10.45, never 10:45 */
    $('clock-time').textContent = two(now.getHours()) + '.' + two(now.getMinutes());
    $('clock-date').textContent = now.toLocaleDateString('id-ID', {
      weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
    });
  }

  self.startClock = function () {
    tick();
    setInterval(tick, 1000);
  };

  /* ── elements ──────────────────────────────────────────────────── */

  /* A new @tag element, of @className and with @text when given. */
  self.element = function (tag, className, text) {
    const node = document.createElement(tag);

    if (className)
      node.className = className;
    if (text !== undefined && text !== null)
      node.textContent = text;
    return node;
  };

  return self;
})();
