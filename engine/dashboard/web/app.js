// infrarisk live dashboard: reads the engine's event stream (/v1/events)
// and shows the published parameters, the signals behind them, their
// history and the volatility smile, plus a what-if margin form that posts
// to /v1/margin. Plain ES2020 and DOM; uPlot draws the charts.
'use strict';

(() => {
  const STREAM_URL = '/v1/events';
  const MARGIN_URL = '/v1/margin';
  const SILENT_MS = 5000; // no event for this long (browser clock): stale
  const REOPEN_MS = 3000; // retry delay once EventSource gives up
  const MAX_POINTS = 3000; // history points kept per market
  const REJECTED_RECENTLY_MS = 5 * 60 * 1000; // on the engine's clock
  const CHART_HEIGHT = 190;

  // Parameters in reading order; any others follow sorted by name.
  const PARAMS = [
    ['scan_range', 'scan range'],
    ['vol_shock_up', 'vol shock up'],
    ['vol_shock_down', 'vol shock down'],
    ['liquidation_horizon_s', 'liquidation horizon (s)'],
    ['maintenance_multiplier', 'maintenance multiplier'],
    ['initial_multiplier', 'initial multiplier'],
    ['liquidation_bonus', 'liquidation bonus'],
    ['close_factor', 'close factor'],
    ['grace_period_s', 'grace period (s)'],
    ['deep_underwater_health', 'deep-underwater health'],
    ['p_fail', 'failure probability'],
  ];
  const PARAM_LABELS = new Map(PARAMS);
  const FLAGS = [
    ['new_positions_paused', 'new positions paused'],
    ['liquidations_paused', 'liquidations paused'],
    ['halt', 'halt'],
  ];
  const OVERRIDES = ['base_fee_gwei', 'finality_lag_epochs', 'oracle_age_s'];
  const REGIME_BANDS = {
    normal: 'rgba(26, 127, 55, 0.12)',
    elevated: 'rgba(230, 180, 0, 0.22)',
    stressed: 'rgba(232, 119, 46, 0.24)',
    halted: 'rgba(180, 35, 24, 0.24)',
  };
  const UNKNOWN_BAND = 'rgba(110, 119, 129, 0.15)';
  const SERIES_COLORS = { a: '#0a58ca', b: '#b3261e', c: '#6f42c1' };

  const $ = (id) => document.getElementById(id);

  // ---- DOM building and formatting ----

  // el builds an element: attrs holds attributes (class, data-*, …), plus
  // "text" for textContent; children are nodes or strings.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') node.textContent = String(v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) {
      if (c === undefined || c === null || c === false) continue;
      node.append(c instanceof Node ? c : String(c));
    }
    return node;
  }

  // parseTime reads an RFC 3339 time (any number of fraction digits) into
  // milliseconds since the epoch, or NaN.
  function parseTime(s) {
    if (typeof s !== 'string' || s === '') return NaN;
    return Date.parse(s.replace(/(\.\d{3})\d+/, '$1'));
  }

  function fmtTime(ms) {
    if (!Number.isFinite(ms)) return '—';
    return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  }

  // fmtNum prints a float compactly for tables and chart axes.
  function fmtNum(v) {
    if (v === null || v === undefined || v === '') return '—';
    const n = Number(v);
    if (!Number.isFinite(n)) return String(v);
    if (Number.isInteger(n)) return String(n);
    const a = Math.abs(n);
    if (a >= 1000) return n.toFixed(0);
    if (a >= 100) return n.toFixed(1);
    if (a >= 1) return String(Number(n.toFixed(3)));
    return String(Number(n.toPrecision(3)));
  }

  // fmtPct prints a decimal fraction as a signed percentage with a true
  // minus sign: -0.021 → "−2.1%".
  function fmtPct(v, signed) {
    const n = Number(v);
    if (v === null || v === undefined || v === '' || !Number.isFinite(n)) return '—';
    const s = Math.abs(n * 100).toFixed(1) + '%';
    if (n < 0) return '\u2212' + s;
    return (signed && n > 0 ? '+' : '') + s;
  }

  function whyClass(why) {
    const w = String(why || '').toLowerCase();
    if (w.includes('held')) return 'why-held';
    if (w.includes('tighten') || w.includes('raised') || w.includes('halt') || w.includes('max')) return 'why-tight';
    if (w.includes('loosen') || w.includes('lowered') || w.includes('min')) return 'why-loose';
    return 'why-other';
  }

  function badge(regime) {
    const r = regime || 'unknown';
    return el('span', { class: 'regime-badge', 'data-regime': r, text: r });
  }

  // ---- state ----

  const state = {
    markets: [], // names, in the order hello gave them
    current: new Map(), // market → {update, previous}
    history: new Map(), // market → columnar history
    smiles: new Map(), // market → smile event
    snapshotAt: NaN, // engine clock of the newest snapshot
    replica: null,
  };

  function resetState(hello) {
    state.markets = Array.isArray(hello.markets) ? hello.markets.slice() : [];
    state.current.clear();
    state.history.clear();
    state.smiles.clear();
    state.snapshotAt = NaN;
    state.replica = hello.replica || null;
    for (const m of state.markets) state.history.set(m, emptyHistory());
  }

  function knowMarket(m) {
    if (typeof m !== 'string' || m === '') return false;
    if (!state.markets.includes(m)) {
      state.markets.push(m);
      state.history.set(m, emptyHistory());
      syncMarketSelect();
    }
    return true;
  }

  // ---- history store ----

  function emptyHistory() {
    return { t: [], seq: [], regime: [], hmin: [], pfail: [], scan: [], mm: [], im: [] };
  }

  function num(v) {
    if (v === null || v === undefined || v === '') return null;
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }

  function pushPoint(h, p) {
    const t = parseTime(p.t);
    if (!Number.isFinite(t)) return false;
    const last = h.t.length - 1;
    if (last >= 0) {
      // Keep the series in time order and drop repeats of the newest point
      // (an update seen both as an event and in a snapshot).
      if (t / 1000 < h.t[last]) return false;
      if (p.seq != null && h.seq[last] !== null && Number(p.seq) === h.seq[last]) return false;
    }
    const hs = num(p.h_eff_s);
    h.t.push(t / 1000);
    h.seq.push(p.seq == null ? null : Number(p.seq));
    h.regime.push(p.regime || '');
    h.hmin.push(hs === null ? null : hs / 60);
    h.pfail.push(num(p.p_fail));
    h.scan.push(num(p.scan_range));
    h.mm.push(num(p.maintenance_multiplier));
    h.im.push(num(p.initial_multiplier));
    return true;
  }

  function capHistory(h) {
    const extra = h.t.length - MAX_POINTS;
    if (extra > 0) for (const k of Object.keys(h)) h[k].splice(0, extra);
  }

  function pointFromUpdate(u) {
    const p = u.params || {};
    return {
      t: u.issued_at,
      seq: u.seq,
      regime: u.regime,
      h_eff_s: p.liquidation_horizon_s,
      p_fail: p.p_fail,
      scan_range: p.scan_range,
      maintenance_multiplier: p.maintenance_multiplier,
      initial_multiplier: p.initial_multiplier,
    };
  }

  function appendUpdatePoint(market, u) {
    const h = state.history.get(market);
    if (h && pushPoint(h, pointFromUpdate(u))) {
      capHistory(h);
      markChartsDirty(market);
    }
  }

  // ---- connection status ----

  let conn = 'reconnecting';
  let lastEventAt = 0;
  let source = null;
  let reopenTimer = 0;

  function setConn(s) {
    if (conn === s) return;
    conn = s;
    // Without the stream nothing says the parameters still hold: every
    // market reads stale until the engine speaks again.
    for (const m of state.markets) refreshStale(m);
    const node = $('conn-status');
    node.textContent = s;
    node.dataset.state = s;
    document.body.dataset.conn = s;
  }

  function touch() {
    lastEventAt = Date.now();
    setConn('live');
  }

  function watchSilence() {
    if (conn === 'live' && Date.now() - lastEventAt > SILENT_MS) setConn('stale');
  }

  function connect() {
    clearTimeout(reopenTimer);
    if (source) source.close();
    const es = new EventSource(STREAM_URL);
    source = es;
    es.addEventListener('open', () => touch());
    es.addEventListener('error', () => {
      setConn('reconnecting');
      // EventSource retries by itself unless the answer was unusable (not
      // an event stream, or an HTTP error): then it closes for good.
      if (es.readyState === EventSource.CLOSED && source === es) {
        reopenTimer = setTimeout(connect, REOPEN_MS);
      }
    });
    const handlers = { hello: onHello, history: onHistory, update: onUpdate, snapshot: onSnapshot, smile: onSmile };
    for (const [name, fn] of Object.entries(handlers)) {
      es.addEventListener(name, (ev) => {
        touch();
        let data;
        try {
          data = JSON.parse(ev.data);
        } catch (err) {
          console.warn(`infrarisk: bad ${name} event`, err);
          return;
        }
        try {
          fn(data);
        } catch (err) {
          console.error(`infrarisk: handling ${name} event`, err);
        }
      });
    }
  }

  // ---- event handlers ----

  function onHello(d) {
    resetState(d || {});
    renderReplica();
    $('engine-at').textContent = '—';
    rebuildCards();
    rebuildHistory();
    rebuildSmiles();
    resetSignals();
    syncMarketSelect();
  }

  function onHistory(d) {
    if (!d || !knowMarket(d.market)) return;
    const h = emptyHistory();
    const pts = Array.isArray(d.points) ? d.points : [];
    for (const p of pts) pushPoint(h, p);
    // Updates that arrived before the history stay on top of it.
    const old = state.history.get(d.market);
    if (old) {
      for (let i = 0; i < old.t.length; i++) {
        pushPoint(h, {
          t: new Date(old.t[i] * 1000).toISOString(), seq: old.seq[i], regime: old.regime[i],
          h_eff_s: old.hmin[i] === null ? null : old.hmin[i] * 60, p_fail: old.pfail[i],
          scan_range: old.scan[i], maintenance_multiplier: old.mm[i], initial_multiplier: old.im[i],
        });
      }
    }
    capHistory(h);
    state.history.set(d.market, h);
    ensureHistoryBlock(d.market);
    markChartsDirty(d.market);
  }

  function onUpdate(d) {
    if (!d || !d.update || !knowMarket(d.market)) return;
    const u = d.update;
    const cur = state.current.get(d.market);
    if (cur && Number(cur.update.seq) > Number(u.seq)) return; // late and superseded
    state.current.set(d.market, { update: u, previous: d.previous || null });
    appendUpdatePoint(d.market, u);
    renderCard(d.market);
  }

  function onSnapshot(d) {
    if (!d) return;
    const at = parseTime(d.at);
    if (Number.isFinite(at)) state.snapshotAt = at;
    $('engine-at').textContent = fmtTime(at);
    if (d.replica) {
      state.replica = d.replica;
      renderReplica();
    }
    for (const [m, u] of Object.entries(d.markets || {})) {
      if (!u || !knowMarket(m)) continue;
      const cur = state.current.get(m);
      if (!cur || Number(u.seq) > Number(cur.update.seq)) {
        // An update we did not see as an event (e.g. just connected).
        state.current.set(m, { update: u, previous: cur ? cur.update : null });
        appendUpdatePoint(m, u);
        renderCard(m);
      }
    }
    for (const m of state.markets) refreshStale(m);
    renderSignals(d.chains || {}, at);
    renderRejections(d.rejections || {});
  }

  function onSmile(d) {
    if (!d || !knowMarket(d.market)) return;
    state.smiles.set(d.market, d);
    renderSmile(d.market);
  }

  // ---- header ----

  function renderReplica() {
    const r = state.replica;
    const node = $('replica');
    if (!r) {
      node.textContent = '—';
      return;
    }
    const role = r.leader ? 'leader' : 'follower';
    node.textContent = `${r.id || '?'} · ${role}${r.term != null ? ` · term ${r.term}` : ''}`;
    node.dataset.role = role;
  }

  // ---- market cards ----

  const cards = new Map(); // market → card element

  function rebuildCards() {
    const box = $('markets');
    box.replaceChildren();
    cards.clear();
    if (state.markets.length === 0) box.append(el('p', { class: 'placeholder', text: 'The engine lists no markets.' }));
    for (const m of state.markets) renderCard(m);
  }

  function ensureCard(market) {
    let card = cards.get(market);
    if (!card) {
      const box = $('markets');
      const ph = box.querySelector('.placeholder');
      if (ph) ph.remove();
      card = el('article', { class: 'card', 'data-market': market, 'data-stale': 'false' });
      cards.set(market, card);
      box.append(card);
    }
    return card;
  }

  function renderCard(market) {
    const card = ensureCard(market);
    const cur = state.current.get(market);
    if (!cur) {
      card.replaceChildren(
        el('header', { class: 'card-head' }, el('h3', { text: market }), badge('unknown')),
        el('p', { class: 'muted', text: 'Waiting for the first update.' }),
      );
      return;
    }
    const u = cur.update;
    const prev = cur.previous;
    const head = el('header', { class: 'card-head' }, el('h3', { text: market }), badge(u.regime));
    if (prev && prev.regime && prev.regime !== u.regime) {
      head.append(el('span', { class: 'regime-was', text: `was ${prev.regime}` }));
    }
    const meta = el('dl', { class: 'meta' },
      el('dt', { text: 'seq' }), el('dd', { 'data-field': 'seq', text: u.seq }),
      el('dt', { text: 'stress index' }), el('dd', { 'data-field': 'stress_index', text: u.stress_index ?? '—' }),
      el('dt', { text: 'issued' }), el('dd', { 'data-field': 'issued_at', text: fmtTime(parseTime(u.issued_at)) }),
      el('dt', { text: 'valid until' }), el('dd', { 'data-field': 'valid_until', text: fmtTime(parseTime(u.valid_until)) }),
    );
    const staleNote = el('p', { class: 'stale-note', role: 'status', hidden: true, text: 'stale: no update since valid_until' });
    card.replaceChildren(head, meta, staleNote, renderFlags(u, prev), renderParams(u, prev), renderReasons(u));
    refreshStale(market);
  }

  function renderFlags(u, prev) {
    const list = el('ul', { class: 'flags', 'aria-label': 'flags' });
    const flags = u.flags || {};
    const before = prev && prev.flags ? prev.flags : null;
    for (const [name, label] of FLAGS) {
      const on = flags[name] === true;
      const changed = before !== null && (before[name] === true) !== on;
      list.append(el('li', {
        class: `flag${on ? ' on' : ''}${changed ? ' changed' : ''}`,
        'data-flag': name,
        'data-on': String(on),
      }, `${label}: `, el('strong', { text: on ? 'yes' : 'no' })));
    }
    return list;
  }

  function paramNames(u) {
    const have = Object.keys(u.params || {});
    const known = PARAMS.map(([n]) => n).filter((n) => have.includes(n));
    const rest = have.filter((n) => !PARAM_LABELS.has(n)).sort();
    return known.concat(rest);
  }

  function renderParams(u, prev) {
    const params = u.params || {};
    const before = prev && prev.params ? prev.params : null;
    const body = el('tbody');
    for (const name of paramNames(u)) {
      const value = params[name];
      const old = before ? before[name] : undefined;
      const row = el('tr', { 'data-param': name });
      const change = el('td', { class: 'change' });
      if (old === undefined || old === null) {
        change.textContent = before ? 'new' : '—';
      } else if (old === value || Number(old) === Number(value)) {
        change.append(el('span', { class: 'muted', text: 'unchanged' }));
      } else {
        const up = Number(value) > Number(old);
        row.classList.add('changed');
        row.dataset.change = up ? 'up' : 'down';
        change.append(
          el('span', { class: `arrow ${up ? 'up' : 'down'}`, 'aria-label': up ? 'up' : 'down', text: up ? '↑' : '↓' }),
          ` from ${old}`,
        );
      }
      row.append(
        el('th', { scope: 'row' }, PARAM_LABELS.get(name) || name, el('code', { text: name })),
        el('td', { class: 'value num', text: value }),
        change,
      );
      body.append(row);
    }
    const table = el('table', { class: 'params data' },
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: 'parameter' }),
        el('th', { scope: 'col', class: 'num', text: 'value' }),
        el('th', { scope: 'col', text: 'since previous' }))),
      body);
    return el('div', { class: 'scroll' }, table);
  }

  function renderReasons(u) {
    const reasons = Array.isArray(u.reasons) ? u.reasons : [];
    const list = el('ul', { class: 'reasons' });
    if (reasons.length === 0) list.append(el('li', { class: 'muted', text: 'No reasons given.' }));
    for (const r of reasons) {
      const item = el('li', { class: whyClass(r.why), 'data-why': r.why || '' });
      if (r.why) item.append(el('span', { class: 'why', text: r.why }), ' ');
      if (r.param) {
        item.append(el('code', { class: 'reason-param', text: r.param }));
        if (r.before || r.after) item.append(' ', el('span', { class: 'reason-move', text: `${r.before || '?'} → ${r.after || '?'}` }));
        item.append(el('br'));
      }
      item.append(el('span', { class: 'reason-text', text: r.text || '' }));
      list.append(item);
    }
    return el('div', { class: 'reasons-block' }, el('h4', { text: 'Reasons' }), list);
  }

  function refreshStale(market) {
    const card = cards.get(market);
    const cur = state.current.get(market);
    if (!card || !cur) return;
    const until = parseTime(cur.update.valid_until);
    const expired = Number.isFinite(state.snapshotAt) && Number.isFinite(until) && state.snapshotAt > until;
    const silent = conn !== 'live';
    const stale = expired || silent;
    card.dataset.stale = String(stale);
    const note = card.querySelector('.stale-note');
    if (note) {
      note.hidden = !stale;
      note.textContent = expired ? 'stale: no update since valid_until' : 'stale: no word from the engine';
    }
  }

  // ---- signals ----

  const signalBlocks = new Map(); // chain → {block, body, rows: Map(kind → tr)}

  function resetSignals() {
    signalBlocks.clear();
    $('signals').replaceChildren(el('p', { class: 'placeholder', text: 'No snapshot yet.' }));
    renderRejections({});
  }

  function signalState(s, at) {
    const rej = parseTime(s.rejected_at);
    if (Number.isFinite(rej) && Number.isFinite(at) && at - rej <= REJECTED_RECENTLY_MS && at - rej >= -REJECTED_RECENTLY_MS) {
      return 'rejected recently';
    }
    return s.freshness || 'missing';
  }

  function renderSignals(chains, at) {
    const box = $('signals');
    const names = Object.keys(chains).sort();
    if (names.length === 0) {
      if (signalBlocks.size === 0 && !box.querySelector('.placeholder')) {
        box.replaceChildren(el('p', { class: 'placeholder', text: 'No signals.' }));
      }
      return;
    }
    const ph = box.querySelector('.placeholder');
    if (ph) ph.remove();
    for (const [chain, blk] of signalBlocks) {
      if (!names.includes(chain)) {
        blk.block.remove();
        signalBlocks.delete(chain);
      }
    }
    for (const chain of names) {
      let blk = signalBlocks.get(chain);
      if (!blk) {
        const body = el('tbody');
        const table = el('table', { class: 'signals data', 'data-chain': chain },
          el('thead', {}, el('tr', {},
            el('th', { scope: 'col', text: 'kind' }),
            el('th', { scope: 'col', class: 'num', text: 'value' }),
            el('th', { scope: 'col', class: 'num', text: 'age (s)' }),
            el('th', { scope: 'col', text: 'state' }),
            el('th', { scope: 'col', class: 'num', text: 'score' }))),
          body);
        const block = el('div', { class: 'signal-block' }, el('h3', { text: chain }), el('div', { class: 'scroll' }, table));
        blk = { block, body, rows: new Map() };
        signalBlocks.set(chain, blk);
      }
      box.append(blk.block); // keeps chains sorted
      updateSignalRows(blk, Array.isArray(chains[chain]) ? chains[chain] : [], at);
    }
  }

  function updateSignalRows(blk, readings, at) {
    const seen = new Set();
    for (const s of readings) {
      const kind = String(s.kind);
      seen.add(kind);
      let row = blk.rows.get(kind);
      if (!row) {
        row = el('tr', { class: 'sig-row', 'data-kind': kind },
          el('th', { scope: 'row', text: kind }), el('td', { class: 'num' }), el('td', { class: 'num' }),
          el('td', { class: 'state' }), el('td', { class: 'num' }));
        blk.rows.set(kind, row);
      }
      blk.body.append(row); // keeps the server's order
      const score = Math.min(1, Math.max(0, Number(s.score) || 0));
      const st = signalState(s, at);
      const [, valueCell, ageCell, stateCell, scoreCell] = row.children;
      valueCell.textContent = s.freshness === 'missing' && (s.value === null || s.value === undefined) ? '—' : fmtNum(s.value);
      ageCell.textContent = s.age_s === null || s.age_s === undefined ? '—' : Number(s.age_s).toFixed(1);
      stateCell.textContent = st;
      stateCell.title = st === 'rejected recently'
        ? `freshness ${s.freshness || '?'}; rejected at ${fmtTime(parseTime(s.rejected_at))}`
        : '';
      scoreCell.textContent = score.toFixed(2);
      row.dataset.state = st;
      row.dataset.freshness = s.freshness || '';
      row.dataset.level = score >= 0.75 ? 'high' : score >= 0.4 ? 'mid' : score > 0.1 ? 'low' : 'none';
      row.style.setProperty('--score', String(score));
    }
    for (const [kind, row] of blk.rows) {
      if (!seen.has(kind)) {
        row.remove();
        blk.rows.delete(kind);
      }
    }
  }

  function renderRejections(rej) {
    const body = $('rejections').tBodies[0];
    const keys = Object.keys(rej).sort();
    const rows = keys.map((k) => el('tr', { 'data-reason': k },
      el('th', { scope: 'row', text: k }), el('td', { class: 'num', text: fmtNum(rej[k]) })));
    if (rows.length === 0) rows.push(el('tr', {}, el('td', { colspan: 2, class: 'muted', text: 'none' })));
    body.replaceChildren(...rows);
  }

  // ---- charts ----

  const utc = (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC');

  // utcTicks labels time ticks in 24-hour UTC, with the date under the
  // first tick and wherever the day changes.
  function utcTicks(u, splits) {
    const step = splits.length > 1 ? splits[1] - splits[0] : 3600;
    let day = '';
    return splits.map((ts) => {
      const iso = new Date(ts * 1000).toISOString();
      const clock = step < 60 ? iso.slice(11, 19) : iso.slice(11, 16);
      const d = iso.slice(0, 10);
      if (d === day) return clock;
      day = d;
      return `${clock}\n${d}`;
    });
  }
  const charts = new Map(); // market → [{chart, cols}]
  const smileCharts = new Map(); // market → {chart, select, rr}
  const dirty = new Set();
  let frame = 0;

  const resizer = new ResizeObserver((entries) => {
    for (const e of entries) {
      const u = e.target.__uplot;
      const w = Math.floor(e.contentRect.width);
      if (u && w > 0 && Math.abs(u.width - w) > 1) u.setSize({ width: w, height: CHART_HEIGHT });
    }
  });

  function widthOf(node) {
    return Math.max(240, Math.floor(node.clientWidth || 0) || 360);
  }

  function drawBands(u, market) {
    const h = state.history.get(market);
    const xs = u.data[0];
    if (!h || !xs || xs.length === 0) return;
    const { ctx, bbox } = u;
    ctx.save();
    ctx.beginPath();
    ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
    ctx.clip();
    for (let i = 0; i < xs.length;) {
      let j = i;
      while (j + 1 < xs.length && h.regime[j + 1] === h.regime[i]) j++;
      const x0 = u.valToPos(xs[i], 'x', true);
      const x1 = j + 1 < xs.length ? u.valToPos(xs[j + 1], 'x', true) : bbox.left + bbox.width;
      ctx.fillStyle = REGIME_BANDS[h.regime[i]] || UNKNOWN_BAND;
      ctx.fillRect(x0, bbox.top, Math.max(1, x1 - x0), bbox.height);
      i = j + 1;
    }
    ctx.restore();
  }

  // HISTORY_CHARTS lists the charts drawn per market: title, y label and
  // the columns of the history store they plot.
  const HISTORY_CHARTS = [
    { title: 'Liquidation horizon H_eff (minutes)', series: [['H_eff (min)', 'hmin', SERIES_COLORS.a]] },
    { title: 'Failure probability p_fail', series: [['p_fail', 'pfail', SERIES_COLORS.b]] },
    { title: 'Scan range', series: [['scan range', 'scan', SERIES_COLORS.a]] },
    { title: 'Margin multipliers', series: [['maintenance', 'mm', SERIES_COLORS.a], ['initial', 'im', SERIES_COLORS.c]] },
  ];

  function rebuildHistory() {
    for (const list of charts.values()) {
      for (const c of list) {
        resizer.unobserve(c.holder);
        c.chart.destroy();
      }
    }
    charts.clear();
    const box = $('history');
    box.replaceChildren();
    if (state.markets.length === 0) box.append(el('p', { class: 'placeholder', text: 'No markets.' }));
    for (const m of state.markets) ensureHistoryBlock(m);
  }

  function ensureHistoryBlock(market) {
    if (charts.has(market)) return;
    const box = $('history');
    const ph = box.querySelector('.placeholder');
    if (ph) ph.remove();
    const grid = el('div', { class: 'chart-grid' });
    const block = el('div', { class: 'history-block', 'data-history-market': market }, el('h3', { text: market }), grid);
    box.append(block);
    const list = [];
    for (const spec of HISTORY_CHARTS) {
      const holder = el('div', { class: 'chart' });
      grid.append(holder);
      const opts = {
        title: spec.title,
        width: widthOf(holder),
        height: CHART_HEIGHT,
        tzDate: utc,
        scales: { x: { time: true } },
        cursor: { sync: { key: `hist:${market}` } },
        legend: { live: true },
        series: [
          { label: 'time (UTC)', value: (u, v) => (v === null || v === undefined ? '—' : fmtTime(v * 1000)) },
          ...spec.series.map(([label, , color]) => ({
            label, stroke: color, width: 2, spanGaps: true,
            value: (u, v) => (v === null || v === undefined ? '—' : fmtNum(v)),
          })),
        ],
        axes: [
          { stroke: '#1f2328', grid: { stroke: 'rgba(0,0,0,0.07)' }, values: utcTicks },
          { stroke: '#1f2328', size: 56, grid: { stroke: 'rgba(0,0,0,0.07)' }, values: (u, splits) => splits.map(fmtNum) },
        ],
        hooks: { drawClear: [(u) => drawBands(u, market)] },
      };
      const chart = new uPlot(opts, historyData(market, spec), holder);
      holder.__uplot = chart;
      resizer.observe(holder);
      list.push({ chart, spec, holder });
    }
    charts.set(market, list);
  }

  function historyData(market, spec) {
    const h = state.history.get(market) || emptyHistory();
    return [h.t, ...spec.series.map(([, col]) => h[col])];
  }

  function markChartsDirty(market) {
    dirty.add(market);
    if (!frame) frame = requestAnimationFrame(flushCharts);
  }

  function flushCharts() {
    frame = 0;
    for (const m of dirty) {
      ensureHistoryBlock(m);
      for (const { chart, spec } of charts.get(m) || []) chart.setData(historyData(m, spec));
    }
    dirty.clear();
  }

  // ---- smile ----

  function rebuildSmiles() {
    for (const s of smileCharts.values()) {
      if (s.observer) s.observer.disconnect();
      if (s.chart) s.chart.destroy();
    }
    smileCharts.clear();
    const box = $('smiles');
    box.replaceChildren();
    if (state.markets.length === 0) box.append(el('p', { class: 'placeholder', text: 'No markets.' }));
    for (const m of state.markets) ensureSmileBlock(m);
  }

  function ensureSmileBlock(market) {
    let s = smileCharts.get(market);
    if (s) return s;
    const box = $('smiles');
    const ph = box.querySelector('.placeholder');
    if (ph) ph.remove();
    const id = `smile-expiry-${smileCharts.size}`;
    const select = el('select', { id, disabled: true });
    const rr = el('p', { class: 'rr25', text: 'RR25 —' });
    const holder = el('div', { class: 'chart' }, el('p', { class: 'muted', text: 'Waiting for the smile.' }));
    const block = el('div', { class: 'smile-block', 'data-smile-market': market },
      el('h3', { text: market }),
      el('div', { class: 'smile-controls' }, el('label', { for: id, text: 'expiry ' }), select, rr),
      holder);
    box.append(block);
    s = { block, select, rr, holder, chart: null, observer: null };
    select.addEventListener('change', () => drawSmile(market));
    smileCharts.set(market, s);
    return s;
  }

  function expiryLabel(e) {
    const y = Number(e.t_years);
    if (!Number.isFinite(y)) return '?';
    const days = y * 365;
    return `${days < 10 ? days.toFixed(1) : Math.round(days)} d (${y.toFixed(4)} y)`;
  }

  function renderSmile(market) {
    const s = ensureSmileBlock(market);
    const d = state.smiles.get(market);
    const exps = d && Array.isArray(d.expiries) ? d.expiries : [];
    // Keep the chosen expiry across refreshes by its maturity.
    const before = s.select.selectedOptions[0] ? s.select.selectedOptions[0].dataset.years : null;
    s.select.replaceChildren(...exps.map((e, i) => el('option', { value: i, 'data-years': e.t_years, text: expiryLabel(e) })));
    s.select.disabled = exps.length === 0;
    if (before !== null) {
      const i = exps.findIndex((e) => String(e.t_years) === before);
      if (i >= 0) s.select.value = String(i);
    }
    drawSmile(market);
  }

  function drawSmile(market) {
    const s = smileCharts.get(market);
    const d = state.smiles.get(market);
    if (!s || !d || !Array.isArray(d.expiries) || d.expiries.length === 0) return;
    const e = d.expiries[Number(s.select.value) || 0];
    if (!e) return;
    s.rr.textContent = `RR25 base ${fmtPct(e.base_rr25)}, stressed ${fmtPct(e.stressed_rr25)}`;
    const k = Array.isArray(e.k) ? e.k : [];
    const idx = k.map((_, i) => i).sort((a, b) => k[a] - k[b]);
    const pct = (arr) => idx.map((i) => (Array.isArray(arr) && Number.isFinite(Number(arr[i])) ? Number(arr[i]) * 100 : null));
    const data = [idx.map((i) => Number(k[i])), pct(e.base_vol), pct(e.stressed_vol)];
    if (s.chart) {
      s.chart.setData(data);
      return;
    }
    s.holder.replaceChildren();
    const opts = {
      title: 'Implied vol (%) vs log-moneyness k',
      width: widthOf(s.holder),
      height: CHART_HEIGHT + 40,
      scales: { x: { time: false } },
      series: [
        { label: 'k', value: (u, v) => (v == null ? '—' : v.toFixed(3)) },
        { label: 'base', stroke: SERIES_COLORS.a, width: 2, value: (u, v) => (v == null ? '—' : `${v.toFixed(1)}%`) },
        { label: 'stressed', stroke: SERIES_COLORS.b, width: 2, dash: [6, 4], value: (u, v) => (v == null ? '—' : `${v.toFixed(1)}%`) },
      ],
      axes: [
        { stroke: '#1f2328', label: 'k = ln(K/F)', grid: { stroke: 'rgba(0,0,0,0.07)' } },
        { stroke: '#1f2328', size: 50, label: 'vol %', grid: { stroke: 'rgba(0,0,0,0.07)' } },
      ],
    };
    s.chart = new uPlot(opts, data, s.holder);
    s.holder.__uplot = s.chart;
    // Smile charts are taller: keep their height on resize.
    s.observer = new ResizeObserver((entries) => {
      for (const en of entries) {
        const w = Math.floor(en.contentRect.width);
        if (w > 0 && Math.abs(s.chart.width - w) > 1) s.chart.setSize({ width: w, height: CHART_HEIGHT + 40 });
      }
    });
    s.observer.observe(s.holder);
  }

  // ---- what-if ----

  function syncMarketSelect() {
    const sel = $('whatif-market');
    const keep = sel.value;
    sel.replaceChildren(...state.markets.map((m) => el('option', { value: m, text: m })));
    if (state.markets.includes(keep)) sel.value = keep;
  }

  function showWhatifError(msg) {
    const node = $('whatif-error');
    node.textContent = msg;
    node.hidden = !msg;
  }

  // readPortfolio turns the textarea into the request base: a whole request
  // when the JSON has "positions", else the JSON is the positions array.
  function readPortfolio() {
    const raw = $('whatif-portfolio').value.trim();
    if (raw === '') throw new Error('portfolio: empty; give a positions array');
    let v;
    try {
      v = JSON.parse(raw);
    } catch (err) {
      throw new Error(`portfolio: not valid JSON: ${err.message}`);
    }
    if (v && typeof v === 'object' && !Array.isArray(v) && 'positions' in v) return { ...v };
    if (Array.isArray(v)) return { positions: v };
    throw new Error('portfolio: expected a positions array or an object with "positions"');
  }

  function formOverrides() {
    const ov = {};
    for (const kind of OVERRIDES) {
      const v = $(`ov-${kind}`).value.trim();
      if (v !== '') ov[kind] = v;
    }
    if ($('ov-sequencer_down').checked) ov.sequencer_up = '0';
    return ov;
  }

  async function postMargin(body) {
    let res;
    try {
      res = await fetch(MARGIN_URL, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (err) {
      throw new Error(`network error: ${err.message}`);
    }
    const text = await res.text();
    let data = null;
    try {
      data = JSON.parse(text);
    } catch (_) {
      data = null;
    }
    if (!res.ok) {
      if (data && typeof data.error === 'string') throw new Error(data.error);
      throw new Error(`HTTP ${res.status}${text.trim() ? `: ${text.trim().slice(0, 300)}` : ''}`);
    }
    if (!data || typeof data !== 'object') throw new Error('the answer is not JSON');
    return data;
  }

  function relChange(a, b) {
    const x = Number(a);
    const y = Number(b);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return '';
    if (x === y) return 'unchanged';
    if (x === 0) return y > 0 ? '↑' : '↓';
    const r = (y - x) / Math.abs(x);
    return `${r > 0 ? '↑' : '↓'} ${fmtPct(r, true)}`;
  }

  function worstText(ws) {
    if (!ws || typeof ws !== 'object') return '—';
    const part = (label, v, pct) => `${label} ${v ?? '—'}${pct && v != null ? ` (${fmtPct(v, true)})` : ''}`;
    return [part('price move', ws.price_move, true), part('vol shock', ws.vol_shock, true), part('loss', ws.loss, false)].join(', ');
  }

  function paramsDiff(now, what) {
    const a = now.params || {};
    const b = what.params || {};
    const names = paramNames({ params: { ...a, ...b } });
    const body = el('tbody');
    for (const n of names) {
      const changed = a[n] !== b[n];
      body.append(el('tr', { class: changed ? 'changed' : '', 'data-param': n },
        el('th', { scope: 'row', text: PARAM_LABELS.get(n) || n }),
        el('td', { class: 'num', text: a[n] ?? '—' }),
        el('td', { class: 'num', text: b[n] ?? '—' })));
    }
    return el('details', { class: 'whatif-params' },
      el('summary', { text: 'parameters, now and what-if' }),
      el('div', { class: 'scroll' }, el('table', { class: 'data' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'parameter' }),
          el('th', { scope: 'col', class: 'num', text: 'now' }), el('th', { scope: 'col', class: 'num', text: 'what-if' }))),
        body)));
  }

  function renderWhatif(now, what, overrides) {
    const out = $('whatif-result');
    const row = (label, field, a, b, change) => el('tr', {},
      el('th', { scope: 'row', text: label }),
      el('td', { class: 'num', 'data-field': `${field}_now`, text: a ?? '—' }),
      el('td', { class: 'num', 'data-field': `${field}_whatif`, text: b ?? '—' }),
      el('td', { text: change }));
    const table = el('table', { class: 'data whatif-table' },
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: '' }),
        el('th', { scope: 'col', class: 'num', text: 'now' }),
        el('th', { scope: 'col', class: 'num', text: 'what-if' }),
        el('th', { scope: 'col', text: 'change' }))),
      el('tbody', {},
        row('maintenance', 'maintenance', now.maintenance, what.maintenance, relChange(now.maintenance, what.maintenance)),
        row('initial', 'initial', now.initial, what.initial, relChange(now.initial, what.initial)),
        el('tr', {}, el('th', { scope: 'row', text: 'regime' }),
          el('td', {}, badge(now.regime)), el('td', {}, badge(what.regime)), el('td', { text: now.regime === what.regime ? 'unchanged' : 'changed' })),
        el('tr', {}, el('th', { scope: 'row', text: 'worst scenario' }),
          el('td', { 'data-field': 'worst_scenario_now', text: worstText(now.worst_scenario) }),
          el('td', { 'data-field': 'worst_scenario', text: worstText(what.worst_scenario) }),
          el('td', {}))));
    const ovText = Object.keys(overrides).length
      ? Object.entries(overrides).map(([k, v]) => `${k} = ${v}`).join(', ')
      : 'none (what-if equals now)';
    const parts = [
      el('p', { class: 'muted' }, `${now.market || ''} at ${fmtTime(parseTime(now.at))} (engine clock). Overrides: ${ovText}.`),
      el('div', { class: 'scroll' }, table),
      paramsDiff(now, what),
    ];
    if (what.contingencies && typeof what.contingencies === 'object') {
      parts.push(el('details', { class: 'contingencies' }, el('summary', { text: 'contingencies (what-if)' }),
        el('pre', { text: JSON.stringify(what.contingencies, null, 2) })));
    }
    out.replaceChildren(...parts);
    out.dataset.state = 'done';
  }

  async function submitWhatif(ev) {
    ev.preventDefault();
    const out = $('whatif-result');
    const btn = $('whatif-submit');
    showWhatifError('');
    let base;
    try {
      base = readPortfolio();
    } catch (err) {
      out.dataset.state = 'error';
      showWhatifError(err.message);
      return;
    }
    const market = $('whatif-market').value || base.market;
    const spot = $('whatif-spot').value.trim() || (base.spot != null ? String(base.spot) : '');
    if (!market) {
      out.dataset.state = 'error';
      showWhatifError('market: none chosen (the engine has not listed its markets yet)');
      return;
    }
    const nowReq = { ...base, market, spot };
    delete nowReq.overrides;
    const overrides = { ...(base.overrides || {}), ...formOverrides() };
    const whatReq = { ...nowReq, overrides };
    out.dataset.state = 'pending';
    out.replaceChildren(el('p', { class: 'muted', text: 'Computing…' }));
    btn.disabled = true;
    try {
      const [a, b] = await Promise.allSettled([postMargin(nowReq), postMargin(whatReq)]);
      if (a.status === 'fulfilled' && b.status === 'fulfilled') {
        renderWhatif(a.value, b.value, overrides);
        return;
      }
      const errs = [];
      if (a.status === 'rejected') errs.push(['now', a.reason.message]);
      if (b.status === 'rejected') errs.push(['what-if', b.reason.message]);
      const msg = errs.length === 2 && errs[0][1] === errs[1][1]
        ? errs[0][1]
        : errs.map(([w, m]) => `${w}: ${m}`).join('; ');
      out.replaceChildren();
      out.dataset.state = 'error';
      showWhatifError(msg);
    } finally {
      btn.disabled = false;
    }
  }

  async function loadPortfolioFile() {
    const input = $('whatif-file');
    const f = input.files && input.files[0];
    if (!f) return;
    let text;
    try {
      text = await f.text();
    } catch (err) {
      showWhatifError(`file: cannot read ${f.name}: ${err.message}`);
      return;
    }
    $('whatif-portfolio').value = text;
    showWhatifError('');
    try {
      takeRequestFields(JSON.parse(text));
    } catch (err) {
      showWhatifError(`file ${f.name}: not valid JSON: ${err.message}`);
    }
  }

  // takeRequestFields copies the market and spot of a whole request into
  // the form, whose fields are what a submit sends.
  function takeRequestFields(v) {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return;
    if (typeof v.market === 'string' && state.markets.includes(v.market)) $('whatif-market').value = v.market;
    if (v.spot != null && String(v.spot) !== '') $('whatif-spot').value = String(v.spot);
  }

  function portfolioEdited() {
    try {
      takeRequestFields(JSON.parse($('whatif-portfolio').value));
    } catch (_) {
      // Half-typed JSON: checked on submit.
    }
  }

  // ---- start ----

  function start() {
    $('whatif-form').addEventListener('submit', submitWhatif);
    $('whatif-file').addEventListener('change', loadPortfolioFile);
    $('whatif-portfolio').addEventListener('change', portfolioEdited);
    document.body.dataset.conn = conn;
    setInterval(watchSilence, 1000);
    connect();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
