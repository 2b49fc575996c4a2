// wasmbox in the browser: run untrusted Python in a locked-down Web Worker.
//
//   import { createSandbox } from '/web/wasmbox.js';
//   const sandbox = await createSandbox({ timeoutMs: 2000 });
//   const result = await sandbox.run('x = 6\nx * 7');   // result.value === 42
//
// Results have the same shape as the Python library's RunResult.to_dict().
// Each run gets a fresh interpreter in its own worker; a spare worker is kept
// booted so that neither a fresh run nor the replacement of a worker stopped
// at its deadline waits for start-up. The page compiles the WebAssembly
// module once and hands it to every worker, and once one worker has sent an
// image of the memory its boot produced (worker.js), hands that too, so that
// later workers copy that state in rather than compute it.
//
// Nothing a worker sends is trusted: messages are checked for shape and
// size, output is counted here as well as in the worker, and the deadline
// is this page's timer, ending in worker.terminate(), the only stop that
// holds against a busy loop.

// The build's version, written in by web/build.mjs: the worker, its glue and
// the wasm are asked for as `?v=BUILD`, which the service lets browsers cache
// for good (a new build is a new URL), so a new worker loads without a
// round trip.
const BUILD = 'dev';
const versioned = (name, base) => new URL(`${name}?v=${BUILD}`, base);

const MiB = 1024 * 1024;
const DEFAULTS = Object.freeze({
  timeoutMs: 5000,
  memoryBytes: 32 * MiB,
  maxOutputBytes: 1 * MiB,
  maxValueBytes: 1 * MiB,
  maxFilesBytes: 16 * MiB,
  maxFiles: 1000,
  heapBytes: 1 * MiB,
  pystack: 8192,
  stdin: '',
  bootTimeoutMs: 15000,
});
const LIMITS_MAX = Object.freeze({
  timeoutMs: 10 * 60 * 1000,
  memoryBytes: 2048 * MiB,
  maxOutputBytes: 256 * MiB,
  maxValueBytes: 64 * MiB,
  maxFilesBytes: 256 * MiB,
  maxFiles: 100000,
});
const REPORT_MAX = 64 * 1024;
const MESSAGE_MAX = 4096;
const MIN_MEMORY = 4 * MiB;

export const STATUSES = Object.freeze(['ok', 'error', 'timeout', 'memory_limit', 'output_limit', 'crashed']);

// The compiled module and the overlay library, fetched once per page and base
// URL; and the boot images (worker.js), by heap settings: an image, or null
// while a worker takes one, or false when none can be had.
const shared = new Map();
const CHUNK = 4096; // worker.js's image chunk

function assets(base) {
  let a = shared.get(base.href);
  if (a === undefined) {
    const wasmURL = versioned('micropython.wasm', base);
    const module = WebAssembly.compileStreaming(fetch(wasmURL)).catch(async () =>
      WebAssembly.compile(await (await fetch(wasmURL)).arrayBuffer()),
    );
    const lib = fetch(new URL('lib.bin', base)).then((r) => r.arrayBuffer());
    const files = fetch(new URL('lib.json', base)).then((r) => r.json());
    a = Promise.all([module, lib, files]).then(([m, l, f]) => ({ module: m, lib: l, files: f, images: new Map() }));
    a.catch(() => shared.delete(base.href));
    shared.set(base.href, a);
  }
  return a;
}

function checkLimits(options) {
  const o = { ...DEFAULTS };
  const { fetch: fetchOptions, ...rest } = options || {};
  o.fetch = fetchPolicy(fetchOptions);
  for (const [key, value] of Object.entries(rest)) {
    if (!(key in DEFAULTS)) throw new TypeError(`unknown sandbox option ${key}`);
    o[key] = value;
  }
  for (const key of Object.keys(LIMITS_MAX)) {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > LIMITS_MAX[key]) {
      throw new RangeError(`${key} must be a number above 0 and at most ${LIMITS_MAX[key]}`);
    }
  }
  if (o.memoryBytes < MIN_MEMORY) throw new RangeError(`memoryBytes must be at least ${MIN_MEMORY}`);
  if (typeof o.stdin !== 'string' && !(o.stdin instanceof Uint8Array)) {
    throw new TypeError('stdin must be a string or a Uint8Array');
  }
  return Object.freeze(o);
}

// -- values: the tagged JSON of wasmbox/capabilities/codec.py ----------------

function base64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function tagged(v, depth) {
  if (depth > 100) throw new RangeError('inputs are nested more than 100 levels deep');
  const d = depth + 1;
  if (v === null || v === undefined || typeof v === 'boolean' || typeof v === 'string') return v ?? null;
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return v;
    return { $f: Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf' };
  }
  if (typeof v === 'bigint') {
    if (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
    throw new RangeError('a BigInt input must fit in 53 bits');
  }
  if (v instanceof Uint8Array) return { $b: base64(v) };
  if (v instanceof ArrayBuffer) return { $b: base64(new Uint8Array(v)) };
  if (Array.isArray(v)) return v.map((x) => tagged(x, d));
  if (v instanceof Set) return { $s: [...v].map((x) => tagged(x, d)) };
  if (v instanceof Map) return { $d: [...v].map(([k, x]) => [tagged(k, d), tagged(x, d)]) };
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const keys = Object.keys(v);
    // Two or more keys go as pairs: MicroPython's JSON parser loses key order.
    if (keys.length > 1 || keys.some((k) => k.startsWith('$'))) return { $d: keys.map((k) => [k, tagged(v[k], d)]) };
    return Object.fromEntries(keys.map((k) => [k, tagged(v[k], d)]));
  }
  throw new TypeError(`inputs of type ${v?.constructor?.name ?? typeof v} cannot cross the sandbox boundary`);
}

function requestHead(inputs, session, fetchGranted) {
  if ((inputs === undefined || inputs === null) && !fetchGranted) return session ? '!' : ' ';
  if (inputs !== undefined && inputs !== null && (typeof inputs !== 'object' || Array.isArray(inputs))) {
    throw new TypeError('inputs must be an object of names to values');
  }
  for (const name of Object.keys(inputs ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new TypeError(`input name ${JSON.stringify(name)} is not a Python identifier`);
  }
  const head = fetchGranted ? { f: ['fetch'], h: ['fetch'] } : { f: [], h: [] };
  if (inputs !== undefined && inputs !== null) head.i = tagged(inputs, 0);
  if (session) head.s = 1;
  return JSON.stringify(head).replace(/\u2028|\u2029/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
}

// -- fetch: the one way out, performed here under a policy ---------------------
//
// The same rules as the server's FetchPolicy (wasmbox/capabilities/fetch.py):
// URL patterns `scheme://host[:port]/path` with `*` wildcards, allowed
// methods and request headers, size caps, a timeout. The page makes the
// request (never the worker, which has no network at all); the worker waits
// for the answer on a SharedArrayBuffer, so Python's fetch() returns a value
// as it does on the server. That needs a cross-origin isolated page (COOP and
// COEP headers). Redirects are not followed: a browser does not show where
// one leads before following it, so it could not be checked first.

const FETCH_DEFAULTS = Object.freeze({
  allow: [],
  methods: ['GET'],
  headers: ['accept', 'accept-language', 'content-type', 'user-agent'],
  addHeaders: {},
  maxRequestBytes: 1 * MiB,
  maxResponseBytes: 5 * MiB,
  timeoutMs: 10000,
  maxCalls: 1000,
});
const MANAGED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);

function glob(pattern) {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

function defaultPort(scheme) {
  return scheme === 'https' ? 443 : 80;
}

function parsePattern(pattern) {
  const m = /^(https?):\/\/([^/:?#@]+)(?::([0-9]+|\*))?(\/[^?#]*)?$/.exec(String(pattern));
  if (!m) throw new TypeError(`fetch allow patterns look like 'https://host/path*', not ${JSON.stringify(pattern)}`);
  const host = m[2].toLowerCase();
  // No port: the scheme's own, even with a '*' in the host (which once meant any port); ':*' says any.
  const port = m[3] === '*' ? null : m[3] ? Number(m[3]) : defaultPort(m[1]);
  return { scheme: m[1], host: glob(host), port, path: glob(m[4] || '/*') };
}

function fetchPolicy(options) {
  if (options === undefined || options === null) return null;
  const o = { ...FETCH_DEFAULTS };
  for (const [key, value] of Object.entries(options)) {
    if (!(key in FETCH_DEFAULTS)) throw new TypeError(`unknown fetch option ${key}`);
    o[key] = value;
  }
  if (!Array.isArray(o.allow)) throw new TypeError('fetch.allow is an array of URL patterns');
  for (const key of ['maxRequestBytes', 'maxResponseBytes', 'timeoutMs', 'maxCalls']) {
    if (typeof o[key] !== 'number' || !(o[key] > 0) || !Number.isFinite(o[key])) throw new RangeError(`fetch.${key} must be a number above 0`);
  }
  if (!globalThis.crossOriginIsolated) {
    throw new Error('the fetch capability needs a cross-origin isolated page: serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp');
  }
  return Object.freeze({
    ...o,
    patterns: o.allow.map(parsePattern),
    methods: new Set(o.methods.map((m) => String(m).toUpperCase())),
    headers: new Set(o.headers.map((h) => String(h).toLowerCase())),
    addHeaders: { ...o.addHeaders },
  });
}

class Refused extends Error {
  constructor(rule, detail) {
    super(`fetch refused by the policy's '${rule}' rule: ${detail}`);
    this.kind = 'PermissionError';
    this.rule = rule;
  }
}

function where(url) {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function checkURL(policy, text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw Object.assign(new Error(`not a URL: ${JSON.stringify(String(text).slice(0, 200))}`), { kind: 'ValueError' });
  }
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') throw new Refused('allow', `${String(text).slice(0, 200)} is not an http(s) URL`);
  if (url.username || url.password) throw new Refused('allow', 'URLs with credentials are not allowed');
  // An encoded slash or backslash would leave the allowed path on most servers (the URL
  // parser already turns encoded dot segments into real ones, and sends those resolved).
  if (/%2e|%2f|%5c|\\/i.test(url.pathname)) throw new Refused('allow', 'paths with encoded dots, slashes or backslashes are not allowed');
  // "..;" is ".." to Tomcat and Spring, which drop a segment's ";" parameters.
  if (url.pathname.split('/').some((seg) => seg.includes(';') && ['.', '..'].includes(seg.split(';')[0]))) {
    throw new Refused('allow', 'paths with dot segments are not allowed');
  }
  const port = url.port ? Number(url.port) : defaultPort(scheme);
  const host = url.hostname.toLowerCase();
  const ok = policy.patterns.some(
    (p) => p.scheme === scheme && p.host.test(host) && (p.port === null || p.port === port) && p.path.test(url.pathname),
  );
  if (!ok) throw new Refused('allow', `${where(url)} matches no allowed URL`);
  return url;
}

async function readCapped(response, cap) {
  const declared = response.headers.get('content-length');
  if (declared && /^[0-9]+$/.test(declared) && Number(declared) > cap) {
    throw new Refused('max_response_bytes', `the response is ${Number(declared).toLocaleString('en-US')} bytes, over ${cap.toLocaleString('en-US')}`);
  }
  const reader = response.body ? response.body.getReader() : null;
  const chunks = [];
  let total = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > cap) {
      reader.cancel();
      throw new Refused('max_response_bytes', `the response is over ${cap.toLocaleString('en-US')} bytes`);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.length;
  }
  return body;
}

function fromBase64(text) {
  const raw = atob(text);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

// One fetch() from the guest: its arguments as the guest encoded them
// ([args, kwargs], tagged JSON), the reply as the guest decodes it.
async function performFetch(policy, payload, signal, remainingMs) {
  let args;
  let kwargs;
  // The arguments hold the body as base64 (4 characters for 3 bytes) and a little more:
  // anything longer is over the cap, and is refused before this thread decodes it (a
  // guest's 200 MB string, built outside its memory cap, froze the page for 3 s).
  if (payload.length > Math.ceil(policy.maxRequestBytes / 3) * 4 + 65536) {
    throw new Refused('max_request_bytes', `the request is over ${policy.maxRequestBytes.toLocaleString('en-US')} bytes`);
  }
  try {
    [args, kwargs] = JSON.parse(payload);
  } catch {
    throw Object.assign(new Error('malformed arguments'), { kind: 'ValueError', rule: 'arguments' });
  }
  if (!Array.isArray(args) || kwargs === null || typeof kwargs !== 'object') {
    throw Object.assign(new Error('malformed arguments'), { kind: 'ValueError', rule: 'arguments' });
  }
  const text = args[0] ?? kwargs.url;
  const method = String(kwargs.method ?? args[1] ?? 'GET').toUpperCase();
  const detail = { method, where: '<invalid url>', status: null };
  if (typeof text !== 'string') throw Object.assign(new TypeError('fetch(url, method=...) takes strings'), { kind: 'TypeError', detail });
  if (!policy.methods.has(method)) throw Object.assign(new Refused('methods', `${method} is not an allowed method`), { detail });
  const url = checkURL(policy, text);
  detail.where = where(url);
  const sent = {};
  for (const [name, value] of Object.entries(kwargs.headers ?? {})) {
    if (typeof value !== 'string') throw Object.assign(new TypeError('header names and values must be strings'), { kind: 'TypeError', detail });
    if (!policy.headers.has(name.toLowerCase()) || MANAGED_HEADERS.has(name.toLowerCase())) {
      throw Object.assign(new Refused('headers', `the guest may not set the '${name}' header`), { detail });
    }
    sent[name] = value;
  }
  let body;
  if (kwargs.data !== null && kwargs.data !== undefined) {
    if (typeof kwargs.data !== 'object' || typeof kwargs.data.$b !== 'string') throw Object.assign(new TypeError('data must be bytes or str'), { kind: 'TypeError', detail });
    body = fromBase64(kwargs.data.$b);
    if (body.length > policy.maxRequestBytes) {
      throw Object.assign(new Refused('max_request_bytes', `the body is ${body.length.toLocaleString('en-US')} bytes, over ${policy.maxRequestBytes.toLocaleString('en-US')}`), { detail });
    }
  }
  const ownMs = Math.min(policy.timeoutMs, typeof kwargs.timeout === 'number' && kwargs.timeout > 0 ? kwargs.timeout * 1000 : Infinity);
  const timeoutMs = Math.min(ownMs, remainingMs);
  // Cut short by the run's deadline rather than by its own timeout: the run timed out,
  // whichever of the two timers fires first (the guest never sees a TimeoutError then).
  const late = () => Object.assign(new Error(`fetch of ${text} took longer than ${timeoutMs / 1000} s`), { kind: 'TimeoutError', timeout: true, deadline: remainingMs <= ownMs, detail });
  const abort = new AbortController();
  const onStop = () => abort.abort();
  signal.addEventListener('abort', onStop);
  const timer = setTimeout(() => abort.abort('timeout'), timeoutMs);
  try {
    let response;
    try {
      response = await fetch(url.href, {
        method,
        headers: { ...sent, ...policy.addHeaders },
        body,
        redirect: 'manual',
        credentials: 'omit',
        mode: 'cors',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        signal: abort.signal,
      });
    } catch (e) {
      if (abort.signal.reason === 'timeout') throw late();
      throw Object.assign(new Error(`fetch of ${where(url)} failed: ${e.message}`), { kind: 'ConnectionError', detail });
    }
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      throw Object.assign(new Refused('max_redirects', 'redirects are not followed in the browser'), { detail });
    }
    detail.status = response.status;
    let content;
    try {
      content = await readCapped(response, policy.maxResponseBytes);
    } catch (e) {
      if (abort.signal.reason === 'timeout') throw late();  // the body came too slowly
      if (e instanceof Refused) throw e;
      // The connection broke mid-body: what the server-side fetch says too.
      throw Object.assign(new Error(`fetch of ${where(url)} failed: ${e.message}`), { kind: 'ConnectionError', detail });
    }
    const headers = {};
    response.headers.forEach((v, k) => {
      headers[k.toLowerCase()] = v;
    });
    return { value: { status: response.status, url: url.href, headers, content: { $b: base64(content) } }, detail };
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onStop);
  }
}

// -- results -----------------------------------------------------------------

function size(n) {
  for (const [unit, scale] of [['GiB', 1 << 30], ['MiB', MiB], ['KiB', 1024]]) {
    if (n >= scale && n % scale === 0) return `${n / scale} ${unit}`;
  }
  return `${n} bytes`;
}

function parseError(payload) {
  const parts = [];
  let rest = payload;
  for (let k = 0; k < 2; k++) {
    const colon = rest.indexOf(':');
    const n = colon > 0 ? rest.slice(0, colon) : '';
    if (!/^[0-9]+$/.test(n)) return ['Error', payload.slice(0, 1000), ''];
    parts.push(rest.slice(colon + 1, colon + 1 + Number(n)));
    rest = rest.slice(colon + 1 + Number(n));
  }
  return [parts[0].slice(0, 200), parts[1].slice(0, MESSAGE_MAX), rest.slice(0, REPORT_MAX)];
}

function guestError(type, message, summary, line = null, traceback = '') {
  return { type, message, line, traceback, summary, hint: null };
}

function outcome(report, limits, memoryHit) {
  const kind = report.slice(0, 1);
  const body = report.slice(1);
  if (kind === 'e') {
    const [type, message, traceback] = parseError(body);
    const lines = [...traceback.matchAll(/File "main\.py", line (\d+)/g)];
    const line = lines.length ? Number(lines[lines.length - 1][1]) : null;
    const where = line ? ` (line ${line})` : '';
    if (type === 'MemoryError') {
      const summary = `Memory limit exceeded${where}: the code needed more than the ${size(limits.memoryBytes)} it may use.`;
      return { status: 'memory_limit', exit_code: 1, error: guestError(type, message, summary, line, traceback) };
    }
    const summary = message ? `${type}${where}: ${message}` : `${type}${where}`;
    return { status: 'error', exit_code: 1, error: guestError(type, message, summary, line, traceback) };
  }
  if (kind === 'x') {
    const text = body.trim();
    const code = text.length <= 10 && /^-?[0-9]+$/.test(text) ? Number(text) : 1;
    if (code === 0) return { status: 'ok', exit_code: 0 };
    const summary = `The code exited with status ${code}.`;
    return { status: 'error', exit_code: code, error: guestError('SystemExit', String(code), summary) };
  }
  if (kind === 'o') {
    if (!body) return { status: 'ok', exit_code: 0, value: null };
    let problem;
    if (body.length > limits.maxValueBytes) {
      problem = `the value is ${body.length.toLocaleString('en-US')} bytes encoded, over the ${limits.maxValueBytes.toLocaleString('en-US')}-byte limit`;
    } else {
      try {
        // No `__proto__` key reaches the caller (a merge of it would pollute a prototype).
        return { status: 'ok', exit_code: 0, value: JSON.parse(body, (k, v) => (k === '__proto__' ? undefined : v)) };
      } catch (e) {
        problem = `malformed value: ${String(e.message).slice(0, 200)}`;
      }
    }
    const summary = `ValueError: the value of the last expression: ${problem}`;
    return { status: 'error', exit_code: 1, error: guestError('ValueError', problem, summary) };
  }
  if (kind === 'j') {
    const colon = body.indexOf(':');
    const message = `${body.slice(0, colon)}: ${body.slice(colon + 1)}`.slice(0, MESSAGE_MAX);
    const summary = `JsException: ${message} (a JavaScript error cannot be caught in Python here; the interpreter was restarted)`;
    return { status: 'error', exit_code: 1, error: guestError('JsException', message, summary), restart: true };
  }
  if (memoryHit) return hostStop('memory_limit', 'MemoryError', `Memory limit exceeded: the code needed more than the ${size(limits.memoryBytes)} it may use.`);
  const detail = kind === 'c' && body ? body.slice(body.indexOf(':') + 1, 300) : 'it stopped unexpectedly';
  return { ...hostStop('crashed', 'Crash', `The code crashed the interpreter: ${detail}. The page is unaffected.`), restart: true };
}

function hostStop(status, type, summary) {
  return { status, exit_code: null, error: guestError(type, summary, summary) };
}

// The files the worker listed, checked: names as the server gives them
// (relative, no '..', no NUL), within the count and byte budget; built on a
// null-prototype object so that no name (__proto__) can act on the result.
function workspaceFiles(files, limits) {
  const out = Object.create(null);
  const strict = new TextDecoder('utf-8', { fatal: true });
  if (!Array.isArray(files)) return out;
  let left = limits.maxFilesBytes;
  let count = 0;
  for (const f of files.slice(0, limits.maxFiles)) {
    if (!Array.isArray(f) || typeof f[0] !== 'string' || !(f[1] instanceof Uint8Array)) continue;
    const [name, data] = f;
    const parts = name.split('/');
    if (name.length > 4096 || name.includes('\0') || parts.some((p) => p === '' || p === '.' || p === '..' || p === '__proto__')) continue;
    // The whole buffer behind a view crossed to this page: that is what counts.
    if (data.buffer.byteLength > left || name in out) continue;
    left -= data.buffer.byteLength;
    count++;
    try {
      out[name] = strict.decode(data);
    } catch {
      out[name] = { base64: base64(data) };
    }
  }
  return count ? Object.assign({}, out) : {};
}

// -- one worker ----------------------------------------------------------------

// A boot image as worker.js makes it, checked for shape (a worker checks it
// again before it copies it in); null when it is not one.
function bootImage(image) {
  if (image === null || typeof image !== 'object') return null;
  const { size, offsets, bytes } = image;
  if (!Number.isInteger(size) || size <= 0 || size % 65536 !== 0 || !(offsets instanceof Uint32Array) || !(bytes instanceof Uint8Array)) {
    return null;
  }
  if (bytes.length !== offsets.length * CHUNK || offsets.some((c, i) => c >= size / CHUNK || (i > 0 && c <= offsets[i - 1]))) return null;
  return Object.freeze({ size, offsets, bytes });
}

let nextId = 1;

// Takes the boot image for `key` in a worker of its own, which runs nothing
// and is gone once it has sent it: taking one costs that worker about 40 ms
// more than a boot (it reads all 16 MiB of its memory, twice), which no
// sandbox waits for. Workers that boot meanwhile boot without one, and so
// does every worker after a taker that failed: one try per page and setting,
// so a taker that cannot finish (a tight bootTimeoutMs) never doubles the boots.
function takeImage(base, limits, images, key) {
  const taker = new Slot(base, { ...limits, fetch: null }, true);
  taker.ready.then(
    () => {
      images.set(key, bootImage(taker.image) ?? false);
      taker.kill();
    },
    () => images.set(key, false),
  );
}

class Slot {
  constructor(base, limits, imageTaker = false) {
    this.limits = limits;
    this.dead = false;
    this.run = null; // the run in progress
    this.bootMs = null;
    // The fetch capability's reply channel: [state, length] then the reply's bytes.
    this.bridge = limits.fetch ? new SharedArrayBuffer(8 + Math.ceil((limits.fetch.maxResponseBytes * 4) / 3) + 65536) : null;
    this.worker = new Worker(versioned('worker.js', base), { type: 'module', name: 'wasmbox' });
    this.worker.onmessage = (e) => this.receive(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.fail('crashed', 'the worker stopped with an error');
    };
    this.worker.onmessageerror = () => this.fail('crashed', 'the worker sent a message that could not be read');
    const started = performance.now();
    this.createdAt = performance.timeOrigin + started;
    this.ready = new Promise((resolve, reject) => {
      this.booted = resolve;
      this.bootFailed = reject;
    });
    this.ready.catch(() => {});
    const timer = setTimeout(() => this.fail('crashed', 'the interpreter did not start in time'), limits.bootTimeoutMs);
    this.ready.finally(() => clearTimeout(timer)).catch(() => {});
    this.imageTaker = imageTaker;
    this.image = null; // the boot image, from an image taker
    assets(base).then(
      ({ module, lib, files, images }) => {
        if (this.dead) return;
        const config = {
          memoryBytes: limits.memoryBytes,
          maxOutputBytes: limits.maxOutputBytes,
          maxFilesBytes: limits.maxFilesBytes,
          maxFiles: limits.maxFiles,
          heapBytes: Math.min(limits.heapBytes, limits.memoryBytes / 4),
          pystack: limits.pystack,
          bridge: this.bridge,
        };
        const key = `${config.heapBytes}:${config.pystack}`;
        const image = imageTaker ? null : images.get(key);
        if (image === undefined) {
          images.set(key, null);
          this.ready.then(() => takeImage(base, limits, images, key), () => images.delete(key));
        }
        this.worker.postMessage({ type: 'init', module, lib, files, config, image: image || null, takeImage: imageTaker });
      },
      (e) => this.fail('crashed', `the sandbox's files could not be loaded: ${e}`),
    );
    this.readyAt = () => {
      this.bootMs = performance.now() - started;
      this.booted(this);
    };
  }

  receive(m) {
    if (this.dead) return;
    if (m === null || typeof m !== 'object' || typeof m.type !== 'string') return this.fail('crashed', 'the worker broke protocol');
    if (m.type === 'ready' && this.bootMs === null) {
      this.phases = m.phases;
      if (this.imageTaker) this.image = m.image;
      return this.readyAt();
    }
    if (m.type === 'fatal') return this.fail('crashed', `the interpreter failed: ${String(m.message).slice(0, 300)}`);
    const r = this.run;
    if (r === null) return this.fail('crashed', 'the worker spoke out of turn');
    if (m.type === 'out' && (m.fd === 1 || m.fd === 2) && m.bytes instanceof Uint8Array) return r.output(m.fd, m.bytes);
    if (m.type === 'output_limit') return r.overflow();
    if (m.type === 'call' && typeof m.name === 'string' && typeof m.payload === 'string') return r.call(m.name, m.payload);
    if (m.type === 'done' && m.id === r.id && typeof m.report === 'string') return r.done(m);
    return this.fail('crashed', 'the worker broke protocol');
  }

  fail(status, why) {
    if (this.dead) return;
    this.bootFailed(new Error(`wasmbox: ${why}`)); // before kill(), which would say less
    this.kill();
    if (this.run !== null) {
      const summary =
        status === 'crashed' ? `The code crashed the interpreter: ${why}. The page is unaffected.` : why;
      this.run.stop(status, status === 'crashed' ? 'Crash' : 'Error', summary);
    }
  }

  // Hands a host call's reply to the worker, which waits for it.
  answer(reply) {
    if (this.dead || this.bridge === null) return;
    const ctrl = new Int32Array(this.bridge, 0, 2);
    const room = new Uint8Array(this.bridge, 8);
    let bytes = new TextEncoder().encode(reply);
    if (bytes.length > room.length) bytes = new TextEncoder().encode('.!' + JSON.stringify(['ValueError', 'the reply is too large']));
    room.set(bytes);
    ctrl[1] = bytes.length;
    Atomics.store(ctrl, 0, 1);
    Atomics.notify(ctrl, 0);
  }

  kill() {
    if (!this.dead) {
      this.dead = true;
      this.worker.terminate();
      // A worker stopped before it was ready never will be: say so to whoever waits.
      this.bootFailed(new Error('wasmbox: the worker was stopped before it was ready'));
    }
  }

  // Runs one program; resolves to a result, never rejects.
  exec(code, opts, session) {
    const limits = this.limits;
    const timeoutMs = opts.timeoutMs ?? limits.timeoutMs;
    if (typeof timeoutMs !== 'number' || !(timeoutMs > 0) || timeoutMs > LIMITS_MAX.timeoutMs) {
      throw new RangeError(`timeoutMs must be a number above 0 and at most ${LIMITS_MAX.timeoutMs}`);
    }
    if (typeof code !== 'string') throw new TypeError('code must be a string');
    const head = requestHead(opts.inputs, session, limits.fetch !== null);
    const stdin = opts.stdin ?? limits.stdin;
    return new Promise((resolve) => {
      const slot = this;
      const decoders = { 1: new TextDecoder(), 2: new TextDecoder() };
      const text = { 1: '', 2: '' };
      const started = performance.now();
      let bytes = 0;
      let truncated = false;
      let finished = false;
      const calls = [];
      const stopped = new AbortController();
      const onOutput = typeof opts.onOutput === 'function' ? opts.onOutput : null;
      const run = {
        id: nextId++,
        output(fd, chunk) {
          if (finished) return;
          let part = chunk;
          if (bytes + chunk.length > limits.maxOutputBytes) {
            part = chunk.subarray(0, limits.maxOutputBytes - bytes);
            truncated = true;
          }
          bytes += part.length;
          const s = decoders[fd].decode(part, { stream: true });
          text[fd] += s;
          if (onOutput && s) onOutput(fd === 1 ? 'stdout' : 'stderr', s);
          if (truncated) run.overflow();
        },
        async call(name, payload) {
          const policy = limits.fetch;
          const t0 = performance.now();
          let reply;
          let outcome;
          let detail = '';
          if (name !== 'f:fetch' || policy === null) {
            reply = '.!' + JSON.stringify(['PermissionError', `no host function ${name.slice(2, 100)} was granted to this run`]);
            outcome = 'refused:unknown';
          } else if (calls.length >= policy.maxCalls) {
            reply = '.!' + JSON.stringify(['PermissionError', `more than ${policy.maxCalls} calls in one run`]);
            outcome = 'refused:max_calls';
          } else {
            try {
              const done = await performFetch(policy, payload, stopped.signal, deadline - performance.now());
              reply = '.=' + JSON.stringify(done.value);
              outcome = 'ok';
              detail = `${done.detail.method} ${done.detail.where} -> ${done.detail.status}`;
            } catch (e) {
              if (e.deadline) {
                timedOut();
                return;
              }
              reply = '.!' + JSON.stringify([e.kind || 'RuntimeError', String(e.message).slice(0, 2000)]);
              outcome = e.rule ? `refused:${e.rule}` : e.timeout ? 'timeout' : `error:${e.kind || 'Error'}`;
              if (e.detail) detail = `${e.detail.method} ${e.detail.where}`;
            }
          }
          if (finished) return;
          calls.push({ name: name.slice(2, 100), duration_ms: Math.round((performance.now() - t0) * 1000) / 1000, bytes_in: payload.length, bytes_out: reply.length, outcome, detail });
          slot.answer(reply);
        },
        overflow() {
          truncated = true;
          run.stop('output_limit', 'OutputLimitExceeded', `Output limit exceeded: the code wrote more than ${size(limits.maxOutputBytes)} to stdout and stderr; the first bytes are kept.`);
        },
        stop(status, type, summary) {
          slot.kill();
          finish({ ...hostStop(status, type, summary) }, performance.now() - started, 0, {});
        },
        done(m) {
          const hit = m.memoryHit === true;
          const result = outcome(m.report.slice(0, REPORT_MAX + 2 * limits.maxValueBytes), limits, hit);
          // A worker that hit its memory cap, or was unwound by a JavaScript
          // exception, may be in any state: it is not used again.
          if (hit || result.restart || result.status === 'crashed') slot.kill();
          const duration = typeof m.duration === 'number' && m.duration >= 0 ? m.duration : performance.now() - started;
          const memory = typeof m.memory === 'number' && m.memory >= 0 ? m.memory : 0;
          finish(result, duration, Math.min(memory, limits.memoryBytes), workspaceFiles(m.files, limits));
        },
      };
      const deadline = performance.now() + timeoutMs;
      const timedOut = () => run.stop('timeout', 'Timeout', `Time limit exceeded: the code ran for more than ${timeoutMs / 1000} s.`);
      const timer = setTimeout(timedOut, timeoutMs);
      function finish(o, duration, memory, files) {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        stopped.abort();
        slot.run = null;
        const stdout = text[1] + decoders[1].decode();
        const stderr = text[2] + decoders[2].decode();
        resolve({
          status: o.status,
          ok: o.status === 'ok',
          stdout,
          stderr,
          error: o.error ?? null,
          exit_code: o.exit_code,
          files,
          duration_ms: Math.round(duration * 1000) / 1000,
          fuel_used: null,
          memory_peak_bytes: memory,
          truncated,
          value: o.value ?? null,
          calls,
          engine: 'micropython',
          fallback: null,
        });
      }
      if (this.dead) {
        finished = false;
        return run.stop('crashed', 'Crash', 'The code crashed the interpreter: the worker is gone. The page is unaffected.');
      }
      this.run = run;
      const input = stdin instanceof Uint8Array ? stdin.slice() : String(stdin);
      this.worker.postMessage({ type: 'run', id: run.id, head, code, stdin: input });
    });
  }
}

// -- the public API ------------------------------------------------------------

class Session {
  constructor(sandbox) {
    this._sandbox = sandbox;
    this._slot = null;
    this._queue = Promise.resolve();
    this.restarts = 0; // how many times the interpreter was replaced (state lost)
    this.closed = false;
  }

  // Runs a cell; globals persist across cells until a hard stop (timeout,
  // output or memory limit, crash) replaces the interpreter.
  run(code, opts = {}) {
    const next = this._queue.then(async () => {
      if (this.closed) throw new Error('wasmbox: the session is closed');
      if (this._slot === null || this._slot.dead) {
        if (this._slot !== null) this.restarts++;
        this._slot = await this._sandbox._take();
      }
      return this._slot.exec(code, opts, true);
    });
    this._queue = next.catch(() => {});
    return next;
  }

  // Forgets all state: the next cell runs in a fresh interpreter. A cell still running
  // ends now, crashed (kill() alone left it waiting for its deadline, then 'timeout').
  reset() {
    if (this._slot !== null) this._slot.fail('crashed', 'the session was reset');
    this._slot = null;
  }

  close() {
    this.closed = true;
    this.reset();
    this._sandbox._sessions.delete(this);
  }
}

class Sandbox {
  constructor(base, limits) {
    this._base = base;
    this.limits = limits;
    this._spare = null;
    this._sessions = new Set();
    this._busy = new Set();
    this.closed = false;
  }

  _refill() {
    if (!this.closed && (this._spare === null || this._spare.dead)) this._spare = new Slot(this._base, this.limits);
  }

  // A booted worker for one run or session; the next spare starts booting.
  async _take() {
    if (this.closed) throw new Error('wasmbox: the sandbox is closed');
    this._refill();
    const slot = this._spare;
    this._spare = null;
    this._refill();
    return slot.ready;
  }

  // Runs `code` in a fresh interpreter. Options: inputs (an object of
  // globals), stdin, timeoutMs, onOutput(stream, text) for streamed output.
  async run(code, opts = {}) {
    const slot = await this._take();
    this._busy.add(slot);
    try {
      return await slot.exec(code, opts, false);
    } finally {
      this._busy.delete(slot);
      slot.kill();
    }
  }

  session() {
    if (this.closed) throw new Error('wasmbox: the sandbox is closed');
    const s = new Session(this);
    this._sessions.add(s);
    return s;
  }

  // How long the current spare took to boot (ms), once it is ready.
  get spareBootMs() {
    return this._spare?.bootMs ?? null;
  }

  close() {
    this.closed = true;
    for (const s of [...this._sessions]) s.close();
    for (const slot of this._busy) slot.fail('crashed', 'the sandbox was closed');
    if (this._spare !== null) this._spare.kill();
    this._spare = null;
  }
}

// Creates a sandbox; resolves once its first worker is ready. `base` is
// where the assets are served (default: next to this module).
export async function createSandbox(options = {}) {
  const { base, ...rest } = options;
  const limits = checkLimits(rest);
  const sandbox = new Sandbox(new URL(base ?? './', import.meta.url), limits);
  sandbox._refill();
  await sandbox._spare.ready;
  return sandbox;
}
