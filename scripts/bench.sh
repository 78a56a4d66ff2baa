#!/usr/bin/env bash
# Benchmarks (not tests): the wasm package in Node and in headless Chromium,
# and the native library for comparison. Prints the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser >/dev/null
scripts/build-wasm.sh >/dev/null
node bench/node.mjs
node bench/chromium.mjs
node bench/attach.mjs
cargo run --release --quiet --example native_bench
