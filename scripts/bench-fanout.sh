#!/usr/bin/env bash
# Fan-out: 1,000 parent posts, one child request each (`posts/{id}/comments`, with a simulated
# network latency of LATENCY_MS per request), sequential and `parallelized`, through Pipewright
# and, when its venv exists, through real dlt. Prints seconds and ratios.
#
#   bash scripts/bench-fanout.sh            LATENCY_MS=20 by default
#   PARALLELISM=32 bash scripts/bench-fanout.sh
#                                           children in flight: Pipewright's --parallelism and
#                                           dlt's EXTRACT__WORKERS (defaults: 8 and dlt's 5)
set -euo pipefail
cd "$(dirname "$0")/.."
latency=${LATENCY_MS:-20}
pw_args=()
dlt_env=()
if [[ -n ${PARALLELISM:-} ]]; then
  pw_args=(--parallelism "$PARALLELISM")
  dlt_env=(EXTRACT__WORKERS="$PARALLELISM")
fi
cargo build --release -q -p pipewright-cli -p pipewright-tests --bin pipewright --bin mock-api
work=$(mktemp -d)
trap 'kill "${mock_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
target/release/mock-api --port 0 --posts 1000 --page-size 100 >"$work/mock.url" 2>/dev/null &
mock_pid=$!
for _ in $(seq 50); do [[ -s $work/mock.url ]] && break; sleep 0.1; done
base=$(head -1 "$work/mock.url")

config() { # $1 = true|false (parallelized)
  cat <<JSON
{"client": {"base_url": "$base", "paginator": {"type": "page_number", "base_page": 1, "total_path": "total_pages"}},
 "resource_defaults": {"endpoint": {"data_selector": "data"}},
 "resources": [
   {"name": "posts", "endpoint": {"path": "posts", "params": {"per_page": 100}}},
   {"name": "comments", "parallelized": $1,
    "endpoint": {"path": "posts/{resources.posts.id}/comments", "params": {"delay_ms": $latency}}}
 ]}
JSON
}

declare -A t
for mode in false true; do
  config "$mode" >"$work/fan-$mode.json"
  rm -f "$work/pw-$mode.sqlite"
  s=$(date +%s.%N)
  target/release/pipewright run "$work/fan-$mode.json" --db "$work/pw-$mode.sqlite" --json "${pw_args[@]}" >/dev/null
  e=$(date +%s.%N)
  t[pw-$mode]=$(python3 -c "print(round($e-$s, 2))")
  echo "pipewright parallelized=$mode: ${t[pw-$mode]}s"
  if [[ -x .venv-dlt/bin/python && ${BENCH_SKIP_DLT:-0} != 1 ]]; then
    rm -f "$work/dlt-$mode.sqlite"
    s=$(date +%s.%N)
    env "${dlt_env[@]}" RUNTIME__LOG_LEVEL=WARNING .venv-dlt/bin/python tests/parity/run_dlt.py "$work/fan-$mode.json" "$work/dlt-$mode.sqlite" fan fan >/dev/null
    e=$(date +%s.%N)
    t[dlt-$mode]=$(python3 -c "print(round($e-$s, 2))")
    echo "dlt 1.31   parallelized=$mode: ${t[dlt-$mode]}s   (ratio $(python3 -c "print(round(${t[dlt-$mode]}/${t[pw-$mode]}, 1))")x)"
  fi
done
echo "pipewright parallel speed-up: $(python3 -c "print(round(${t[pw-false]}/${t[pw-true]}, 1))")x"
