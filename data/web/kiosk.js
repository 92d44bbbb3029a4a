/* kiosk.js — the loket kiosk in a browser
 *
 * A touch screen or tablet at the entrance: a big button per active loket
 * series; a press takes a loket ticket and shows its number large with how
 * many wait before it, for SHOW_MS, then the buttons again. The page pairs
 * itself once with a kiosk code (role "kiosk") and keeps its token in the
 * browser's storage; a revoked token brings the code screen back.
 *
 * Each press has its own Idempotency-Key, kept for every retry of that
 * press: a reply lost on the network is asked for again with the same key,
 * and the manager gives the same number back, never a second one. A kiosk
 * may not open the event stream, so the series are read again every
 * minute. The number on screen is the ticket; "Cetak tiket" prints a
 * ticket-sized view where a printer is attached.
 *
 * The page speaks Indonesian only; its words are in TEXT below (the pairing
 * screen's, in common.js).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
'use strict';

(function () {
  const TOKEN_KEY = 'giliran.kiosk.token';
  const SHOW_MS = 8000;
  const SERIES_POLL_MS = 60000;
  const RETRY_MIN_MS = 1000;
  const RETRY_MAX_MS = 5000;
  const RETRY_MAX = 12;
  const LOG_MAX = 100;

  const TEXT = {
    puskesmas: 'Puskesmas',
    ahead: (n) => n === 0 ? 'Tidak ada antrean sebelum Anda' : n + ' antrean sebelum Anda',
    series: (s) => s.name,
    priorityNote: 'Lansia, ibu hamil, penyandang disabilitas, anak kecil',
    taking: 'Mengambil nomor antrean…',
    retrying: 'Sambungan ke server antrean terputus, mencoba lagi…',
    failed: 'Nomor antrean belum dapat diambil. Silakan coba lagi atau minta bantuan petugas loket.',
    inactive: 'Loket ini sedang tidak melayani. Silakan pilih loket lain.',
    noSeries: 'Belum ada loket yang melayani.',
    offline: 'Server antrean tidak dapat dihubungi.',
    notKiosk: 'Kode ini bukan kode sambung kios antrean.',
  };

  const $ = (id) => document.getElementById(id);

  const state = {
    series: [],
    busy: false,
    backId: 0,
    pollId: 0,
  };

  /* What a test reads: each ticket taken, and each try's key. */
  const probe = { tickets: [], attempts: [], seriesReads: 0 };
  window.giliranKiosk = probe;

  /* ── the API ───────────────────────────────────────────────────── */

  /* The token, api(), Unpaired and element() are common.js's. */
  Giliran.token = localStorage.getItem(TOKEN_KEY);
  const api = Giliran.api;
  const Unpaired = Giliran.Unpaired;
  const element = Giliran.element;

  /* A new key for one press: random, from the browser's own generator
   * (crypto.randomUUID needs a secure context; this does not). */
  function newKey () {
    const bytes = new Uint8Array(16);

    crypto.getRandomValues(bytes);
    return 'kiosk-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  /* ── pairing ───────────────────────────────────────────────────── */

  const pairing = Giliran.pairing({
    role: 'kiosk',
    name: 'Kios Antrean',
    tokenKey: TOKEN_KEY,
    notRole: TEXT.notKiosk,
    screen: 'kiosk',
    starting: 'loading',
    leave: () => clearInterval(state.pollId),
    paired: poll,
  });
  const showPairing = pairing.show;

  /* ── the series ────────────────────────────────────────────────── */

  /* The series now and every SERIES_POLL_MS. */
  function poll () {
    load();
    clearInterval(state.pollId);
    state.pollId = setInterval(load, SERIES_POLL_MS);
  }

  async function load () {
    try {
      const [profile, series] = await Promise.all([api('/api/v1/profile'), api('/api/v1/loket/series')]);
      probe.seriesReads++;
      state.series = series.filter((s) => s.active);
      state.series.sort((a, b) => a.position - b.position);
      const name = profile.name || TEXT.puskesmas;
      $('puskesmas').textContent = name;
      $('print-puskesmas').textContent = name;
      document.title = name + ' · Giliran';
      if (!state.busy)
        setStatus(state.series.length ? '' : TEXT.noSeries);
      renderSeries();
      if (!state.busy && $('ticket').hidden)
        document.body.dataset.state = 'ready';
    } catch (e) {
      if (e instanceof Unpaired)
        showPairing();
      else if (!state.busy)
        setStatus(TEXT.offline);
    }
  }

  function renderSeries () {
    const box = $('series');

    box.replaceChildren();
    for (const series of state.series) {
      const button = element('button', series.priority ? 'priority' : '');

      button.type = 'button';
      button.dataset.series = series.code;
      button.disabled = state.busy;
      button.append(element('span', 'series-code', series.code),
                    element('span', 'series-name', TEXT.series(series)));
      if (series.priority)
        button.append(element('span', 'series-note', TEXT.priorityNote));
      button.addEventListener('click', () => take(series));
      box.append(button);
    }
  }

  function setStatus (text) {
    $('status').textContent = text;
  }

  function setBusy (busy) {
    state.busy = busy;
    for (const button of $('series').querySelectorAll('button'))
      button.disabled = busy;
  }

  /* ── taking a ticket ───────────────────────────────────────────── */

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /* One press: the same key for every try, until the manager answers. */
  async function take (series) {
    if (state.busy)
      return;
    const key = newKey();
    let wait = RETRY_MIN_MS;

    setBusy(true);
    document.body.dataset.state = 'taking';
    setStatus(TEXT.taking);
    for (let attempt = 0; attempt < RETRY_MAX; attempt++) {
      probe.attempts.push(key);
      if (probe.attempts.length > LOG_MAX)
        probe.attempts.shift();
      try {
        const ticket = await api('/api/v1/loket/tickets', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
          body: JSON.stringify({ series: series.code }),
        });
        setBusy(false);
        setStatus('');
        showTicket(ticket, series);
        return;
      } catch (e) {
        if (e instanceof Unpaired) {
          setBusy(false);
          showPairing();
          return;
        }
        if (e.status === 409 || e.status === 404) {
          setBusy(false);
          setStatus(TEXT.inactive);
          document.body.dataset.state = 'ready';
          load();
          return;
        }
        /* No answer, or the manager could not save it: the same key
         * again, so a number taken meanwhile is the one given back. */
        if (e.status !== undefined && e.status < 500) {
          break;
        }
        setStatus(TEXT.retrying);
        await sleep(wait);
        wait = Math.min(wait * 2, RETRY_MAX_MS);
      }
    }
    setBusy(false);
    setStatus(TEXT.failed);
    document.body.dataset.state = 'ready';
  }

  function showTicket (ticket, series) {
    const ahead = ticket.ahead || 0;
    const time = new Date(Date.parse(ticket.taken_at) || Date.now());
    const two = (n) => String(n).padStart(2, '0');

    probe.tickets.push({ ticket: ticket.ticket, id: ticket.id, ahead: ahead });
    if (probe.tickets.length > LOG_MAX)
      probe.tickets.shift();
    $('ticket-number').textContent = ticket.ticket;
    $('ticket-series').textContent = TEXT.series(series);
    $('ticket-ahead').textContent = TEXT.ahead(ahead);
    $('ticket').dataset.ahead = String(ahead);
    $('print-number').textContent = ticket.ticket;
    $('print-series').textContent = TEXT.series(series);
    $('print-ahead').textContent = TEXT.ahead(ahead);
    $('print-time').textContent = time.toLocaleDateString('id-ID', { day: 'numeric', month: 'long', year: 'numeric' }) +
      ', ' + two(time.getHours()) + '.' + two(time.getMinutes());
    $('choose').hidden = true;
    $('ticket').hidden = false;
    document.body.dataset.state = 'ticket';
    clearTimeout(state.backId);
    state.backId = setTimeout(back, SHOW_MS);
  }

  function back () {
    clearTimeout(state.backId);
    state.backId = 0;
    $('ticket').hidden = true;
    $('choose').hidden = false;
    document.body.dataset.state = 'ready';
  }

  /* ── start ─────────────────────────────────────────────────────── */

  function start () {
    $('print').addEventListener('click', () => window.print());
    $('done').addEventListener('click', back);
    Giliran.startClock();
    if (!Giliran.token)
      showPairing();
    else
      pairing.open();
  }

  start();
})();
