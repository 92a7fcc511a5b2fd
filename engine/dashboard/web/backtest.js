// infrarisk backtest report: fetches /v1/backtest and shows the run's
// folder, its summary table and its plots. Plain ES2020 and DOM.
'use strict';

(() => {
  const REPORT_URL = '/v1/backtest';
  const FILES_URL = '/backtest/files/';
  const CAPTIONS = {
    'price.svg': 'Price path over the replay',
    'margin.svg': 'Margin requirement over time',
    'bad_debt.svg': 'Bad debt over time',
  };

  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') node.textContent = String(v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) if (c !== undefined && c !== null) node.append(c);
    return node;
  }

  function cellText(v) {
    if (v === undefined || v === null) return '';
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  }

  function fileURL(name) {
    return FILES_URL + String(name).split('/').map(encodeURIComponent).join('/');
  }

  function showError(msg) {
    $('backtest-loading').hidden = true;
    const node = $('backtest-error');
    node.textContent = msg;
    node.hidden = false;
  }

  function renderSummary(rows, columns) {
    const table = $('backtest-summary');
    let cols = Array.isArray(columns) && columns.length ? columns : [];
    if (cols.length === 0) {
      const seen = new Set();
      for (const r of rows) for (const k of Object.keys(r || {})) seen.add(k);
      cols = [...seen];
    }
    const isNum = (v) => typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));
    const numericCol = (c) => rows.length > 0 && rows.every((r) => r && (r[c] === undefined || r[c] === null || isNum(r[c])));
    table.tHead.replaceChildren(el('tr', {}, ...cols.map((c) => el('th', { scope: 'col', class: numericCol(c) ? 'num' : null, text: c }))));
    const body = table.tBodies[0];
    if (rows.length === 0) {
      body.replaceChildren(el('tr', {}, el('td', { colspan: Math.max(1, cols.length), class: 'muted', text: 'The summary is empty.' })));
      return;
    }
    body.replaceChildren(...rows.map((r) => el('tr', {},
      ...cols.map((c) => {
        const v = r ? r[c] : undefined;
        return el('td', { class: isNum(v) ? 'num' : null, text: cellText(v) });
      }))));
  }

  function renderPlots(plots) {
    const box = $('backtest-plots');
    if (plots.length === 0) {
      box.replaceChildren(el('p', { class: 'muted', text: 'The run has no plots.' }));
      return;
    }
    box.replaceChildren(...plots.map((name) => el('figure', {},
      el('img', { src: fileURL(name), alt: String(name), loading: 'lazy' }),
      el('figcaption', {}, CAPTIONS[name] ? `${CAPTIONS[name]} (${name})` : String(name)))));
  }

  async function load() {
    let res;
    try {
      res = await fetch(REPORT_URL, { headers: { Accept: 'application/json' } });
    } catch (err) {
      showError(`network error: ${err.message}`);
      return;
    }
    const text = await res.text();
    let data = null;
    try {
      data = JSON.parse(text);
    } catch (_) {
      data = null;
    }
    if (!res.ok) {
      showError(data && typeof data.error === 'string' ? data.error : `HTTP ${res.status}${text.trim() ? `: ${text.trim().slice(0, 300)}` : ''}`);
      return;
    }
    if (!data || typeof data !== 'object') {
      showError('the answer is not JSON');
      return;
    }
    $('backtest-loading').hidden = true;
    $('backtest-dir').textContent = data.dir || '—';
    renderSummary(Array.isArray(data.summary) ? data.summary : [], data.columns);
    renderPlots(Array.isArray(data.plots) ? data.plots : []);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', load);
  else load();
})();
