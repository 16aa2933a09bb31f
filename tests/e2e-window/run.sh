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
cargo build -p pipewright-tests --bin mock-api
APP=${CARGO_TARGET_DIR:-$ROOT/target}/debug/pipewright-app
MOCK_API=${CARGO_TARGET_DIR:-$ROOT/target}/debug/mock-api

WORK=$(mktemp -d -t pipewright-window-e2e.XXXXXX)
ARTIFACTS=${PIPEWRIGHT_ARTIFACTS:-$WORK/artifacts}
mkdir -p "$ARTIFACTS" "$WORK/data" "$WORK/config" "$WORK/cache" "$WORK/run" "$WORK/src"
chmod 700 "$WORK/run"

# First display number with no X socket or lock, so parallel runs do not collide.
N=90
while [[ -e /tmp/.X11-unix/X$N || -e /tmp/.X$N-lock ]]; do N=$((N + 1)); done
Xvfb ":$N" -screen 0 1280x800x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
MOCK_PID=
cleanup() {
  kill "$XVFB_PID" 2>/dev/null || true
  wait "$XVFB_PID" 2>/dev/null || true
  if [[ -n $MOCK_PID ]]; then
    kill "$MOCK_PID" 2>/dev/null || true
    wait "$MOCK_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK/data" "$WORK/config" "$WORK/cache" "$WORK/run" "$WORK/src"
}
trap cleanup EXIT
for _ in $(seq 100); do [[ -S /tmp/.X11-unix/X$N ]] && break; sleep 0.05; done
[[ -S /tmp/.X11-unix/X$N ]] || { echo "Xvfb did not start:"; cat "$WORK/xvfb.log"; exit 1; }

# The mock API on 127.0.0.1 (a free port); it prints its base URL first thing.
"$MOCK_API" --port 0 --posts 50 >"$WORK/mock.out" 2>"$WORK/mock.log" &
MOCK_PID=$!
for _ in $(seq 200); do [[ -s $WORK/mock.out ]] && break; sleep 0.05; done
MOCK_URL=$(head -n1 "$WORK/mock.out")
[[ $MOCK_URL == http://127.0.0.1:* ]] || { echo "mock-api did not start:"; cat "$WORK/mock.log"; exit 1; }

# The source the app opens at start-up: the demo source (bearer auth, page numbers, a child
# resource) against the mock API. Its token goes into the app's keychain during the test.
SOURCE=$WORK/src/demo.json
cat >"$SOURCE" <<JSON
{
  "client": {
    "base_url": "$MOCK_URL/",
    "auth": {"type": "bearer", "token": "{secrets.demo_token}"}
  },
  "resources": [
    {
      "name": "posts",
      "primary_key": "id",
      "write_disposition": "merge",
      "endpoint": {
        "path": "auth/bearer/posts",
        "data_selector": "data",
        "params": {"per_page": 10},
        "paginator": {"type": "page_number", "base_page": 1, "total_path": "total_pages"}
      }
    },
    {
      "name": "comments",
      "endpoint": {
        "path": "posts/{resources.posts.id}/comments",
        "data_selector": "data",
        "paginator": {"type": "page_number", "base_page": 1, "total_path": "total_pages"}
      },
      "include_from_parent": ["title"]
    }
  ]
}
JSON

# The app inherits its environment from tauri-driver, which the test starts: set it here.
# PIPEWRIGHT_OPEN opens the source at start-up; the keychain is an in-memory stand-in (the
# real Secret Service is tested by tests/keychain/run.sh).
export PIPEWRIGHT_OPEN=$SOURCE PIPEWRIGHT_KEYCHAIN=memory
# dbus-run-session gives the app a private session bus and tears it down (and the at-spi
# helpers WebKit activates) when the test exits.
export DISPLAY=":$N" XDG_DATA_HOME=$WORK/data XDG_CONFIG_HOME=$WORK/config
export XDG_CACHE_HOME=$WORK/cache XDG_RUNTIME_DIR=$WORK/run
dbus-run-session -- "$VENV/bin/python" tests/e2e-window/test_window.py \
  --app "$APP" --driver "$ROOT/tools/bin/tauri-driver" --artifacts "$ARTIFACTS" \
  --source "$SOURCE" --mock-url "$MOCK_URL"
