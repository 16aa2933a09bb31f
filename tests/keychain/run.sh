#!/usr/bin/env bash
# Real OS keychain round trip: a private D-Bus session with gnome-keyring-daemon unlocked
# (linux-desktop-recipe.md §6), then the ignored `keychain` tests: the engine's KeychainStore
# (set, read through a fresh connection, delete) and `pipewright secrets` set/list/preview/delete
# against the Secret Service. Also checks the item with secret-tool, as another program sees it.
# Needs the apt packages gnome-keyring, dbus and libsecret-tools (scripts/install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."

for bin in dbus-run-session gnome-keyring-daemon secret-tool; do
  command -v "$bin" >/dev/null || { echo "keychain: $bin is missing (run scripts/install-deps.sh)"; exit 1; }
done

# Build first, outside the session, so the keyring daemon is not kept waiting.
cargo test -p pipewright-engine --lib --no-run --quiet
cargo test -p pipewright-cli --test secrets --no-run --quiet

KR=$(mktemp -d -t pipewright-keychain.XXXXXX)
trap 'rm -rf "$KR"' EXIT
mkdir -p "$KR/data" "$KR/run"
chmod 700 "$KR/run"

# A fresh, empty keyring: isolated data and runtime dirs, so nothing of the user's is touched.
export XDG_DATA_HOME=$KR/data XDG_RUNTIME_DIR=$KR/run
unset PIPEWRIGHT_KEYCHAIN
dbus-run-session -- bash -euo pipefail -c '
  # --unlock reads the login keyring password from stdin; without it every call would wait
  # for a prompt and fail with NoStorageAccess.
  echo -n pipewright-ci | gnome-keyring-daemon --unlock --components=secrets --daemonize \
    >/dev/null 2>"$XDG_RUNTIME_DIR/daemon.log" || { cat "$XDG_RUNTIME_DIR/daemon.log"; exit 1; }
  # secret-tool is a second, independent Secret Service client: check the daemon answers.
  echo -n probe-value | secret-tool store --label=pipewright-probe service pipewright-probe username probe
  [[ $(secret-tool lookup service pipewright-probe username probe) == probe-value ]]
  secret-tool clear service pipewright-probe username probe
  echo "keychain: gnome-keyring unlocked on a private session bus"
  cargo test -p pipewright-engine --lib -- --ignored keychain
  cargo test -p pipewright-cli --test secrets -- --ignored keychain
'
