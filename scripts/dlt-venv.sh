#!/usr/bin/env bash
# Creates .venv-dlt: the Python environment of the dlt parity tests (exported pipelines run in
# real dlt). Pinned, from PyPI only; idempotent: skipped when the venv already holds these pins.
#
#   bash scripts/dlt-venv.sh          # create or check
#   PIPEWRIGHT_PYTHON=/path/python3 bash scripts/dlt-venv.sh
#
# Rust tests look for <repo>/.venv-dlt/bin/python; they fail (naming this script) when it is
# missing, unless PIPEWRIGHT_SKIP_DLT=1.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=$PWD/.venv-dlt

# Keep these in step with crates/engine/src/export/project.rs (the exported requirements.txt).
PINS=("dlt[sqlalchemy]==1.31.0" "jq==1.13.0" "pyyaml==6.0.3")
STAMP=$VENV/.pipewright-pins
WANT=$(printf '%s\n' "${PINS[@]}")

if [[ -x $VENV/bin/python && -f $STAMP && $(cat "$STAMP") == "$WANT" ]] &&
  "$VENV/bin/python" -c 'import dlt, jq, yaml, sqlalchemy' 2>/dev/null; then
  echo "dlt-venv: $VENV present ($(tr '\n' ' ' <"$STAMP"))"
  exit 0
fi

# The system interpreter (Debian python3-venv, installed by install-deps.sh) unless told otherwise.
PY=${PIPEWRIGHT_PYTHON:-}
if [[ -z $PY ]]; then
  if [[ -x /usr/bin/python3 ]]; then PY=/usr/bin/python3; else PY=python3; fi
fi

START=$SECONDS
if [[ ! -x $VENV/bin/python ]]; then
  echo "dlt-venv: creating $VENV with $("$PY" --version 2>&1)"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
"$VENV/bin/python" -m pip install -q --disable-pip-version-check "${PINS[@]}"
"$VENV/bin/python" -c 'import dlt, jq, yaml, sqlalchemy; print("dlt-venv: dlt", dlt.__version__)'
echo "$WANT" >"$STAMP"
echo "dlt-venv: ready in $((SECONDS - START))s"
