#!/usr/bin/env bash
# Installs what RACE Planner needs to build and test, skipping whatever is already there.
#   scripts/setup.sh build   toolchain for building and serving (wasm target, Trunk, wasm-bindgen, wasm-opt)
#   scripts/setup.sh test    the above plus Chromium, ChromeDriver and the Node test packages
set -euo pipefail
cd "$(dirname "$0")/.."

want=${1:-build}
TRUNK_VERSION=0.21.14
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

# 1. The wasm32 target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 1b. The pinned nightly of release builds (scripts/release-env.sh), with the standard
#     library's source for -Zbuild-std.
RELEASE_TOOLCHAIN=$(sed -n 's/^RELEASE_TOOLCHAIN=//p' scripts/release-env.sh)
if ! rustup component list --toolchain "$RELEASE_TOOLCHAIN" --installed 2>/dev/null | grep -q '^rust-src'; then
  say "installing the release toolchain $RELEASE_TOOLCHAIN with rust-src (a minute, once)"
  rustup toolchain install "$RELEASE_TOOLCHAIN" --profile minimal --component rust-src
fi

# 2. Trunk, at the version known to build with this Rust.
if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  say "installing trunk $TRUNK_VERSION (a few minutes, once)"
  cargo install trunk --locked --version "$TRUNK_VERSION"
fi

# 3. wasm-bindgen CLI at exactly the version in Cargo.lock (Trunk and the test runner need it to match).
if [ ! -f Cargo.lock ]; then cargo generate-lockfile; fi
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB_VERSION\$"; then
  say "installing wasm-bindgen-cli $WB_VERSION (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

# 4. Node packages: binaryen's wasm-opt (for release builds), the browser test tools and
#    Lighthouse and Papa Parse (for make bench).
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/lighthouse ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing Node packages (npm ci)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi

if [ "$want" = test ]; then
  # 5. Chromium and ChromeDriver from Debian, for wasm-bindgen tests and end-to-end tests.
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    if [ "$(id -u)" -ne 0 ]; then
      say "Chromium is missing and installing it needs root: run 'sudo apt-get install chromium chromium-driver' once."
      exit 1
    fi
    say "installing chromium and chromium-driver (apt)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi
say "tools ready"
