#!/usr/bin/env bash
# Build the npm package into pkg/: the browser ES module (diaodu.js,
# diaodu_bg.wasm, diaodu.d.ts), a Node build in pkg/node/, the DOM binding's
# entry in pkg/dom/ (`import { attach } from 'diaodu/dom'`: the validator
# and `attach`, feature `dom`), and package.json. Then copy it into www/pkg/
# for the demo page.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --wasm
. scripts/wasm-env.sh

wasm_cargo build --profile wasm-release --lib
wasm=target/wasm32-unknown-unknown/wasm-release/diaodu.wasm
# The DOM entry in its own target folder, so that the two builds never
# undo each other's cache.
wasm_cargo build --profile wasm-release --lib --features dom --target-dir target/dom
dom_wasm=target/dom/wasm32-unknown-unknown/wasm-release/diaodu.wasm

rm -rf pkg
wasm-bindgen --target web --out-dir pkg --out-name diaodu "$wasm"
wasm-bindgen --target nodejs --out-dir pkg/node --out-name diaodu "$wasm"
wasm-bindgen --target web --out-dir pkg/dom --out-name diaodu "$dom_wasm"
# wasm-bindgen's runtime speaks in its own words ("null pointer passed to
# rust" for a call after free()); its one throwing import gets ours instead.
# The script fails if that import ever changes shape, rather than ship the
# old words.
for f in pkg/diaodu.js pkg/node/diaodu.js pkg/dom/diaodu.js; do
  node scripts/runtime-messages.mjs "$f"
done
# loadLanguage(lang, source): English is not in the wasm (src/english.rs);
# each build's glue gets the call that fetches it, and the file beside its
# wasm. The file is written from the native tables and pinned by a test
# (tests/it/english.rs).
for f in pkg/diaodu.js pkg/dom/diaodu.js; do
  cat >> "$f" <<'JS'
const languageFile = () => new URL('diaodu_en.json', import.meta.url);
const readLocal = async () => undefined;
JS
  cat js/load-language.js >> "$f"
done
cat >> pkg/node/diaodu.js <<'JS'
const languageFile = () => require('path').join(__dirname, 'diaodu_en.json');
const readLocal = async (source) =>
  /^https?:/i.test(String(source)) ? undefined : require('fs').promises.readFile(source, 'utf8');
JS
sed 's/^export async function loadLanguage/async function loadLanguage/' js/load-language.js >> pkg/node/diaodu.js
echo 'module.exports.loadLanguage = loadLanguage;' >> pkg/node/diaodu.js
for d in pkg pkg/node pkg/dom; do
  cp js/diaodu_en.json "$d/"
done
# validate's and setField's common cases without externrefs
# (js/keystroke.js): in front of the generated validate and setField, in
# every build. The build fails if the snippet it imports, or a generated
# function it wraps, is missing.
for d in pkg pkg/dom pkg/node; do
  snippet=$(cd "$d" && ls snippets/*/js/lean.js)
  [ -n "$snippet" ] || { echo "build-wasm: no lean.js snippet in $d" >&2; exit 1; }
  for fn in validate __validateRead; do
    grep -q "^\(export \)\?function $fn(" "$d/diaodu.js" || { echo "build-wasm: no generated $fn in $d" >&2; exit 1; }
  done
  if [ "$d" = pkg/node ]; then
    sed -e "s|^import { leanKeystroke, leanValidate } from 'LEAN_SNIPPET';|const { leanKeystroke, leanValidate } = require('./$snippet');|" js/keystroke.js >> "$d/diaodu.js"
    echo 'module.exports.validate = validate;' >> "$d/diaodu.js"
  else
    sed -e "s|'LEAN_SNIPPET'|'./$snippet'|" js/keystroke.js >> "$d/diaodu.js"
  fi
  grep -q "^import\|require('./$snippet')" "$d/diaodu.js" || { echo "build-wasm: js/keystroke.js not joined in $d" >&2; exit 1; }
done
# The Node build is CommonJS, and requires the lean path's JS (js/lean.js, a
# wasm-bindgen snippet written as an ES module) as such: its exports become
# module.exports. The build fails if the snippet is missing.
for f in pkg/node/snippets/*/js/lean.js; do
  [ -f "$f" ] || { echo "build-wasm: no lean.js snippet in pkg/node" >&2; exit 1; }
  names=$(sed -n 's/^export function \([A-Za-z]*\).*/\1/p' "$f" | paste -sd, -)
  sed -i 's/^export function /function /' "$f"
  echo "module.exports = { $names };" >> "$f"
done
# Every build has the same surface: the Node build gets the browser's
# init() and initSync() (the wasm is loaded when the module is; they resolve
# to the exports), for require() and, through diaodu.mjs, for import, so
# shared start-up code and a portal's tests (Vitest with jsdom) run as they
# do in the browser.
cat >> pkg/node/diaodu.js <<'JS'
module.exports.initSync = function initSync() { return module.exports; };
module.exports.init = function init() { return Promise.resolve(module.exports); };
module.exports.default = module.exports.init;
JS
cat > pkg/node/diaodu.mjs <<'JS'
// Node, as an ES module: the CommonJS build with the browser build's
// default export, init().
import cjs from './diaodu.js';
export * from './diaodu.js';
export default cjs.init;
JS
# The browser build's JS is minified (esbuild: whitespace, syntax and local
# names; exported and imported names stay): 10.9 KB -> 6.4 KB gzipped. The
# Node build stays as written.
for f in pkg/diaodu.js pkg/snippets/*/js/lean.js pkg/dom/diaodu.js pkg/dom/snippets/*/js/lean.js; do
  node_modules/.bin/esbuild "$f" --minify --format=esm --log-level=warning --outfile="$f" --allow-overwrite
done
# The declarations type-check under a default tsconfig: wasm-bindgen
# declares each class's [Symbol.dispose](), which needs TypeScript's
# esnext.disposable lib. The method stays at run time; only its
# declaration goes (free() is declared).
sed -i '/\[Symbol\.dispose\]/d' pkg/diaodu.d.ts pkg/node/diaodu.d.ts pkg/dom/diaodu.d.ts
# The Element Plus (async-validator) adapter, beside the browser build; it
# imports nothing, so every build can use it. Its stylesheet: warnings, and
# messages longer than a line.
cp js/element-plus.js js/element-plus.d.ts js/element-plus.css pkg/
# The classic-script build: the DOM entry as one plain script defining
# window.diaodu, for pages that cannot use type="module" (js/classic.js).
node_modules/.bin/esbuild js/classic.js --bundle --format=iife --global-name=diaodu --minify \
  --log-level=error --outfile=pkg/classic/diaodu.js
# The features rustc enables for wasm32 by default; wasm-opt must accept them.
features="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-multivalue --enable-reference-types"
for f in pkg/diaodu_bg.wasm pkg/node/diaodu_bg.wasm pkg/dom/diaodu_bg.wasm; do
  # shellcheck disable=SC2086
  node_modules/.bin/wasm-opt -Oz $features --strip-debug --strip-producers "$f" -o "$f"
done

version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
cat > pkg/package.json <<JSON
{
  "name": "diaodu",
  "version": "$version",
  "description": "Validator for the Chongming 2023 major-accident-hazard campaign progress form (调度表)",
  "license": "MIT",
  "type": "module",
  "main": "./node/diaodu.js",
  "module": "./diaodu.js",
  "types": "./diaodu.d.ts",
  "exports": {
    ".": {
      "types": "./diaodu.d.ts",
      "node": {
        "import": "./node/diaodu.mjs",
        "require": "./node/diaodu.js"
      },
      "default": "./diaodu.js"
    },
    "./dom": {
      "types": "./dom/diaodu.d.ts",
      "default": "./dom/diaodu.js"
    },
    "./classic": "./classic/diaodu.js",
    "./element-plus": {
      "types": "./element-plus.d.ts",
      "default": "./element-plus.js"
    },
    "./element-plus.css": "./element-plus.css"
  },
  "files": ["diaodu.js", "diaodu_bg.wasm", "diaodu_en.json", "diaodu.d.ts", "diaodu_bg.wasm.d.ts", "snippets/", "node/", "dom/", "classic/", "element-plus.js", "element-plus.d.ts", "element-plus.css"],
  "sideEffects": false
}
JSON
# The Node build is CommonJS inside an ES-module package.
echo '{ "type": "commonjs" }' > pkg/node/package.json

rm -rf www/pkg
mkdir -p www/pkg
cp -r pkg/diaodu.js pkg/diaodu_bg.wasm pkg/diaodu_en.json pkg/diaodu.d.ts pkg/snippets pkg/dom pkg/classic www/pkg/
echo "built pkg/ ($(wc -c < pkg/diaodu_bg.wasm) bytes of wasm)"
