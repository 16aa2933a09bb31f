#!/usr/bin/env bash
# Builds the release app with the UI embedded and starts it. Needs a display ($DISPLAY);
# extra arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
(cd ui && npm run build)
cargo build --release -p pipewright-app --features custom-protocol
exec "${CARGO_TARGET_DIR:-target}/release/pipewright-app" "$@"
