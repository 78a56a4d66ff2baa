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
# The keystrokes beside ajv in one process, once ../shared/peer-bench/run.sh
# has installed ajv under target/peer-bench.
if [ -d target/peer-bench/node_modules ]; then
  node bench/keystroke-peer.mjs 3
else
  echo "bench: keystroke-peer skipped (run ../shared/peer-bench/run.sh once for ajv)"
fi
cargo run --release --quiet --example native_bench
