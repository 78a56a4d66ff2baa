#!/usr/bin/env bash
# Native and wasm give byte-identical results on N generated reports
# (default 100000; CI runs a sample through scripts/test.sh). Needs pkg/
# (scripts/build-wasm.sh).
#
#   scripts/parity.sh [N] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
seed=${2:-20230528}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cargo build --release --quiet --features fuzzing --example parity_corpus
bin=target/release/examples/parity_corpus
"$bin" generate "$n" "$seed" > "$dir/cases.jsonl"
node bench/parity.mjs < "$dir/cases.jsonl" > "$dir/answered.jsonl"
"$bin" verify "$dir/answered.jsonl"
