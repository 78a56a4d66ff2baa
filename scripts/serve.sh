#!/usr/bin/env bash
# The main job: build what is missing, then serve the demo page and the
# recheck API. Usage: scripts/serve.sh [--addr 127.0.0.1:8080]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-wasm.sh
cargo build --release --features serve --quiet
exec target/release/diaodu serve --www www "$@"
