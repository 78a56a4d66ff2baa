# Sourced by the build and test scripts: defines `wasm_cargo`, which runs cargo
# for wasm32-unknown-unknown by the route scripts/setup.sh chose.
# shellcheck shell=bash
if [ ! -f target/toolchain.env ]; then
  echo "run scripts/setup.sh --wasm first" >&2
  exit 2
fi
# shellcheck disable=SC1091
. target/toolchain.env
wasm_cargo() {
  # $1 is the cargo command (build, test); the rest are its arguments.
  local cmd="$1"; shift
  if [ "$DIAODU_WASM_ROUTE" = debian ]; then
    local std="std,panic_abort"
    [ "$cmd" = test ] && std="std,panic_abort,panic_unwind,test"
    RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 /usr/bin/cargo "$cmd" --target wasm32-unknown-unknown -Z build-std="$std" "$@"
  else
    cargo "$cmd" --target wasm32-unknown-unknown "$@"
  fi
}
