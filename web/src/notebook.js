// The notebook page: cells run in a wasmbox browser session (state carries
// from cell to cell), optionally also on the service's HTTP API for
// comparison. Everything a cell produced is shown with textContent, never
// as HTML: guest output is data, whatever it looks like.
import { createSandbox } from './wasmbox.js';

const STORE = 'wasmbox.notebook.v1';
const KEY_STORE = 'wasmbox.notebook.apikey';
const EXAMPLE = [
  "# Python runs here, in your browser. Shift+Enter runs a cell.\nname = 'wasmbox'\nprint(f'hello from {name}')\nsum(i * i for i in range(10))",
  "def fib(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n\n[fib(i) for i in range(15)]",
  "# An error shows its line:\nvalues = [3, 1, 0]\nfor v in values:\n    print(12 // v)",
  '# Runaway code is stopped at the deadline:\nwhile True:\n    pass',
];
const LIMITS = { timeoutMs: 5000, memoryBytes: 64 * 1024 * 1024, maxOutputBytes: 256 * 1024 };

const $ = (sel, root = document) => root.querySelector(sel);
const cellsEl = $('#cells');
const template = $('#cell-template');
const engineEl = $('#engine');
const keyEl = $('#api-key');
const toggleEl = $('#server-toggle');

let sandbox = null;
let session = null;
let serverSession = null;
let counter = 0;
let queue = Promise.resolve();

// -- values, the way Python prints them ---------------------------------------

function pyStr(s) {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === q || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + q;
}

function pyBytes(b64) {
  const raw = atob(b64);
  let out = "b'";
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 39 || c === 92) out += '\\' + raw[i];
    else if (c >= 32 && c < 127) out += raw[i];
    else if (c === 10) out += '\\n';
    else out += '\\x' + c.toString(16).padStart(2, '0');
  }
  return out + "'";
}

export function pyRepr(v, depth = 0) {
  if (depth > 50) return '...';
  const r = (x) => pyRepr(x, depth + 1);
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return Number.isInteger(v) && !Object.is(v, -0) ? String(v) : String(v).replace('Infinity', 'inf');
  if (typeof v === 'string') return pyStr(v);
  if (Array.isArray(v)) return '[' + v.map(r).join(', ') + ']';
  if (typeof v === 'object') {
    const keys = Object.keys(v);
    const x = keys.length === 1 ? v[keys[0]] : undefined;
    const tag = keys.length === 1 ? keys[0] : '';
    const ok = ['$t', '$s', '$fs', '$d'].includes(tag) ? Array.isArray(x) : ['$b', '$f'].includes(tag) && typeof x === 'string';
    if (ok) {
      if (keys[0] === '$t') return '(' + x.map(r).join(', ') + (x.length === 1 ? ',)' : ')');
      if (keys[0] === '$b') return pyBytes(x);
      if (keys[0] === '$s') return x.length ? '{' + x.map(r).join(', ') + '}' : 'set()';
      if (keys[0] === '$fs') return 'frozenset({' + x.map(r).join(', ') + '})';
      if (keys[0] === '$f') return x;
      if (keys[0] === '$d') return '{' + x.map((p) => (Array.isArray(p) ? r(p[0]) + ': ' + r(p[1]) : '?')).join(', ') + '}';
    }
    return '{' + keys.map((k) => pyStr(k) + ': ' + r(v[k])).join(', ') + '}';
  }
  return String(v);
}

// -- persistence ----------------------------------------------------------------

function save() {
  const cells = [...cellsEl.querySelectorAll('.cell')].map((c) => ({ code: $('.code', c).value }));
  try {
    localStorage.setItem(STORE, JSON.stringify({ cells }));
  } catch {
    /* storage full or disabled: the notebook still works */
  }
}

function load() {
  try {
    const data = JSON.parse(localStorage.getItem(STORE) || 'null');
    if (data && Array.isArray(data.cells) && data.cells.length) return data.cells.map((c) => String(c.code ?? ''));
  } catch {
    /* a corrupt entry is ignored */
  }
  return EXAMPLE;
}

// -- cells ------------------------------------------------------------------------

function lineCount(text) {
  return text.split('\n').length;
}

function renderGutter(cell, badLine = null) {
  const gutter = $('.gutter', cell);
  const n = lineCount($('.code', cell).value);
  gutter.textContent = '';
  for (let i = 1; i <= n; i++) {
    const span = document.createElement('span');
    span.textContent = String(i);
    if (i === badLine) span.className = 'bad';
    gutter.append(span, '\n');
  }
}

function resize(cell) {
  const area = $('.code', cell);
  area.rows = Math.max(2, lineCount(area.value));
}

function addCell(code = '', after = null) {
  const cell = template.content.firstElementChild.cloneNode(true);
  const area = $('.code', cell);
  area.value = code;
  area.addEventListener('input', () => {
    resize(cell);
    renderGutter(cell, cell.badLine ?? null);
    save();
  });
  area.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.shiftKey || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      runCell(cell);
      if (e.shiftKey) {
        const next = cell.nextElementSibling || addCell('');
        $('.code', next).focus();
      }
    } else if (e.key === 'Tab' && !e.shiftKey) {
      e.preventDefault();
      area.setRangeText('    ', area.selectionStart, area.selectionEnd, 'end');
      area.dispatchEvent(new Event('input'));
    }
  });
  $('.run', cell).addEventListener('click', () => runCell(cell));
  $('.delete', cell).addEventListener('click', () => {
    cell.remove();
    if (!cellsEl.children.length) addCell('');
    save();
  });
  $('.up', cell).addEventListener('click', () => {
    if (cell.previousElementSibling) cellsEl.insertBefore(cell, cell.previousElementSibling);
    save();
  });
  $('.down', cell).addEventListener('click', () => {
    if (cell.nextElementSibling) cellsEl.insertBefore(cell.nextElementSibling, cell);
    save();
  });
  if (after && after.nextElementSibling) cellsEl.insertBefore(cell, after.nextElementSibling);
  else cellsEl.append(cell);
  resize(cell);
  renderGutter(cell);
  return cell;
}

// -- running ------------------------------------------------------------------------

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function ms(x) {
  return x >= 1000 ? (x / 1000).toFixed(2) + ' s' : x.toFixed(x < 10 ? 2 : 1) + ' ms';
}

function renderResult(result, code, label) {
  const box = el('div', 'result');
  if (label) box.append(label);
  if (result.stdout) box.append(el('pre', 'stdout', result.stdout));
  const err = result.error;
  // The traceback is in stderr already; show stderr unless it is only that.
  const stderr = err && err.traceback && result.stderr.endsWith(err.traceback) ? result.stderr.slice(0, -err.traceback.length) : result.stderr;
  if (stderr) box.append(el('pre', 'stderr', stderr));
  if (result.status === 'ok' && result.value !== null && result.value !== undefined) {
    let text;
    try {
      text = pyRepr(result.value);
    } catch {
      text = JSON.stringify(result.value);
    }
    box.append(el('pre', 'value', text));
  }
  if (err) {
    const limit = ['timeout', 'memory_limit', 'output_limit', 'cpu_limit'].includes(result.status);
    const e = el('div', limit ? 'error limit' : 'error', err.summary);
    if (err.line) {
      const text = code.split('\n')[err.line - 1];
      if (text !== undefined) e.append(el('div', 'line', `line ${err.line}: ${text.trim()}`));
    }
    if (err.traceback && err.traceback.split('\n').length > 3) e.append(el('pre', 'traceback', err.traceback));
    if (err.hint) e.append(el('div', 'hint', err.hint));
    box.append(e);
  }
  if (result.truncated) box.append(el('div', 'truncated', 'Output truncated: only the first bytes are shown.'));
  return box;
}

function apiKey() {
  return keyEl.value.trim();
}

async function api(path, body) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${apiKey()}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = new Error(data?.error?.message || `the server answered ${res.status}`);
    e.status = res.status;
    throw e;
  }
  return data;
}

async function runOnServer(code) {
  if (!apiKey()) throw new Error('enter an API key to run on the server');
  for (let attempt = 0; attempt < 2; attempt++) {
    if (serverSession === null) serverSession = (await api('v1/sessions', {})).id;
    try {
      return await api(`v1/sessions/${encodeURIComponent(serverSession)}/runs`, { code });
    } catch (e) {
      if (e.status !== 410 && e.status !== 404) throw e;
      serverSession = null; // ended or expired: a fresh one, once
    }
  }
  throw new Error('the server session could not be opened');
}

function same(a, b) {
  return a.status === b.status && a.stdout === b.stdout && JSON.stringify(a.value) === JSON.stringify(b.value) && (a.error?.type ?? null) === (b.error?.type ?? null);
}

function setStatus(cell, status, timing) {
  const s = $('.status', cell);
  s.className = 'status ' + (status || '');
  s.textContent = status ? status.replace('_', ' ') : '';
  $('.timing', cell).textContent = timing || '';
  cell.className = 'cell' + (status === 'running' ? ' running' : status ? ' st-' + status : '');
}

function runCell(cell) {
  const code = $('.code', cell).value;
  const outputs = $('.outputs', cell);
  setStatus(cell, 'running', 'queued');
  const job = queue.then(async () => {
    if (!cell.isConnected) return;
    setStatus(cell, 'running', '');
    outputs.textContent = '';
    const restartsBefore = session.restarts;
    const serverRun = toggleEl.checked ? runOnServer(code).catch((e) => e) : null;
    const started = performance.now();
    const result = await session.run(code);
    const wall = performance.now() - started;
    counter += 1;
    $('.count', cell).textContent = `[${counter}]`;
    cell.badLine = result.error?.line ?? null;
    renderGutter(cell, cell.badLine);
    setStatus(cell, result.status, `${ms(result.duration_ms)} run · ${ms(wall)} total`);
    const label = serverRun ? el('div', 'where', 'browser') : null;
    outputs.append(renderResult(result, code, label));
    if (restartsBefore !== session.restarts) {
      outputs.prepend(el('div', 'result notice', 'The interpreter was restarted before this cell: earlier variables are gone.'));
    }
    if (serverRun) {
      const server = await serverRun;
      const where = el('div', 'where', 'server ');
      if (server instanceof Error) {
        const box = el('div', 'result');
        box.append(where, el('div', 'error', `Server run failed: ${server.message}`));
        outputs.append(box);
      } else {
        where.append(same(result, server) ? el('span', 'same', '(same outcome)') : el('span', 'differs', '(differs from the browser)'));
        outputs.append(renderResult(server, code, where));
      }
    }
  });
  queue = job.catch((e) => {
    setStatus(cell, 'crashed', '');
    outputs.textContent = '';
    outputs.append(el('div', 'result error', `The notebook could not run this cell: ${e.message}`));
  });
  return queue;
}

async function runAll() {
  for (const cell of [...cellsEl.querySelectorAll('.cell')]) await runCell(cell);
}

function restart() {
  session.reset();
  counter = 0;
  if (serverSession !== null && apiKey()) {
    api(`v1/sessions/${encodeURIComponent(serverSession)}/reset`, {}).catch(() => {
      serverSession = null;
    });
  }
}

// -- start ------------------------------------------------------------------------------

function describeLimits() {
  const kib = (n) => (n >= 1048576 ? `${n / 1048576} MiB` : `${n / 1024} KiB`);
  $('#limits').textContent = `${LIMITS.timeoutMs / 1000} s, ${kib(LIMITS.memoryBytes)} of memory, ${kib(LIMITS.maxOutputBytes)} of output`;
}

async function main() {
  for (const code of load()) addCell(code);
  describeLimits();
  $('#add-cell').addEventListener('click', () => {
    $('.code', addCell('')).focus();
    save();
  });
  $('#run-all').addEventListener('click', runAll);
  $('#restart').addEventListener('click', restart);
  $('#clear').addEventListener('click', () => {
    for (const cell of cellsEl.querySelectorAll('.cell')) {
      $('.outputs', cell).textContent = '';
      cell.badLine = null;
      renderGutter(cell);
      setStatus(cell, '', '');
    }
  });
  keyEl.value = sessionStorage.getItem(KEY_STORE) || '';
  keyEl.addEventListener('change', () => sessionStorage.setItem(KEY_STORE, apiKey()));
  toggleEl.addEventListener('change', () => {
    keyEl.hidden = !toggleEl.checked;
    if (toggleEl.checked && !apiKey()) keyEl.focus();
  });
  const t0 = performance.now();
  try {
    sandbox = await createSandbox(LIMITS);
    session = sandbox.session();
    engineEl.textContent = `MicroPython in a worker · ready in ${ms(performance.now() - t0)}`;
    engineEl.classList.add('ready');
  } catch (e) {
    engineEl.textContent = `The sandbox could not start: ${e.message}`;
    engineEl.classList.add('failed');
    for (const b of document.querySelectorAll('.run, #run-all')) b.disabled = true;
  }
  document.body.dataset.ready = sandbox ? 'yes' : 'failed';
}

main();
