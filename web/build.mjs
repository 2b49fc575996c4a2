// Writes the browser assets into src/wasmbox/web/dist, where the Python
// package serves them from (/web/...) and ships them in the wheel. Nothing
// here is committed: the MicroPython build comes from its npm package
// (pinned in package.json), the rest from web/src. The guest library the
// worker mounts at /lib (lib.bin, lib.json) is Python's to build: it is the
// WASI engine's overlay, precompiled the same way (see wasmbox/web).
//
//   micropython.wasm                   the official WebAssembly build, as published
//   wasmbox.js                         the page module
//   worker.js                          the locked-down worker, with the build's Emscripten
//                                      glue (micropython.mjs, as published) inlined
//   notebook.*                         the notebook page
//   manifest.json                      the build's version, file names and SHA-256 digests
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'src', 'wasmbox', 'web', 'dist');
const mpy = join(here, 'node_modules', '@micropython', 'micropython-webassembly-pyscript');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

copyFileSync(join(mpy, 'micropython.wasm'), join(out, 'micropython.wasm'));
for (const name of readdirSync(join(here, 'src'))) {
  if (/\.(js|html|css|svg)$/.test(name)) copyFileSync(join(here, 'src', name), join(out, name));
}

// The glue goes inside worker.js, in place of the worker's import of it: a
// worker that imports a second module fetches and links it before it can
// start, about 3 ms of a fresh worker's 30 (Chromium 156). Its two exports
// become plain declarations in the worker's module scope, out of Python's
// reach like the rest of that scope.
const replaceOnce = (text, from, to, what) => {
  if (text.split(from).length !== 2) throw new Error(`${what}: expected ${from} once`);
  return text.replace(from, () => to);
};
let glue = readFileSync(join(mpy, 'micropython.mjs'), 'utf8');
glue = replaceOnce(glue, 'export default _createMicroPythonModule;', '', 'micropython.mjs');
glue = replaceOnce(glue, 'export async function loadMicroPython(', 'async function loadMicroPython(', 'micropython.mjs');
if (/(^|[;}\n])\s*(export|import)[\s{*]/.test(glue)) {
  throw new Error('micropython.mjs: an export or import statement is left; the worker cannot inline it');
}
// The magic comment makes V8 compile every function of the script with the
// script, rather than each on its first call: a fresh worker calls most of
// the glue once while it boots. Measured in Chromium 156: 4 ms more before
// the script runs, 4 ms less in the glue's start-up, and a first run in
// 0.9 ms rather than 1.8 (other engines ignore the comment). It must open
// the file.
const worker = readFileSync(join(out, 'worker.js'), 'utf8');
writeFileSync(
  join(out, 'worker.js'),
  '//# allFunctionsCalledOnLoad\n' + replaceOnce(worker, "import { loadMicroPython } from './micropython.mjs';\n", glue + '\n', 'worker.js'),
);

// The build's version: a digest of everything above. wasmbox.js asks for the
// worker and the wasm with `?v=BUILD`; the service lets browsers keep a URL
// with the current version for good.
const digest = createHash('sha256');
for (const name of readdirSync(out).sort()) digest.update(name).update(readFileSync(join(out, name)));
const build = digest.digest('hex').slice(0, 16);
const stamp = (name, from, to) => {
  const text = readFileSync(join(out, name), 'utf8');
  if (!text.includes(from)) throw new Error(`${name}: expected ${from}`);
  writeFileSync(join(out, name), text.replace(from, to));
};
stamp('wasmbox.js', "const BUILD = 'dev';", `const BUILD = '${build}';`);

const manifest = {};
for (const name of readdirSync(out).sort()) {
  manifest[name] = createHash('sha256').update(readFileSync(join(out, name))).digest('hex');
}
writeFileSync(join(out, 'manifest.json'), JSON.stringify({ build, files: manifest }, null, 1) + '\n');
console.log(`wasmbox web assets: ${Object.keys(manifest).length} files in ${relative(process.cwd(), out) || '.'}`);
