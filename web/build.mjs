// Writes the browser assets into src/wasmbox/web/dist, where the Python
// package serves them from (/web/...) and ships them in the wheel. Nothing
// here is committed: the MicroPython build comes from its npm package
// (pinned in package.json), the rest from web/src and the guest library.
//
//   micropython.mjs, micropython.wasm  the official WebAssembly build, as published
//   wasmbox.js, worker.js              the page module and the locked-down worker
//   lib.bin + lib.json                 the guest overlay library (/lib in the worker):
//                                      every file's bytes, and [path, start, end] for each
//   notebook.*                         the notebook page
//   manifest.json                      file names and SHA-256 digests
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'src', 'wasmbox', 'web', 'dist');
const mpy = join(here, 'node_modules', '@micropython', 'micropython-webassembly-pyscript');
const guestLib = join(here, '..', 'src', 'wasmbox', 'guest', 'lib');

function walk(dir, base = dir) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== '__pycache__') found.push(...walk(path, base));
    } else if (name.endsWith('.py')) {
      found.push(relative(base, path));
    }
  }
  return found;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

for (const name of ['micropython.mjs', 'micropython.wasm']) copyFileSync(join(mpy, name), join(out, name));
for (const name of readdirSync(join(here, 'src'))) {
  if (/\.(js|html|css|svg)$/.test(name)) copyFileSync(join(here, 'src', name), join(out, name));
}

const chunks = [];
const index = [];
let offset = 0;
const add = (path, data) => {
  chunks.push(data);
  index.push([path, offset, offset + data.length]);
  offset += data.length;
};
// The same overlay as the WASI engine's (its _wasmbox_io works without a host:
// the value codec and error reports are shared, the host calls are not).
for (const path of walk(guestLib)) add(path, readFileSync(join(guestLib, path)));
for (const path of walk(join(here, 'src', 'python'))) add(path, readFileSync(join(here, 'src', 'python', path)));
writeFileSync(join(out, 'lib.bin'), Buffer.concat(chunks));
writeFileSync(join(out, 'lib.json'), JSON.stringify(index));

const manifest = {};
for (const name of readdirSync(out).sort()) {
  manifest[name] = createHash('sha256').update(readFileSync(join(out, name))).digest('hex');
}
writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
console.log(`wasmbox web assets: ${Object.keys(manifest).length} files in ${relative(process.cwd(), out) || '.'}`);
