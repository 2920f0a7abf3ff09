#!/usr/bin/env bash
# Installs what building and testing Palisade needs, skipping whatever is already there.
# Safe to run again: with everything present it only checks, in a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1mbootstrap:\033[0m %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }

export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

# The exact wasm-bindgen the console links; the CLI must match it to the digit.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
TRUNK_VERSION=0.21.14

need_apt=()
if ! have chromium || ! have chromedriver; then need_apt+=(chromium chromium-driver); fi
if ! have node || ! have npm; then need_apt+=(nodejs npm); fi
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then need_apt+=(python3-venv); fi
# Headless Chromium has no Chinese font without it: the zh screenshots would show boxes.
if ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then need_apt+=(fonts-noto-cjk); fi
# The journal's PostgreSQL test (#35) starts Debian's server in a temporary directory.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then need_apt+=(postgresql); fi
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing from Debian: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
else
  say "chromium, chromedriver, node, fonts-noto-cjk, postgresql: present"
fi

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rust target wasm32-unknown-unknown: present"
else
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if have trunk && [ "$(trunk --version)" = "trunk $TRUNK_VERSION" ]; then
  say "trunk $TRUNK_VERSION: present"
else
  say "installing trunk $TRUNK_VERSION (takes ~8 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if have wasm-bindgen && [ "$(wasm-bindgen --version)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION: present"
else
  # Not --locked: its lock file names a webpki-roots release that is not published.
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes ~3 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-opt (binaryen 132), Playwright's driver library and axe-core, all from npm.
stamp=node_modules/.palisade-stamp
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
  say "npm tools (binaryen, playwright-core, axe-core): present"
else
  say "installing npm tools (binaryen, playwright-core, axe-core)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

# The official Node.js SDKs, for their conformance suite (tests/sdk-node, its own lock file).
nstamp=tests/sdk-node/node_modules/.palisade-stamp
if [ -f "$nstamp" ] && cmp -s tests/sdk-node/package-lock.json "$nstamp"; then
  say "Node SDKs (tests/sdk-node): present"
else
  say "installing the official Node.js SDKs into tests/sdk-node"
  npm ci --prefix tests/sdk-node --no-audit --no-fund --loglevel=error
  cp tests/sdk-node/package-lock.json "$nstamp"
fi

# The official SDKs, for the conformance tests.
if [ -f tests/sdk/requirements.txt ]; then
  vstamp=.venv/.palisade-stamp
  if [ -f "$vstamp" ] && cmp -s tests/sdk/requirements.txt "$vstamp"; then
    say "python SDKs (.venv): present"
  else
    say "installing the official SDKs into .venv"
    python3 -m venv .venv
    .venv/bin/pip install -q --disable-pip-version-check -r tests/sdk/requirements.txt
    cp tests/sdk/requirements.txt "$vstamp"
  fi
fi
say "ready"
