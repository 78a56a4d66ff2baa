#!/usr/bin/env bash
# The browser package's size budget: .wasm + JS glue, gzipped (-9), in bytes.
# Run after scripts/build-wasm.sh. Exits 1 over budget.
set -euo pipefail
cd "$(dirname "$0")/.."
# The budget CI holds the package to: today's size plus a little, so that a
# change that adds weight is noticed. The target is 60 KB; the README ("Size
# and speed") says where the bytes go and why that is not met yet.
budget=${DIAODU_SIZE_BUDGET:-124000}
wasm=$(gzip -9c pkg/diaodu_bg.wasm | wc -c)
js=$(gzip -9c pkg/diaodu.js | wc -c)
total=$((wasm + js))
printf 'size: diaodu_bg.wasm %d B + diaodu.js %d B gzipped = %d B (budget %d B)\n' "$wasm" "$js" "$total" "$budget"
if [ "$total" -gt "$budget" ]; then
  echo "size: over budget by $((total - budget)) B" >&2
  exit 1
fi
