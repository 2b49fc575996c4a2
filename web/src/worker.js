// One sandbox: a MicroPython interpreter in a module Web Worker, locked down
// before any guest code runs.
//
// What guest code can reach is exactly what is left on this worker's global
// object after lockdown(): Python's `js` module is globalThis, and shadowing
// it is no boundary (it can be re-imported). So every global that is not on
// the KEEP list is deleted along the whole prototype chain (fetch, XHR,
// WebSocket... live on WorkerGlobalScope.prototype, not on self), code from
// strings throws, and the worker's own means of talking to the page (the
// bound postMessage, the message listener, the real timers) live in this
// module's scope, which Python cannot see. The worker script is also served
// with a Content-Security-Policy that allows no connection at all (see
// wasmbox/web/__init__.py), and the page treats every message from here as
// untrusted (wasmbox.js): these are layers, each meant to hold alone.
//
// Protocol (page -> worker): {type: 'init', module, lib, files, config}, then
// {type: 'run', id, head, code, stdin}. Worker -> page: {type: 'ready'},
// {type: 'out', fd, bytes}, {type: 'output_limit'}, {type: 'done', id, ...}.
import { loadMicroPython } from './micropython.mjs';

const G = globalThis;
const evaluatedAt = performance.timeOrigin + performance.now();
const post = G.postMessage.bind(G);
const listen = G.addEventListener.bind(G);
const clock = G.performance.now.bind(G.performance);
const realSetTimeout = G.setTimeout.bind(G);
const realClearTimeout = G.clearTimeout.bind(G);
const realSetInterval = G.setInterval.bind(G);
const realClearInterval = G.clearInterval.bind(G);
const Channel = G.MessageChannel;
const Registry = G.FinalizationRegistry;
const FunctionPrototype = Function.prototype;
const atomicsWait = Atomics.wait;
const atomicsStore = Atomics.store;
const realCrypto = G.crypto;
const randomValues = G.crypto.getRandomValues.bind(G.crypto);
const memoryBuffer = Function.prototype.call.bind(Object.getOwnPropertyDescriptor(WebAssembly.Memory.prototype, 'buffer').get);
const byteLength = Function.prototype.call.bind(Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get);
const memoryGrow = Function.prototype.call.bind(WebAssembly.Memory.prototype.grow);
const realInstantiate = WebAssembly.instantiate;
const realInstantiateStreaming = WebAssembly.instantiateStreaming;
const encodeUTF8 = ((e) => (s) => e.encode(s))(new TextEncoder());
const FLUSH_BYTES = 8192;
const EAGER_LINES = 64;

// The globals guest code may still see: the language's own built-ins, what
// the Emscripten glue looks up at run time (Module, the proxy_js_* tables,
// crypto for random numbers, TextDecoder), and timers replaced by versions
// that refuse strings and are cleared after every run.
const KEEP = new Set([
  'Object', 'Array', 'Number', 'Boolean', 'String', 'Symbol', 'BigInt', 'Date', 'RegExp',
  'Promise', 'Proxy', 'Reflect', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef',
  'JSON', 'Math', 'Intl', 'Iterator',
  'Error', 'AggregateError', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError',
  'TypeError', 'URIError', 'ArrayBuffer', 'DataView', 'Int8Array', 'Uint8Array',
  'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
  'WebAssembly', 'TextDecoder', 'TextEncoder', 'crypto',
  'globalThis', 'undefined', 'NaN', 'Infinity', 'isFinite', 'isNaN', 'parseFloat',
  'parseInt', 'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent',
  'escape', 'unescape',
  'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask',
  'Module', 'proxy_js_ref', 'proxy_js_ref_next', 'proxy_js_ref_map', 'proxy_js_map',
  'proxy_js_existing', 'pyProxyFinalizationRegistry',
]);
// Intrinsics frozen after boot, so that guest code cannot steer the worker's
// own code through them (a replaced Array.prototype.push, Set.prototype.add or
// Memory.prototype.buffer). Not Object.prototype or the Error prototypes: the
// glue assigns `name` and friends on instances, which a frozen prototype
// would forbid.
const FROZEN = [
  'Array', 'Set', 'Map', 'WeakMap', 'WeakSet', 'WeakRef', 'Promise', 'Function', 'Reflect', 'JSON',
  'Math', 'Symbol', 'String', 'Number', 'Boolean', 'BigInt', 'ArrayBuffer', 'DataView', 'Int8Array',
  'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'TextDecoder', 'TextEncoder',
];

let mp = null; // the interpreter (never on globalThis)
let runner = null; // _wasmbox_web.run, a Python function
let memory = null;
let config = null;
let current = null; // the run in progress: output counters and buffers
let memoryHit = false;
let wantedBytes = 0;
// Clear functions of the timers the guest set, cleared after every run. A
// plain array indexed by hand: no intrinsic method the guest could replace.
let guestTimers = [];

function blocked() {
  throw new EvalError('code from strings is disabled in the wasmbox sandbox');
}

// -- output ------------------------------------------------------------------

function stream() {
  return { buf: new Uint8Array(FLUSH_BYTES), n: 0 };
}

function flush() {
  const r = current;
  if (r === null) return;
  for (const fd of [1, 2]) {
    const s = r.streams[fd];
    if (s.n > 0) {
      post({ type: 'out', fd, bytes: s.buf.slice(0, s.n) });
      s.n = 0;
    }
  }
  r.lastFlush = clock();
}

function emit(fd, bytes) {
  const r = current;
  if (r === null) return; // output outside a run (the boot's) goes nowhere
  for (let i = 0; i < bytes.length; i++) {
    if (r.total >= r.cap) {
      if (!r.over) {
        r.over = true;
        flush();
        // The page terminates this worker on this message; until then every
        // write fails (an OSError in Python).
        post({ type: 'output_limit' });
      }
      throw new Error('output limit exceeded');
    }
    r.total++;
    const s = r.streams[fd];
    const b = bytes[i];
    s.buf[s.n++] = b;
    // Sent at once: a full buffer; the first lines of a run (so that what a
    // program printed before it hangs reaches the page before the deadline);
    // later lines at most once a millisecond, and long lines every 1 KiB.
    if (s.n === FLUSH_BYTES) flush();
    else if ((b === 10 || (s.n & 1023) === 0) && (r.lines++ < EAGER_LINES || clock() - r.lastFlush >= 1)) flush();
  }
}

function stdin() {
  const r = current;
  if (r === null || r.inPos >= r.stdin.length) return null;
  return r.stdin[r.inPos++];
}

// -- host calls ----------------------------------------------------------------

// A host function call (fetch) from Python: the page performs it and writes
// the reply into the shared buffer; this worker waits for it, as the WASI
// engine's guest waits for its host. The page's deadline still holds: it
// terminates a worker that waits too long.
let bridgeCtrl = null;
let bridgeData = null;
const decodeReply = ((d) => (b) => d.decode(b))(new TextDecoder());

function hostCall(name, payload) {
  if (bridgeCtrl === null || current === null) {
    return '.!' + JSON.stringify(['PermissionError', 'this sandbox grants no host functions']);
  }
  flush();
  atomicsStore(bridgeCtrl, 0, 0);
  post({ type: 'call', name: String(name), payload: String(payload) });
  atomicsWait(bridgeCtrl, 0, 0);
  const n = bridgeCtrl[1];
  return decodeReply(bridgeData.slice(0, n));
}

// -- memory cap --------------------------------------------------------------

// Emscripten grows the heap through emscripten_resize_heap, over-allocating
// by up to 20%: the wrapper refuses any request beyond the cap (malloc then
// fails and MicroPython raises MemoryError), and the memory's own grow()
// is clamped so that over-allocation never goes past the cap either.
function capImports(imports) {
  const env = imports.env;
  const resize = env.emscripten_resize_heap;
  env.emscripten_resize_heap = (size) => {
    wantedBytes = size >>> 0;
    if (wantedBytes > config.memoryBytes) {
      memoryHit = true;
      return 0;
    }
    return resize(size);
  };
  return imports;
}

function capMemory(mem) {
  Object.defineProperty(mem, 'grow', {
    value: (pages) => {
      const have = byteLength(memoryBuffer(mem));
      if (have + pages * 65536 > config.memoryBytes) pages = Math.ceil((wantedBytes - have) / 65536);
      if (pages <= 0 || have + pages * 65536 > config.memoryBytes) {
        memoryHit = true;
        throw new RangeError('wasmbox memory cap');
      }
      return memoryGrow(mem, pages);
    },
  });
}

// -- files quota ---------------------------------------------------------------

// Files live in Emscripten's in-memory filesystem, in JavaScript memory
// outside the wasm memory cap: ordinary file writes (open().write()) are
// counted here, as the WASI engine counts its workspace (maxFilesBytes bytes,
// maxFiles files and directories made by the guest, anywhere), and go over
// with ENOSPC, an OSError in Python. The wrappers cannot be replaced.
function quotaFS(FS) {
  const write = FS.write;
  const mknod = FS.mknod;
  const unlink = FS.unlink;
  const truncate = FS.truncate;
  const lookup = FS.lookupPath;
  const size = (node) => (node && typeof node.usedBytes === 'number' ? node.usedBytes : 0);
  const full = () => new FS.ErrnoError(51); // ENOSPC, as WASI numbers it
  let used = 0;
  let made = 0;
  const lock = (name, fn) => Object.defineProperty(FS, name, { value: fn, writable: false, configurable: false });
  lock('write', (stream, buffer, offset, length, position, canOwn) => {
    const node = stream.node;
    const at = typeof position === 'number' ? position : stream.position;
    const before = size(node);
    if (used + Math.max(0, at + length - before) > config.maxFilesBytes) throw full();
    const n = write.call(FS, stream, buffer, offset, length, position, canOwn);
    used += Math.max(0, size(node) - before);
    return n;
  });
  lock('truncate', (path, len) => {
    const node = typeof path === 'string' ? lookup.call(FS, path, { follow: true }).node : path;
    const before = size(node);
    if (used + Math.max(0, len - before) > config.maxFilesBytes) throw full();
    const r = truncate.call(FS, path, len);
    used += size(node) - before;
    return r;
  });
  lock('mknod', (path, mode, dev) => {
    if (made >= config.maxFiles) throw full();
    const r = mknod.call(FS, path, mode, dev);
    made++;
    return r;
  });
  lock('unlink', (path) => {
    let node = null;
    try {
      node = lookup.call(FS, path).node;
    } catch {
      node = null;
    }
    const r = unlink.call(FS, path);
    if (node !== null) {
      used -= size(node);
      made--;
    }
    return r;
  });
}

// -- lockdown ------------------------------------------------------------------

function guestTimer(real, clear) {
  return [
    (fn, ms, ...args) => {
      if (typeof fn !== 'function') blocked();
      const id = real(fn, ms, ...args);
      guestTimers[guestTimers.length] = () => clear(id);
      return id;
    },
    (id) => clear(id),
  ];
}

function lockdown() {
  for (const proto of [
    Function.prototype,
    Object.getPrototypeOf(async function () {}),
    Object.getPrototypeOf(function* () {}),
    Object.getPrototypeOf(async function* () {}),
  ]) {
    Object.defineProperty(proto, 'constructor', { value: blocked, writable: false, configurable: false });
  }
  const [st, ct] = guestTimer(realSetTimeout, realClearTimeout);
  const [si, ci] = guestTimer(realSetInterval, realClearInterval);
  Object.assign(G, { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci });
  WebAssembly.instantiateStreaming = realInstantiateStreaming;
  // The glue reads random numbers through globalThis.crypto; nothing else of
  // WebCrypto stays (crypto.subtle work would outlive worker.terminate()).
  void realCrypto;
  const crypto = Object.freeze({ getRandomValues: (array) => randomValues(array) });
  for (let o = G; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const key of Reflect.ownKeys(o)) {
      if (typeof key !== 'string' || (o === G && KEEP.has(key) && key !== 'crypto')) continue;
      if (!Reflect.deleteProperty(o, key)) {
        // Not configurable: a constant (TEMPORARY = 0) may stay; anything
        // else must be made to hold nothing, or the worker refuses to start.
        const d = Reflect.getOwnPropertyDescriptor(o, key);
        if (d && 'value' in d && (d.value === null || (typeof d.value !== 'object' && typeof d.value !== 'function'))) continue;
        try {
          Object.defineProperty(o, key, { value: undefined, writable: false });
        } catch {
          throw new Error(`wasmbox: cannot remove global ${key}`);
        }
      }
    }
  }
  Object.defineProperty(G, 'crypto', { value: crypto, writable: false, configurable: false });
  // The glue's registry stays; making another (whose callbacks would run
  // between cells, with no deadline) does not.
  Object.defineProperty(Registry.prototype, 'constructor', { value: blocked, writable: false, configurable: false });
  for (const name of FROZEN) {
    const ctor = G[name];
    if (ctor === undefined) continue;
    Object.freeze(ctor);
    if (ctor.prototype) Object.freeze(ctor.prototype);
  }
  Object.freeze(Object.getPrototypeOf(Uint8Array)); // %TypedArray%
  Object.freeze(Object.getPrototypeOf(Uint8Array.prototype));
  Object.freeze(FunctionPrototype);
  for (const proto of [WebAssembly.Memory.prototype, WebAssembly.Memory, WebAssembly]) Object.freeze(proto);
  for (const key of ['fetch', 'XMLHttpRequest', 'WebSocket', 'eval', 'Function', 'importScripts', 'Atomics']) {
    if (key in G && G[key] !== undefined) throw new Error(`wasmbox: ${key} survived lockdown`);
  }
  if ('subtle' in G.crypto) throw new Error('wasmbox: crypto.subtle survived lockdown');
}

// -- boot --------------------------------------------------------------------

async function boot({ module, lib, files, config: cfg }) {
  const initAt = performance.timeOrigin + clock();
  config = cfg;
  // The glue would fetch the wasm itself; under the worker's CSP it cannot,
  // and need not: the page compiled it once and posted the Module.
  G.fetch = () => new Promise(() => {});
  WebAssembly.instantiateStreaming = async (_response, imports) => {
    const instance = await realInstantiate(module, capImports(imports));
    memory = instance.exports.memory;
    capMemory(memory);
    return { instance, module };
  };
  const t0 = clock();
  mp = await loadMicroPython({
    heapsize: cfg.heapBytes,
    pystack: cfg.pystack,
    linebuffer: false,
    stdin,
    stdout: (b) => emit(1, b),
    stderr: (b) => emit(2, b),
  });
  delete G.loadMicroPython;
  if (cfg.bridge) {
    bridgeCtrl = new Int32Array(cfg.bridge, 0, 2);
    bridgeData = new Uint8Array(cfg.bridge, 8);
  }
  mp.registerJsModule('_wasmbox_host', { call: hostCall });
  const t1 = clock();
  const FS = mp.FS;
  FS.mkdir('/lib');
  FS.mkdir('/work');
  const bytes = new Uint8Array(lib);
  const dirs = new Set();
  for (const [path, start, end] of files) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = '/lib/' + parts.slice(0, i).join('/');
      if (!dirs.has(dir)) {
        FS.mkdir(dir);
        dirs.add(dir);
      }
    }
    // canOwn: the file is a view of the library's buffer, not a copy of it.
    FS.writeFile('/lib/' + path, bytes.subarray(start, end), { canOwn: true });
  }
  const t2 = clock();
  quotaFS(FS);
  runner = mp.pyimport('_wasmbox_web').run;
  const t3 = clock();
  lockdown();
  return { evaluatedAt, initAt, load: t1 - t0, files: t2 - t1, runner: t3 - t2, lockdown: clock() - t3 };
}

function describe(e) {
  try {
    const name = typeof e?.name === 'string' ? e.name.slice(0, 100) : 'Error';
    return name + ':' + String(e?.message ?? e).slice(0, 1000);
  } catch {
    return 'Error:';
  }
}

// -- runs --------------------------------------------------------------------

// Lets every microtask the run queued settle (a macrotask comes after all of
// them), so that their output belongs to this run and not the next.
function settle() {
  return new Promise((resolve) => {
    const ch = new Channel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

// The files in /work for the result, within budget: bytes, count and time,
// whatever the guest did to the filesystem's functions (the page checks again).
function workspace(FS, dir, prefix, out, budget) {
  const names = FS.readdir(dir);
  for (let i = 0; i < names.length && budget.files > 0 && clock() < budget.until; i++) {
    const name = String(names[i]);
    if (name === '.' || name === '..') continue;
    const path = dir + '/' + name;
    const st = FS.stat(path);
    if (FS.isDir(st.mode)) {
      if (budget.depth > 0) {
        budget.depth--;
        workspace(FS, path, prefix + name + '/', out, budget);
        budget.depth++;
      }
    } else if (FS.isFile(st.mode) && budget.left >= st.size) {
      const data = FS.readFile(path);
      if (!(data instanceof Uint8Array) || data.length > budget.left) continue;
      budget.left -= data.length;
      budget.files--;
      out[out.length] = [prefix + name, data];
    }
  }
  return out;
}

async function execute(msg) {
  current = {
    cap: config.maxOutputBytes,
    total: 0,
    over: false,
    streams: { 1: stream(), 2: stream() },
    lastFlush: clock(),
    lines: 0,
    stdin: msg.stdin instanceof Uint8Array ? msg.stdin : encodeUTF8(String(msg.stdin ?? '')),
    inPos: 0,
  };
  const started = clock();
  let report;
  try {
    report = runner(String(msg.head), String(msg.code));
  } catch (e) {
    // A JavaScript exception unwound the interpreter: a JS function the guest
    // called threw (this build cannot turn that into a Python exception), or
    // the wasm trapped. The page recycles this worker either way.
    report = (e instanceof WebAssembly.RuntimeError ? 'c' : 'j') + describe(e);
  }
  await settle();
  const timers = guestTimers;
  guestTimers = [];
  for (let i = 0; i < timers.length; i++) timers[i]();
  const duration = clock() - started;
  flush();
  current = null;
  let files = [];
  try {
    const budget = { left: config.maxFilesBytes, files: config.maxFiles, depth: 32, until: clock() + 200 };
    files = workspace(mp.FS, '/work', '', [], budget);
  } catch {
    files = [];
  }
  post({
    type: 'done',
    id: msg.id,
    report: typeof report === 'string' ? report : 'c',
    duration,
    memory: memory ? byteLength(memoryBuffer(memory)) : 0,
    memoryHit,
    files,
  });
}

const queue = [];
let busy = false;

async function pump() {
  if (busy) return;
  busy = true;
  while (queue.length) {
    const msg = queue.shift();
    try {
      if (msg.type === 'init') {
        const t0 = clock();
        const phases = await boot(msg);
        post({ type: 'ready', bootMs: clock() - t0, phases });
      } else if (msg.type === 'run' && runner !== null) {
        await execute(msg);
      }
    } catch (e) {
      post({ type: 'fatal', message: String(e && e.message).slice(0, 1000) });
    }
  }
  busy = false;
}

listen('message', (event) => {
  // Only the page's own messages: a script-made event is not trusted.
  if (!event.isTrusted || event.data === null || typeof event.data !== 'object') return;
  queue.push(event.data);
  pump();
});
