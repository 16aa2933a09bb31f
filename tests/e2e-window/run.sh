#!/usr/bin/env bash
# Real-window e2e: the debug app with the UI embedded, in a WebKitGTK window under Xvfb,
# driven by tauri-driver + WebKitWebDriver through selenium.
# Output ends with "window-e2e: N passed, N failed"; screenshots go to $PIPEWRIGHT_ARTIFACTS
# (default: a fresh temp dir, printed).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
VENV=$ROOT/.venv-e2e

# System python (Debian python3-venv), not whatever python3 is first on PATH.
if ! "$VENV/bin/python" -c 'import selenium' 2>/dev/null; then
  echo "window-e2e: creating $VENV"
  /usr/bin/python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q -r tests/e2e-window/requirements.txt
fi

# custom-protocol embeds ui/dist, so the binary needs no dev server; dist must exist first.
(cd ui && npm run build --silent)
cargo build -p pipewright-app --features custom-protocol
APP=${CARGO_TARGET_DIR:-$ROOT/target}/debug/pipewright-app

WORK=$(mktemp -d -t pipewright-window-e2e.XXXXXX)
ARTIFACTS=${PIPEWRIGHT_ARTIFACTS:-$WORK/artifacts}
mkdir -p "$ARTIFACTS" "$WORK/data" "$WORK/config" "$WORK/cache" "$WORK/run"
chmod 700 "$WORK/run"

# First display number with no X socket or lock, so parallel runs do not collide.
N=90
while [[ -e /tmp/.X11-unix/X$N || -e /tmp/.X$N-lock ]]; do N=$((N + 1)); done
Xvfb ":$N" -screen 0 1280x800x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
cleanup() {
  kill "$XVFB_PID" 2>/dev/null || true
  wait "$XVFB_PID" 2>/dev/null || true
  rm -rf "$WORK/data" "$WORK/config" "$WORK/cache" "$WORK/run"
}
trap cleanup EXIT
for _ in $(seq 100); do [[ -S /tmp/.X11-unix/X$N ]] && break; sleep 0.05; done
[[ -S /tmp/.X11-unix/X$N ]] || { echo "Xvfb did not start:"; cat "$WORK/xvfb.log"; exit 1; }

# The app inherits its environment from tauri-driver, which the test starts: set it here.
# dbus-run-session gives the app a private session bus and tears it down (and the at-spi
# helpers WebKit activates) when the test exits.
export DISPLAY=":$N" XDG_DATA_HOME=$WORK/data XDG_CONFIG_HOME=$WORK/config
export XDG_CACHE_HOME=$WORK/cache XDG_RUNTIME_DIR=$WORK/run
dbus-run-session -- "$VENV/bin/python" tests/e2e-window/test_window.py \
  --app "$APP" --driver "$ROOT/tools/bin/tauri-driver" --artifacts "$ARTIFACTS"
