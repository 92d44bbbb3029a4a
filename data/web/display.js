/* display.js — the waiting-room display in a browser
 *
 * What the GTK display shows (src/app/gil-display-page.c), for a TV's
 * browser: the latest call large, the calls before it, every room's current
 * number and how many wait, a clock and the puskesmas name. It pairs itself
 * once with a display code and keeps its token in the browser's storage; a
 * revoked token brings the code screen back. Over the manager's plain-HTTP
 * display port (data-mode="plain") it needs no pairing and sees no names.
 *
 * The board follows the manager's event stream and, after every (re)connect,
 * reads the rooms and queues again, so a manager restarted, or a network cut,
 * is caught up with by itself. A new call stays large for HOLD_MS before the
 * next one takes its place, as on the GTK display (gil-display-calls.c); reconnecting waits 1 s, then longer, up to
 * 30 s. Calls heard live are announced with the app's clips, one call at a
 * time, in order (GET /api/v1/rooms/{id}/announcement says which clips).
 * Browsers play sound only after a gesture: the "Aktifkan suara" button.
 *
 * Loket calls ("A-012" to "Loket 2", events loket.called / loket.recalled)
 * take their turn large and in the recent calls as room calls do, and are
 * announced in the same line (GET /api/v1/loket/tickets/{id}/announcement).
 * A loket call's key is "L" and its ticket id; a room call's, its stop id.
 *
 * The page speaks Indonesian only; its words are in TEXT below (the pairing
 * screen's, in common.js).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
'use strict';

(function () {
  const TOKEN_KEY = 'giliran.display.token';
  const RECENT_MAX = 5;
  const HISTORY_MAX = 32;
  const NEW_CALL_MS = 10000;
  const HOLD_MS = 5000;       /* GIL_DISPLAY_HOLD_MS */
  const MAX_WAITING = 5;
  const PING_MS = 5000;
  const SILENCE_MS = 15000;
  const BACKOFF_MIN_MS = 1000;
  const BACKOFF_MAX_MS = 30000;
  const REFRESH_DELAY_MS = 300;
  const MAX_PENDING = 3;
  const GAP_MS = 1000;        /* between two announcements */
  const CHIME_GAP_MS = 250;   /* between the chime and the words */
  const WORD_GAP_MS = 60;
  const PAUSE_MS = 350;       /* at a comma */
  const CLIP_LIMIT_MS = 10000;
  const CLIP_LOG_MAX = 200;

  const TEXT = {
    puskesmas: 'Puskesmas',
    firstCall: 'Menunggu panggilan pertama',
    waiting: (n) => n + ' menunggu',
    counter: (room, n) => room + ', meja ' + n,
    offline: 'Sambungan ke server antrean terputus, menyambung ulang…',
    soundFailed: 'Suara tidak dapat diputar',
    notDisplay: 'Kode ini bukan kode sambung layar ruang tunggu.',
  };

  const plain = document.body.dataset.mode === 'plain';
  const $ = (id) => document.getElementById(id);

  const state = {
    profile: { name: '', display_names: false },
    rooms: [],            /* the rooms shown, in the manager's order */
    shownIds: null,       /* a display station's rooms; null: all */
    queues: new Map(),    /* room id → its queue reply */
    calls: [],            /* newest first: {stop, room, ticket, at, counter, name, loket, desk} */
    shown: 0,             /* the stop held large; 0 for the newest */
    waiting: [],          /* stops whose turn to be large has not come */
    holdId: 0,
    socket: null,
    ready: false,         /* the rooms and queues of this connection are read */
    early: [],            /* events heard before that */
    backoff: BACKOFF_MIN_MS,
    reconnectId: 0,
    pingId: 0,
    heardAt: 0,
    refreshId: 0,
    newCallId: 0,
    connections: 0,
  };

  /* What a test reads: the clips played, in order, the calls shown large
   * and when, and how many times the page has connected. */
  const probe = { clipLog: [], largeLog: [], connections: 0, sound: false };
  window.giliranDisplay = probe;

  /* ── the API ───────────────────────────────────────────────────── */

  /* The token, api(), Unpaired and element() are common.js's. */
  Giliran.token = plain ? null : localStorage.getItem(TOKEN_KEY);
  const api = Giliran.api;
  const Unpaired = Giliran.Unpaired;
  const element = Giliran.element;

  /* ── pairing ───────────────────────────────────────────────────── */

  const pairing = Giliran.pairing({
    role: 'display',
    name: 'Layar TV',
    tokenKey: TOKEN_KEY,
    notRole: TEXT.notDisplay,
    screen: 'board',
    starting: 'connecting',
    leave: closeSocket,
    paired: connect,
  });
  const showPairing = pairing.show;

  /* ── the connection ────────────────────────────────────────────── */

  function closeSocket () {
    clearInterval(state.pingId);
    clearTimeout(state.reconnectId);
    if (state.socket) {
      state.socket.onclose = null;
      state.socket.close();
      state.socket = null;
    }
  }

  function connect () {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const protocols = Giliran.token ? ['giliran', 'giliran-token.' + Giliran.token] : [];
    const socket = new WebSocket(scheme + '//' + location.host + '/api/v1/events', protocols);

    state.socket = socket;
    state.ready = false;
    state.early = [];
    socket.onmessage = (event) => {
      state.heardAt = Date.now();
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      heard(message);
    };
    socket.onopen = () => {
      state.heardAt = Date.now();
      state.pingId = setInterval(() => {
        if (Date.now() - state.heardAt > SILENCE_MS)
          socket.close();
        else if (socket.readyState === WebSocket.OPEN)
          socket.send('{"type":"ping"}');
      }, PING_MS);
    };
    socket.onclose = () => lost();
  }

  /* The stream ended or never began: a revoked token goes back to the
   * code screen, anything else is tried again, later each time. */
  async function lost () {
    clearInterval(state.pingId);
    state.socket = null;
    state.ready = false;
    document.body.dataset.state = 'offline';
    showStatus();
    if (!plain) {
      try {
        await api('/api/v1/stations/me');
      } catch (e) {
        if (e instanceof Unpaired) {
          showPairing();
          return;
        }
      }
    }
    clearTimeout(state.reconnectId);
    state.reconnectId = setTimeout(connect, state.backoff);
    state.backoff = Math.min(state.backoff * 2, BACKOFF_MAX_MS);
  }

  function heard (message) {
    if (message.type === 'pong')
      return;
    if (message.type === 'snapshot') {
      catchUp();
      return;
    }
    if (!state.ready) {
      state.early.push(message);
      return;
    }
    handle(message);
  }

  /* After the snapshot: everything read again, then what came meanwhile. */
  async function catchUp () {
    try {
      await loadAll();
    } catch (e) {
      if (e instanceof Unpaired)
        showPairing();
      else if (state.socket)
        state.socket.close();
      return;
    }
    state.ready = true;
    state.backoff = BACKOFF_MIN_MS;
    probe.connections = ++state.connections;
    document.body.dataset.state = 'live';
    showStatus();
    const early = state.early;
    state.early = [];
    early.forEach(handle);
    render();
  }

  function handle (message) {
    switch (message.type) {
    case 'stop.called':
    case 'stop.recalled':
      called(message);
      break;
    case 'loket.called':
    case 'loket.recalled':
      loketCalled(message.loket || {});
      break;
    case 'loket.taken':
    case 'loket.skipped':
    case 'loket.registered':
      break;   /* nothing on the board changes */
    case 'day.started':
      state.calls = [];
      state.waiting = [];
      state.shown = 0;
      refreshSoon();
      break;
    default:
      refreshSoon();
    }
  }

  /* ── what the manager knows ────────────────────────────────────── */

  function shows (room) {
    return room.active && (state.shownIds === null || state.shownIds.has(room.id));
  }

  async function loadAll () {
    const [profile, rooms] = await Promise.all([api('/api/v1/profile'), api('/api/v1/rooms')]);

    if (!plain) {
      const me = await api('/api/v1/stations/me');
      state.shownIds = me.rooms && me.rooms.length ? new Set(me.rooms) : null;
    }
    state.profile = profile;
    state.rooms = rooms.filter(shows);
    const queues = await Promise.all(state.rooms.map((room) => api('/api/v1/rooms/' + room.id + '/queue')));
    state.queues = new Map(state.rooms.map((room, i) => [room.id, queues[i]]));
    takeCallsFromQueues();
    await loadLoket();
  }

  /* The loket tickets called and not yet registered, latest first: on the
   * board after a (re)connection as the rooms' open stops are. */
  async function loadLoket () {
    let tickets;
    try {
      tickets = await api('/api/v1/loket/tickets');
    } catch (e) {
      if (e instanceof Unpaired)
        throw e;
      return;   /* a manager without the loket */
    }
    for (const ticket of tickets.called || []) {
      if (!ticket.called_at || state.calls.some((call) => call.stop === loketKey(ticket)))
        continue;
      state.calls.push(loketCall(ticket, Date.parse(ticket.called_at)));
    }
    state.calls.sort((a, b) => b.at - a.at);
    state.calls.length = Math.min(state.calls.length, HISTORY_MAX);
  }

  function loketKey (ticket) {
    return 'L' + ticket.id;
  }

  function loketCall (ticket, at) {
    return {
      stop: loketKey(ticket), room: null, ticket: ticket.ticket, at: at,
      counter: 0, name: null, loket: ticket.id, desk: ticket.desk || '',
    };
  }

  function refreshSoon () {
    if (state.refreshId)
      return;
    state.refreshId = setTimeout(async () => {
      state.refreshId = 0;
      try {
        await loadAll();
        render();
      } catch (e) {
        if (e instanceof Unpaired)
          showPairing();
      }
    }, REFRESH_DELAY_MS);
  }

  function roomById (id) {
    return state.rooms.find((room) => room.id === id) || null;
  }

  function openStops (queue) {
    return (queue.called || []).concat(queue.serving || []);
  }

  /* Stops called or in service: on the board even when their call was
   * not heard (a display that starts mid-day, or came back). */
  function takeCallsFromQueues () {
    for (const queue of state.queues.values()) {
      for (const stop of openStops(queue)) {
        if (!stop.called_at || state.calls.some((call) => call.stop === stop.id))
          continue;
        state.calls.push({
          stop: stop.id, room: stop.room, ticket: stop.ticket,
          at: Date.parse(stop.called_at), counter: stop.counter || 0, name: null,
        });
      }
    }
    state.calls = state.calls.filter((call) => call.loket || roomById(call.room) !== null);
    state.calls.sort((a, b) => b.at - a.at);
    state.calls.length = Math.min(state.calls.length, HISTORY_MAX);
  }

  function called (message) {
    const stop = message.stop || {};
    const room = roomById(message.room);

    if (room === null || !message.ticket)
      return;
    const old = state.calls.find((call) => call.stop === stop.id);
    const call = {
      stop: stop.id, room: room.id, ticket: message.ticket,
      at: Date.parse(message.at) || Date.now(),
      counter: message.counter || stop.counter || 0,
      name: old ? old.name : null,
    };
    /* The room's card shows it now; its queue is read again soon. */
    const queue = state.queues.get(room.id);
    if (queue && stop.id && stop.called_at) {
      queue.called = (queue.called || []).filter((s) => s.id !== stop.id).concat([stop]);
      queue.waiting = (queue.waiting || []).filter((s) => s.id !== stop.id);
    }
    state.calls = [call].concat(state.calls.filter((c) => c.stop !== stop.id));
    state.calls.length = Math.min(state.calls.length, HISTORY_MAX);
    hold(call.stop);
    announce(call);
    render();
    refreshSoon();
  }

  /* A loket ticket called to a desk: large in its turn, and said. */
  function loketCalled (ticket) {
    if (!ticket.id || !ticket.ticket || !ticket.desk)
      return;
    const call = loketCall(ticket, Date.now());

    state.calls = [call].concat(state.calls.filter((c) => c.stop !== call.stop));
    state.calls.length = Math.min(state.calls.length, HISTORY_MAX);
    hold(call.stop);
    announce(call);
    render();
  }

  /* ── which call is large ───────────────────────────────────────── */

  function showLarge (stop) {
    const call = state.calls.find((c) => c.stop === stop);

    probe.largeLog.push({ ticket: call ? call.ticket : '', at: performance.now() });
    if (probe.largeLog.length > CLIP_LOG_MAX)
      probe.largeLog.shift();
    state.shown = stop;
    clearTimeout(state.holdId);
    state.holdId = setTimeout(holdOver, HOLD_MS);
    markNew();
  }

  /* The call held large had its time: the next waiting one, if still on
   * the board, takes its place. */
  function holdOver () {
    state.holdId = 0;
    while (state.waiting.length > 0) {
      const next = state.waiting.shift();
      if (state.calls.some((call) => call.stop === next)) {
        showLarge(next);
        render();
        return;
      }
    }
    state.shown = 0;
    render();
  }

  /* Large now if none is held, else after the calls before it. */
  function hold (stop) {
    if (!state.holdId || state.shown === stop) {
      showLarge(stop);
      return;
    }
    if (state.waiting.includes(stop))
      return;
    state.waiting.push(stop);
    if (state.waiting.length > MAX_WAITING)
      state.waiting.shift();
  }

  /* The call held, else the newest that does not wait its turn. */
  function largeCall () {
    const held = state.shown ? state.calls.find((call) => call.stop === state.shown) : null;

    return held || state.calls.find((call) => !state.waiting.includes(call.stop)) || null;
  }

  /* ── showing ───────────────────────────────────────────────────── */

  /* A name only where the puskesmas shows them, never for a number-only
   * room; the manager gives a display names with its queues alone. */
  function nameOf (call) {
    const room = roomById(call.room);

    if (plain || !state.profile.display_names || !room || room.number_only)
      return null;
    if (!call.name) {
      const queue = state.queues.get(call.room);
      const stop = queue ? openStops(queue).find((s) => s.id === call.stop) : null;
      if (stop && stop.patient_name)
        call.name = stop.patient_name;
    }
    return call.name || null;
  }

  function where (call) {
    if (call.loket)
      return call.desk;
    const room = roomById(call.room);
    const name = room ? room.name : '';

    return call.counter > 0 ? TEXT.counter(name, call.counter) : name;
  }

  function currentNumber (room) {
    const queue = state.queues.get(room.id);
    let best = null;

    for (const stop of queue ? openStops(queue) : []) {
      if (stop.called_at && (best === null || Date.parse(stop.called_at) >= Date.parse(best.called_at)))
        best = stop;
    }
    return best ? best.ticket : '—';
  }

  function render () {
    const name = state.profile.name;
    const latest = largeCall();

    $('puskesmas').textContent = name ? name : TEXT.puskesmas;
    document.title = (name ? name : TEXT.puskesmas) + ' · Giliran';
    $('latest-ticket').textContent = latest ? latest.ticket : '—';
    $('latest-room').textContent = latest ? where(latest) : TEXT.firstCall;
    $('latest-name').textContent = latest ? (nameOf(latest) || '') : '';
    $('latest').dataset.stop = latest ? String(latest.stop) : '';
    $('latest').classList.toggle('loket', latest !== null && Boolean(latest.loket));

    const recent = $('recent');
    recent.replaceChildren();
    const recentCalls = state.calls.filter((call) => call !== latest && !state.waiting.includes(call.stop));
    for (const call of recentCalls.slice(0, RECENT_MAX)) {
      const item = element('li');
      const text = element('div', 'where', where(call));
      const callName = nameOf(call);

      item.dataset.stop = String(call.stop);
      item.append(element('span', 'ticket', call.ticket));
      if (callName)
        text.prepend(element('div', 'name', callName));
      item.append(text);
      recent.append(item);
    }

    const rooms = $('rooms');
    rooms.replaceChildren();
    for (const room of state.rooms) {
      const card = element('div', 'room');
      const queue = state.queues.get(room.id);
      const waiting = queue ? (queue.waiting || []).length : room.waiting || 0;

      card.dataset.room = String(room.id);
      card.append(element('div', 'room-name', room.name),
                  element('div', 'room-number', currentNumber(room)),
                  element('div', 'room-waiting', TEXT.waiting(waiting)));
      rooms.append(card);
    }
  }

  function markNew () {
    $('latest').classList.add('new');
    clearTimeout(state.newCallId);
    state.newCallId = setTimeout(() => $('latest').classList.remove('new'), NEW_CALL_MS);
  }

  let soundFailing = false;

  function showStatus () {
    const text = [];

    if (document.body.dataset.state === 'offline')
      text.push(TEXT.offline);
    if (soundFailing)
      text.push(TEXT.soundFailed);
    $('status').textContent = text.join(' · ');
  }

  /* ── sound ─────────────────────────────────────────────────────── */

  const audio = new Audio();
  const pending = [];   /* calls waiting to be announced */
  let speaking = false;

  function enableSound () {
    probe.sound = true;
    $('sound').hidden = true;
    /* The gesture lets this page play: a silent start proves it. */
    audio.muted = true;
    audio.src = '/sounds/chime.oga';
    audio.play().then(() => {
      audio.pause();
      audio.muted = false;
    }).catch(() => {
      audio.muted = false;
    });
  }

  /* At most MAX_PENDING wait: the oldest goes, its call is on the board.
   * A stop called again while it waits is said once, in its place. */
  function announce (call) {
    if (!probe.sound)
      return;
    const same = pending.findIndex((c) => c.stop === call.stop);
    if (same >= 0)
      pending[same] = call;
    else
      pending.push(call);
    while (pending.length > MAX_PENDING)
      pending.shift();
    if (!speaking)
      speakNext();
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  function playClip (clip) {
    const url = '/sounds/' + clip + '.oga';
    const entry = { clip: clip, url: url, result: 'playing' };

    probe.clipLog.push(entry);
    if (probe.clipLog.length > CLIP_LOG_MAX)
      probe.clipLog.shift();
    return new Promise((resolve) => {
      let limit = 0;
      const done = (result) => {
        clearTimeout(limit);
        audio.onended = audio.onerror = null;
        entry.result = result;
        resolve(result);
      };
      limit = setTimeout(() => done('timeout'), CLIP_LIMIT_MS);
      audio.onended = () => done('ended');
      audio.onerror = () => done('error');
      audio.src = url;
      audio.play().catch(() => done('refused'));
    });
  }

  async function speakNext () {
    const call = pending.shift();

    if (!call) {
      speaking = false;
      return;
    }
    speaking = true;
    try {
      const counter = call.counter > 0 ? '&counter=' + call.counter : '';
      const reply = call.loket
        ? await api('/api/v1/loket/tickets/' + call.loket + '/announcement')
        : await api('/api/v1/rooms/' + call.room + '/announcement?ticket=' +
                    encodeURIComponent(call.ticket) + counter);
      let failed = false;
      for (let i = 0; i < reply.clips.length; i++) {
        const clip = reply.clips[i];
        if (clip === ',') {
          await sleep(PAUSE_MS);
          continue;
        }
        const result = await playClip(clip);
        failed = failed || result !== 'ended';
        await sleep(i === 0 ? CHIME_GAP_MS : WORD_GAP_MS);
      }
      soundFailing = failed;
    } catch (e) {
      soundFailing = true;
    }
    showStatus();
    await sleep(GAP_MS);
    speakNext();
  }

  /* ── start ─────────────────────────────────────────────────────── */

  function start () {
    $('sound').addEventListener('click', enableSound);
    Giliran.startClock();
    if (!plain && !Giliran.token)
      showPairing();
    else
      pairing.open();
  }

  start();
})();
