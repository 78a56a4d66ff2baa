#!/usr/bin/env bash
# Install what the project needs, on a fresh machine or an old one.
#
#   scripts/setup.sh            native Rust only (library, CLI, server)
#   scripts/setup.sh --wasm     + the WebAssembly toolchain, wasm-bindgen, wasm-opt
#   scripts/setup.sh --browser  + the above, Node, Chromium and ChromeDriver
#
# The wasm32 standard library comes from rustup where it can be downloaded
# (`rustup target add`). Where it cannot, Debian's Rust packages are used and
# the standard library is built from source (-Z build-std). The choice is
# written to target/toolchain.env, which scripts/wasm-env.sh reads.
set -euo pipefail
cd "$(dirname "$0")/.."

want_wasm=0
want_browser=0
for arg in "$@"; do
  case "$arg" in
    --wasm) want_wasm=1 ;;
    --browser) want_wasm=1; want_browser=1 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
apt_ready=0
apt_install() {
  if [ "$apt_ready" = 0 ]; then
    $SUDO apt-get update -q >/dev/null
    apt_ready=1
  fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null
}

# --- native Rust -------------------------------------------------------------
if ! command -v cargo >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    say "installing Rust with rustup"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
fi

[ "$want_wasm" = 1 ] || exit 0

# --- the wasm32 toolchain ------------------------------------------------------
mkdir -p target
route="${DIAODU_WASM_ROUTE:-}"
if [ -z "$route" ]; then
  if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    route=rustup
  elif command -v rustup >/dev/null 2>&1 && timeout 120 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
    route=rustup
  else
    route=debian
  fi
fi
if [ "$route" = debian ]; then
  if [ ! -x /usr/bin/rustc ] || [ ! -d /usr/lib/rustlib/src/rust/library ]; then
    say "installing Debian's Rust, its standard library source and lld (wasm32 std from source)"
    apt_install -t bookworm-security rustc-web cargo-web rust-web-src lld-22 ||
      apt_install rustc-web cargo-web rust-web-src lld-22
  fi
fi
echo "DIAODU_WASM_ROUTE=$route" > target/toolchain.env
say "wasm32 toolchain: $route"

# Node and npm: wasm-opt comes from npm's binaryen (Debian's is too old for
# the reference types wasm-bindgen emits), the browser tests from playwright-core.
if ! command -v npm >/dev/null 2>&1; then
  say "installing Node.js and npm"
  apt_install nodejs npm
fi
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] ||
   [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing the npm tools (npm ci)"
  npm ci --no-audit --no-fund --silent
fi

# wasm-bindgen's CLI must match the wasm-bindgen crate in Cargo.lock exactly.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  say "installing wasm-bindgen-cli $wb_version (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$wb_version" --quiet
fi

[ "$want_browser" = 1 ] || exit 0

# --- Chromium ------------------------------------------------------------------
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  say "installing Chromium and ChromeDriver"
  apt_install chromium chromium-driver
fi
# A CJK font, so that screenshots of the page show Chinese, not boxes.
if ! fc-list 2>/dev/null | grep -qi -e wqy -e 'Noto Sans CJK'; then
  say "installing a CJK font for the browser tests"
  apt_install fonts-wqy-microhei
fi
