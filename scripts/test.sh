#!/usr/bin/env bash
# The one command that runs every test: deps, Rust checks and tests, UI checks and tests,
# browser e2e, real-window e2e. Stops at the first failure with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."

START=$SECONDS
stage() {
  echo
  echo "=== [$((SECONDS - START))s] $* ==="
}

stage "deps: scripts/install-deps.sh"
bash scripts/install-deps.sh
bash scripts/dlt-venv.sh

stage "rust: cargo fmt --check"
cargo fmt --all -- --check

stage "rust: cargo clippy -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

stage "rust: cargo test"
cargo test --workspace

stage "secrets: real OS keychain (gnome-keyring in dbus-run-session)"
bash tests/keychain/run.sh

stage "ui: typecheck"
(cd ui && npm run typecheck)

stage "ui: lint"
(cd ui && npm run lint)

stage "ui: unit tests (vitest)"
(cd ui && npm test)

stage "ui: browser e2e (chromium, fake host)"
(cd ui && npm run e2e)

stage "app: real-window e2e (tauri-driver, Xvfb)"
bash tests/e2e-window/run.sh

stage "all tests passed in $((SECONDS - START))s"
