// Rows per table for one run, and duration/rows across this session's runs (recharts).
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { RunRecord } from './progress';

export function RowsPerTableChart({ run }: { run: RunRecord }) {
  const data = Object.entries(run.summary?.rows ?? {}).map(([table, rows]) => ({ table, rows }));
  if (data.length === 0) return null;
  return (
    <figure className="chart" aria-label="Rows per table">
      <figcaption>Rows per table, last run</figcaption>
      <BarChart width={460} height={220} data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="table" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Bar dataKey="rows" fill="#0969da" isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}

export function RunsTrendChart({ runs }: { runs: readonly RunRecord[] }) {
  const data = runs
    .filter((r) => r.summary)
    .map((r, i) => ({
      run: `#${i + 1}`,
      seconds: Number(((r.summary?.elapsed_ms ?? 0) / 1000).toFixed(2)),
      rows: Object.values(r.summary?.rows ?? {}).reduce((a, b) => a + b, 0),
    }));
  if (data.length < 2) return null;
  return (
    <figure className="chart" aria-label="Duration and rows across runs">
      <figcaption>Duration and rows across runs</figcaption>
      <LineChart width={460} height={220} data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="run" />
        <YAxis yAxisId="rows" allowDecimals={false} />
        <YAxis yAxisId="seconds" orientation="right" />
        <Tooltip />
        <Legend />
        <Line yAxisId="rows" dataKey="rows" stroke="#0969da" isAnimationActive={false} />
        <Line yAxisId="seconds" dataKey="seconds" stroke="#bf8700" isAnimationActive={false} />
      </LineChart>
    </figure>
  );
}
