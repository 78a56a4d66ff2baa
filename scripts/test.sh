#!/usr/bin/env bash
# Everything the project tests, from a fresh machine: installs what is
# missing (scripts/setup.sh), then runs the native suite, builds the wasm
# package, runs the wasm suite in Node and in headless Chromium, the JS
# package tests, native/wasm parity on generated reports, a Vite build of a
# page using the package, an Element Plus portal, attach() on three forms,
# the size budget
# and the end-to-end tests of the demo page.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "setup"
scripts/setup.sh --browser

step "native: library, CLI, server, doctests"
cargo test --all-features

step "build the wasm package"
scripts/build-wasm.sh

. scripts/wasm-env.sh
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
step "wasm suite in Node"
wasm_cargo test --test wasm
step "wasm suite in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver wasm_cargo test --test wasm

step "native and wasm agree byte for byte on 2,000 generated reports (the documented run does 100,000)"
scripts/parity.sh 2000

step "the JS package as a portal uses it (node --test)"
node --test tests/js/

step "the package through a bundler: a Vite build in headless Chromium"
node tests/bundler/run.mjs

step "Element Plus: a Vue 3 portal under vite build and vite dev in Chromium, and its Vitest (jsdom) test"
node tests/element-plus/run.mjs

step "attach() on three portal forms in headless Chromium"
node tests/dom/run.mjs

step "size budget"
scripts/check-size.sh

step "end-to-end: the demo page and the recheck server in headless Chromium"
cargo build --features serve --quiet
node tests/e2e/run.mjs
