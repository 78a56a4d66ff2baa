#!/usr/bin/env bash
# The browser package's size budget: .wasm + JS glue, gzipped (-9), in bytes.
# Run after scripts/build-wasm.sh. Exits 1 over budget.
set -euo pipefail
cd "$(dirname "$0")/.."
# The budget CI holds the package to: today's size plus a 2 KB margin, so
# that a change that adds weight is noticed. The target is 60 KB; the README
# ("Size and speed") says where the bytes go and why that is not met yet.
budget=${DIAODU_SIZE_BUDGET:-127300}
wasm=$(gzip -9c pkg/diaodu_bg.wasm | wc -c)
# The glue and the lean path's JS it imports (pkg/snippets/), each gzipped
# as a server sends it.
js=0
for f in pkg/diaodu.js pkg/snippets/*/js/*.js; do
  js=$((js + $(gzip -9c "$f" | wc -c)))
done
total=$((wasm + js))
printf 'size: diaodu_bg.wasm %d B + JS (glue and snippets) %d B gzipped = %d B (budget %d B)\n' "$wasm" "$js" "$total" "$budget"
status=0
if [ "$total" -gt "$budget" ]; then
  echo "size: over budget by $((total - budget)) B" >&2
  status=1
fi

# The DOM entry (pkg/dom/: the validator and `attach`), which a page loads
# instead of the plain one, has its own budget, also its size plus 2 KB.
dom_budget=${DIAODU_DOM_SIZE_BUDGET:-157200}
dom_wasm=$(gzip -9c pkg/dom/diaodu_bg.wasm | wc -c)
dom_js=0
for f in pkg/dom/diaodu.js pkg/dom/snippets/*/js/*.js; do
  dom_js=$((dom_js + $(gzip -9c "$f" | wc -c)))
done
dom_total=$((dom_wasm + dom_js))
printf 'size: dom entry: diaodu_bg.wasm %d B + JS %d B gzipped = %d B (budget %d B)\n' "$dom_wasm" "$dom_js" "$dom_total" "$dom_budget"
if [ "$dom_total" -gt "$dom_budget" ]; then
  echo "size: the dom entry is over budget by $((dom_total - dom_budget)) B" >&2
  status=1
fi
exit $status
