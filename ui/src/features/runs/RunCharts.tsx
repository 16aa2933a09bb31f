// Charts (recharts): rows per table and requests over time for one run; duration and rows
// across the runs of the source.
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { acrossRuns, requestsOverTime, rowsPerTable } from './chartData';
import type { RunRecord } from './progress';

const MARGIN = { top: 8, right: 8, bottom: 8, left: 8 };

export function RowsPerTableChart({ run }: { run: RunRecord }) {
  const data = rowsPerTable(run);
  if (data.length === 0) return null;
  return (
    <figure className="chart" aria-label="Rows per table">
      <figcaption>Rows per table</figcaption>
      {/* Horizontal bars: nested table names (posts__comments__reactions) are long. */}
      <BarChart width={320} height={40 + 26 * data.length} data={data} layout="vertical" margin={MARGIN}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="table" width={160} interval={0} tick={{ fontSize: 11 }} />
        <Tooltip />
        <Bar dataKey="rows" fill="#0969da" isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}

export function RequestsOverTimeChart({ run, now }: { run: RunRecord; now: number }) {
  const data = requestsOverTime(run, now);
  if (data.length === 0) return null;
  return (
    <figure className="chart" aria-label="Requests over time">
      <figcaption>Requests per second over the run ({run.requestTimes.length} requests)</figcaption>
      <AreaChart width={280} height={210} data={data} margin={MARGIN}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="t" unit=" s" />
        <YAxis allowDecimals />
        <Tooltip />
        <Area dataKey="rps" name="requests/s" stroke="#1a7f37" fill="#1a7f3733" isAnimationActive={false} />
      </AreaChart>
    </figure>
  );
}

export function RunsTrendChart({ runs }: { runs: readonly RunRecord[] }) {
  const data = acrossRuns(runs);
  if (data.length < 2) return null;
  return (
    <figure className="chart" aria-label="Duration and rows across runs">
      <figcaption>Duration and rows across runs</figcaption>
      <LineChart width={280} height={210} data={data} margin={MARGIN}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="run" />
        <YAxis yAxisId="rows" allowDecimals={false} />
        <YAxis yAxisId="seconds" orientation="right" unit=" s" />
        <Tooltip />
        <Legend />
        <Line yAxisId="rows" dataKey="rows" stroke="#0969da" isAnimationActive={false} />
        <Line yAxisId="seconds" dataKey="seconds" stroke="#bf8700" isAnimationActive={false} />
      </LineChart>
    </figure>
  );
}
