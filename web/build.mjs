// Writes the browser assets into src/wasmbox/web/dist, where the Python
// package serves them from (/web/...) and ships them in the wheel. Nothing
// here is committed: the MicroPython build comes from its npm package
// (pinned in package.json), the rest from web/src. The guest library the
// worker mounts at /lib (lib.bin, lib.json) is Python's to build: it is the
// WASI engine's overlay, precompiled the same way (see wasmbox/web).
//
//   micropython.mjs, micropython.wasm  the official WebAssembly build, as published
//   wasmbox.js, worker.js              the page module and the locked-down worker
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

for (const name of ['micropython.mjs', 'micropython.wasm']) copyFileSync(join(mpy, name), join(out, name));
for (const name of readdirSync(join(here, 'src'))) {
  if (/\.(js|html|css|svg)$/.test(name)) copyFileSync(join(here, 'src', name), join(out, name));
}

// The build's version: a digest of everything above. wasmbox.js asks for the
// worker and the wasm with `?v=BUILD`, and the worker for its glue; the
// service lets browsers keep a URL with the current version for good.
const digest = createHash('sha256');
for (const name of readdirSync(out).sort()) digest.update(name).update(readFileSync(join(out, name)));
const build = digest.digest('hex').slice(0, 16);
const stamp = (name, from, to) => {
  const text = readFileSync(join(out, name), 'utf8');
  if (!text.includes(from)) throw new Error(`${name}: expected ${from}`);
  writeFileSync(join(out, name), text.replace(from, to));
};
stamp('wasmbox.js', "const BUILD = 'dev';", `const BUILD = '${build}';`);
stamp('worker.js', "from './micropython.mjs';", `from './micropython.mjs?v=${build}';`);

const manifest = {};
for (const name of readdirSync(out).sort()) {
  manifest[name] = createHash('sha256').update(readFileSync(join(out, name))).digest('hex');
}
writeFileSync(join(out, 'manifest.json'), JSON.stringify({ build, files: manifest }, null, 1) + '\n');
console.log(`wasmbox web assets: ${Object.keys(manifest).length} files in ${relative(process.cwd(), out) || '.'}`);
