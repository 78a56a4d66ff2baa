#!/usr/bin/env bash
# The documented fuzz run (not part of CI): each target for RUNS executions
# under libFuzzer, no sanitizer and no compare tracing, for speed (the
# targets check their own oracles; Rust is memory-safe without ASan). The
# corpus grows in fuzz/corpus/TARGET, is minimised afterwards, and the
# final stats go to fuzz/stats/TARGET.txt.
#
#   scripts/fuzz.sh [RUNS] [TARGET...]     (defaults: 10000000, all five)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10000000}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(report session server_body lean json)

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# cargo-fuzz passes nightly-only flags; the stable toolchain takes them
# with RUSTC_BOOTSTRAP (the same route scripts/setup.sh uses for wasm).
export RUSTC_BOOTSTRAP=1
cd fuzz
cargo fuzz build --sanitizer none --no-trace-compares -O
mkdir -p stats
for t in "${targets[@]}"; do
  log=stats/$t.log
  start=$(date -u +%FT%TZ)
  ./target/x86_64-unknown-linux-gnu/release/"$t" corpus/"$t" \
    -dict=dict.txt -runs="$runs" -timeout=1 -rss_limit_mb=2048 -max_len=4096 \
    -print_final_stats=1 > "$log" 2>&1
  # Keep the smallest corpus that covers the same features.
  mkdir -p corpus/"$t".min
  ./target/x86_64-unknown-linux-gnu/release/"$t" -merge=1 corpus/"$t".min corpus/"$t" > /dev/null 2>&1
  # Inputs kept by name (`regression-*`: what a run once found) stay as
  # they are, whatever the merge keeps.
  find corpus/"$t" -maxdepth 1 -name 'regression-*' -exec cp {} corpus/"$t".min/ \;
  rm -rf corpus/"$t" && mv corpus/"$t".min corpus/"$t"
  {
    echo "target: $t"
    echo "started: $start"
    echo "finished: $(date -u +%FT%TZ)"
    echo "command: scripts/fuzz.sh $runs $t"
    echo "corpus after minimising: $(ls corpus/"$t" | wc -l) files"
    grep -E '^(stat::|Done )' "$log"
  } > stats/$t.txt
  cat stats/$t.txt
done
