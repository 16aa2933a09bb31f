#!/usr/bin/env bash
# End-to-end throughput: mock API (N posts with nested objects and lists, 1,000 per page,
# json_link) -> `pipewright run` (release) -> SQLite, and the same source through real dlt when
# its venv exists. Prints rows/s (child tables' rows included), peak RSS and the ratio.
#
#   bash scripts/bench-e2e.sh [N ...]        default: 100000
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-100000}")
cargo build --release -q -p pipewright-cli -p pipewright-tests --bin pipewright --bin mock-api
work=$(mktemp -d)
trap 'kill "${mock_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

for n in "${sizes[@]}"; do
  target/release/mock-api --port 0 --posts "$n" --page-size 1000 >"$work/mock.url" 2>/dev/null &
  mock_pid=$!
  for _ in $(seq 50); do [[ -s $work/mock.url ]] && break; sleep 0.1; done
  base=$(head -1 "$work/mock.url")
  cat >"$work/bench.json" <<JSON
{"client": {"base_url": "$base", "paginator": {"type": "json_link", "next_url_path": "next"}},
 "resources": [{"name": "posts", "endpoint": {"path": "json_link/posts", "data_selector": "data", "params": {"limit": 1000}}}]}
JSON
  rm -f "$work/pw.sqlite"
  /usr/bin/time -v -o "$work/pw.time" target/release/pipewright run "$work/bench.json" --db "$work/pw.sqlite" --json >"$work/pw.json"
  rows=$(python3 -c "import json,sys; print(sum(json.load(open(sys.argv[1]))['rows'].values()))" "$work/pw.json")
  secs=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['elapsed_ms']/1000)" "$work/pw.json")
  rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /,"",$2); print int($2/1024)}' "$work/pw.time")
  pw_rate=$(python3 -c "print(int($rows/$secs))")
  echo "pipewright: N=$n posts, $rows rows in ${secs}s = $pw_rate rows/s, peak RSS ${rss} MB"
  if [[ -x .venv-dlt/bin/python && ${BENCH_SKIP_DLT:-0} != 1 ]]; then
    rm -f "$work/dlt.sqlite"
    start=$(date +%s.%N)
    RUNTIME__LOG_LEVEL=WARNING .venv-dlt/bin/python tests/parity/run_dlt.py "$work/bench.json" "$work/dlt.sqlite" bench bench >/dev/null
    end=$(date +%s.%N)
    dsecs=$(python3 -c "print($end-$start)")
    drows=$(python3 - "$work/dlt.sqlite" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
names = [r[0] for r in c.execute("select name from sqlite_master where type='table' and name not like '_dlt_%'")]
print(sum(c.execute(f'select count(*) from "{t}"').fetchone()[0] for t in names))
PY
)
    dlt_rate=$(python3 -c "print(int($drows/$dsecs))")
    echo "dlt 1.31:   N=$n posts, $drows rows in $(printf %.1f "$dsecs")s = $dlt_rate rows/s"
    echo "ratio:      $(python3 -c "print(round($pw_rate/$dlt_rate, 1))")x dlt"
  fi
  kill "$mock_pid"; wait "$mock_pid" 2>/dev/null || true; unset mock_pid
done
