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
// Protocol (page -> worker): {type: 'init', module, lib, files, config, image,
// takeImage}, then {type: 'run', id, head, code, stdin}. Worker -> page:
// {type: 'ready', image}, {type: 'out', fd, bytes}, {type: 'output_limit'},
// {type: 'done', id, ...}.
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
const viewBuffer = Function.prototype.call.bind(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), 'buffer').get);
const defineOwn = Object.defineProperty;

// Appends to an array without the prototype chain. An index past the end is looked up
// there first, and a guest can put a setter on Object.prototype (through the JS FFI) that
// swallows the write: a timer then outlived its cell, or a session's next run was lost.
function append(list, value) {
  defineOwn(list, list.length, { value, writable: true, enumerable: true, configurable: true });
}
const tableGet = Function.prototype.call.bind(WebAssembly.Table.prototype.get);
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

// -- setjmp/longjmp -------------------------------------------------------------

// Emscripten's setjmp/longjmp: inside any C function that calls setjmp (as
// MicroPython's nlr_push does, the bytecode interpreter's among them), every
// call is made through one of these invoke_* imports, out of the wasm and
// back in through the function table, so that a longjmp (a thrown number)
// can be caught: 17,000 calls while a worker boots, 8 per iteration of a
// `for` loop. The glue's own are its debug build's, which look each function
// up in the table twice (an assertion checks their cache against the table,
// which never changes: nothing here or in the glue sets or grows it). These do
// what its release build does, and made a 300k-iteration loop 1.7 times as
// fast. fastInvokes() puts them in `env` and returns the function that links
// them to the instance, to be called before anything runs in it.
function fastInvokes(env) {
  let fns = null; // the table's functions, each looked up once
  let table = null;
  let save = null;
  let restore = null;
  let threw = null;
  const fn = (i) => (i >>> 0 < fns.length ? (fns[i] ?? (fns[i] = tableGet(table, i))) : tableGet(table, i));
  const caught = (sp, e) => {
    restore(sp);
    if (e !== e + 0) throw e; // not a longjmp (those throw a number)
    threw(1, 0);
  };
  const invokes = {
    invoke_i: (i) => { const sp = save(); try { return fn(i)(); } catch (e) { caught(sp, e); } },
    invoke_ii: (i, a) => { const sp = save(); try { return fn(i)(a); } catch (e) { caught(sp, e); } },
    invoke_iii: (i, a, b) => { const sp = save(); try { return fn(i)(a, b); } catch (e) { caught(sp, e); } },
    invoke_iiii: (i, a, b, c) => { const sp = save(); try { return fn(i)(a, b, c); } catch (e) { caught(sp, e); } },
    invoke_iiiii: (i, a, b, c, d) => { const sp = save(); try { return fn(i)(a, b, c, d); } catch (e) { caught(sp, e); } },
    invoke_iiiiii: (i, a, b, c, d, f) => { const sp = save(); try { return fn(i)(a, b, c, d, f); } catch (e) { caught(sp, e); } },
    invoke_v: (i) => { const sp = save(); try { fn(i)(); } catch (e) { caught(sp, e); } },
    invoke_vi: (i, a) => { const sp = save(); try { fn(i)(a); } catch (e) { caught(sp, e); } },
    invoke_vii: (i, a, b) => { const sp = save(); try { fn(i)(a, b); } catch (e) { caught(sp, e); } },
    invoke_viii: (i, a, b, c) => { const sp = save(); try { fn(i)(a, b, c); } catch (e) { caught(sp, e); } },
    invoke_viiii: (i, a, b, c, d) => { const sp = save(); try { fn(i)(a, b, c, d); } catch (e) { caught(sp, e); } },
  };
  for (const name of Object.keys(env)) {
    if (name.startsWith('invoke_') && !(name in invokes)) throw new Error(`wasmbox: the glue needs ${name}`);
  }
  for (const name of Object.keys(invokes)) {
    if (name in env) env[name] = invokes[name];
  }
  return (exports) => {
    table = exports.__indirect_function_table;
    fns = new Array(table.length).fill(null); // no holes: nothing is looked up on a prototype
    save = exports.emscripten_stack_get_current;
    restore = exports._emscripten_stack_restore;
    threw = exports.setThrew;
  };
}

// -- file reads ------------------------------------------------------------------

// MicroPython reads a module's file 24 bytes at a time (its reader's buffer),
// each read a call to the glue's fd_read: over a thousand while a worker
// boots, 1,600 for `import re`. A read of an in-memory regular file, into
// one buffer, takes this shorter way: the same bytes and the same stream
// position as FS.read gives; anything else (devices, directories, a file
// opened for writing only, several buffers) goes to the glue as before.
let fileOps = null; // the stream functions of every in-memory file (MEMFS's), once known

function quickReads(env) {
  const slow = env.fd_read;
  let words = null;
  let bytes = null;
  env.fd_read = (fd, iov, iovcnt, pnum) => {
    const stream = fileOps !== null && iovcnt === 1 ? mp.FS.streams[fd] : null;
    if (stream == null || stream.stream_ops !== fileOps || (stream.flags & 2097155) === 1) {
      return slow(fd, iov, iovcnt, pnum);
    }
    const node = stream.node;
    if (!(node.contents instanceof Uint8Array)) return slow(fd, iov, iovcnt, pnum);
    const buffer = memoryBuffer(memory);
    if (bytes === null || bytes.buffer !== buffer) {
      bytes = new Uint8Array(buffer);
      words = new Uint32Array(buffer);
    }
    const ptr = words[iov >>> 2];
    const len = words[(iov + 4) >>> 2];
    const at = stream.position;
    const n = at >= node.usedBytes ? 0 : Math.min(node.usedBytes - at, len);
    if (n > 0) bytes.set(node.contents.subarray(at, at + n), ptr);
    stream.position = at + n;
    words[pnum >>> 2] = n;
    return 0;
  };
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
      append(guestTimers, () => clear(id));
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

// A name not found in a directory: the glue builds a new ErrnoError for each,
// an Error with a stack trace through every wasm frame above it (tens of
// microseconds; 0.2 ms with DevTools attached), and every import looks for
// name and name.py before name.mpy, in each entry of the path. One frozen
// error serves them all: its errno is all the glue reads. (node_ops is shared
// by every in-memory directory.)
function quickLookups(FS) {
  const notFound = Object.freeze(new FS.ErrnoError(44)); // ENOENT
  FS.root.node_ops.lookup = () => {
    throw notFound;
  };
}

// The library at /lib: each file a view of the one buffer the page sent, not
// a copy. The nodes are made on their directory directly, as FS.mkdir and
// FS.writeFile would make them (same modes, same contents): those look every
// path up twice and build an ErrnoError, with its stack trace, for each
// name not there yet; for 60 files that was about 3 ms of a fresh worker's
// start-up, against 0.1 ms here.
const DIR_MODE = 0o40777; // what FS.mkdir gives
const FILE_MODE = 0o100666; // what FS.writeFile gives

function mountLibrary(FS, bytes, files) {
  const root = FS.mkdir('/lib');
  const dirs = new Map([['', root]]);
  const dir = (path) => {
    let node = dirs.get(path);
    if (node === undefined) {
      const cut = path.lastIndexOf('/');
      const parent = dir(cut < 0 ? '' : path.slice(0, cut));
      node = parent.node_ops.mknod(parent, path.slice(cut + 1), DIR_MODE, 0);
      dirs.set(path, node);
    }
    return node;
  };
  for (const [path, start, end] of files) {
    const cut = path.lastIndexOf('/');
    const parent = dir(cut < 0 ? '' : path.slice(0, cut));
    const node = parent.node_ops.mknod(parent, path.slice(cut + 1), FILE_MODE, 0);
    node.contents = bytes.subarray(start, end);
    node.usedBytes = end - start;
    fileOps = node.stream_ops;
  }
}

async function boot({ module, lib, files, config: cfg, image, takeImage }) {
  const initAt = performance.timeOrigin + clock();
  config = cfg;
  // The glue would fetch the wasm itself; under the worker's CSP it cannot,
  // and need not: the page compiled it once and posted the Module.
  G.fetch = () => new Promise(() => {});
  WebAssembly.instantiateStreaming = async (_response, imports) => {
    const link = fastInvokes(imports.env);
    quickReads(imports.env);
    const instance = await realInstantiate(module, capImports(imports));
    link(instance.exports);
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
  const host = { call: hostCall };
  mp.registerJsModule('_wasmbox_host', host);
  const t1 = clock();
  const FS = mp.FS;
  quickLookups(FS);
  FS.mkdir('/work');
  mountLibrary(FS, new Uint8Array(lib), files);
  const t2 = clock();
  quotaFS(FS);
  let made = null;
  const restored = image != null && restoreImage(image, host);
  if (!restored) {
    const before = takeImage ? usedChunks() : null;
    mp.pyimport('_wasmbox_web');
    if (before !== null) made = makeImage(before, host);
  }
  runner = mp.pyimport('_wasmbox_web').run;
  const t3 = clock();
  lockdown();
  const phases = { evaluatedAt, initAt, load: t1 - t0, files: t2 - t1, runner: t3 - t2, lockdown: clock() - t3, restored };
  return { phases, image: made };
}

// -- boot image ------------------------------------------------------------------

// Importing the runner was a quarter of a fresh worker's start-up (7 ms: the
// overlay's runtime module, run by the interpreter), and it leaves the same
// bytes in wasm memory every time. So one worker per page and heap setting
// boots with `takeImage` and sends the page an image of what the import
// changed; the page hands it to later workers, which copy it in rather than
// import (0.3 ms). The image is taken before any guest code has run, so it
// holds nothing of any run, and a worker that restores it is in the state its
// own import would have left.
//
// The image is the memory in 4 KiB chunks: every chunk that was not all zeros
// before the import or is not after it. Booting is deterministic up to the
// import, so a restoring worker's memory is then the same as the taker's, and
// copying those chunks makes all of it what it was after the import. Besides
// memory, the import leaves two things in JavaScript, which restoreImage()
// redoes: the working directory (/work), and the host module's `call`
// function in the glue's table of the objects Python refers to (index 3,
// after globalThis, undefined and the host module). An image is taken only
// when that is all there is, and restored only onto that same state.
const CHUNK = 4096;

function usedChunks() {
  const words = new Int32Array(memoryBuffer(memory));
  const per = CHUNK / 4;
  const used = new Uint8Array(words.length / per);
  for (let c = 0, i = 0; c < used.length; c++) {
    let any = 0;
    for (const end = i + per; i < end; i++) any |= words[i];
    used[c] = any !== 0 ? 1 : 0;
  }
  return used;
}

function jsStateAfterImport(host) {
  const refs = G.proxy_js_ref;
  const FS = mp.FS;
  const streams = FS.streams;
  for (let fd = 3; fd < streams.length; fd++) if (streams[fd]) return false;
  return (
    refs.length === 4 && refs[0] === G && refs[1] === undefined && refs[2] === host && refs[3] === hostCall &&
    G.proxy_js_ref_next === 4 && FS.cwd() === '/work'
  );
}

function makeImage(before, host) {
  if (!jsStateAfterImport(host)) return null;
  const after = usedChunks();
  if (after.length !== before.length) return null; // the import grew the memory
  const heap = new Uint8Array(memoryBuffer(memory));
  let n = 0;
  for (let c = 0; c < after.length; c++) if (before[c] || after[c]) n++;
  const offsets = new Uint32Array(n);
  const bytes = new Uint8Array(n * CHUNK);
  for (let c = 0, i = 0; c < after.length; c++) {
    if (before[c] || after[c]) {
      offsets[i] = c;
      bytes.set(heap.subarray(c * CHUNK, (c + 1) * CHUNK), i * CHUNK);
      i++;
    }
  }
  return { size: heap.length, offsets, bytes };
}

function restoreImage(image, host) {
  const refs = G.proxy_js_ref;
  const heap = new Uint8Array(memoryBuffer(memory));
  const { size, offsets, bytes } = image;
  if (refs.length !== 3 || refs[2] !== host || G.proxy_js_ref_next !== 3 || size !== heap.length) return false;
  if (!(offsets instanceof Uint32Array) || !(bytes instanceof Uint8Array) || bytes.length !== offsets.length * CHUNK) return false;
  for (let i = 0; i < offsets.length; i++) {
    if (offsets[i] >= size / CHUNK) return false;
  }
  for (let i = 0; i < offsets.length; i++) heap.set(bytes.subarray(i * CHUNK, (i + 1) * CHUNK), offsets[i] * CHUNK);
  refs[3] = hostCall;
  G.proxy_js_ref_map.set(hostCall, 3);
  G.proxy_js_ref_next = 4;
  mp.FS.chdir('/work');
  return true;
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
      if (!(data instanceof Uint8Array)) continue;
      // The whole buffer behind the view is what crosses to the page, not the view.
      const size = byteLength(viewBuffer(data));
      if (size > budget.left) continue;
      budget.left -= size;
      budget.files--;
      append(out, [prefix + name, data]);
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
let head = 0; // the next message: the queue's own indexes only (see append)
let busy = false;

async function pump() {
  if (busy) return;
  busy = true;
  while (head < queue.length) {
    const msg = queue[head];
    queue[head] = undefined;
    head++;
    if (head === queue.length) {
      queue.length = 0;
      head = 0;
    }
    try {
      if (msg.type === 'init') {
        const t0 = clock();
        const { phases, image } = await boot(msg);
        post({ type: 'ready', bootMs: clock() - t0, phases, image }, image ? [image.offsets.buffer, image.bytes.buffer] : []);
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
  append(queue, event.data);
  pump();
});
