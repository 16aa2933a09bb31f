// The log line of each run event, with its level: requests and pages are debug (there are many),
// resource boundaries info, retries and error statuses warnings, failures errors.
import type { RunEvent } from '../../host';
import type { RunRecord } from './progress';

export type LogLevel = 'debug' | 'info' | 'warning' | 'error';

function kb(bytes: number): string {
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${bytes} B`;
}

function rowsText(rows: Record<string, number>): string {
  const parts = Object.entries(rows).map(([t, n]) => `${t}: ${n}`);
  return parts.length > 0 ? parts.join(', ') : 'no rows';
}

export function eventLog(e: RunEvent, run: RunRecord): { level: LogLevel; message: string } | null {
  switch (e.event) {
    case 'run_started':
      return { level: 'info', message: `Pipeline ${e.pipeline}: ${e.resources.join(', ') || 'no resources'}` };
    case 'resource_started':
      return { level: 'info', message: 'started' };
    case 'request_sent':
      return { level: 'debug', message: `${e.method} ${e.url}` };
    case 'request_answered':
      return {
        level: e.status >= 400 ? 'warning' : 'debug',
        message: `${e.status} in ${e.elapsed_ms} ms, ${kb(e.bytes)} — ${e.url}`,
      };
    case 'retry':
      return {
        level: 'warning',
        message: `attempt ${e.attempt} failed (${e.status ?? 'no response'}: ${e.reason}); retrying in ${e.wait_ms} ms — ${e.url}`,
      };
    case 'page': {
      const p = run.resources[e.resource];
      const n = (p?.pages ?? 0) + 1;
      const after = e.retries > 0 ? ` after ${e.retries} ${e.retries === 1 ? 'retry' : 'retries'}` : '';
      return { level: e.retries > 0 ? 'warning' : 'debug', message: `page ${n}: ${e.records} records in ${e.elapsed_ms} ms${after} — ${e.url}` };
    }
    case 'sequence_done':
      return { level: 'debug', message: `sequence done${e.stop ? `, stopped: ${e.stop.replace(/_/g, ' ')}` : ''}` };
    case 'warning':
      return { level: 'warning', message: e.message };
    case 'resource_finished':
      return { level: 'info', message: `done: ${e.pages} pages, ${e.requests} requests; rows ${rowsText(e.rows)}` };
    case 'run_finished': {
      const rows = Object.values(e.summary.rows).reduce((a, b) => a + b, 0);
      const load = e.summary.load_id ? ` in load ${e.summary.load_id}` : ' (nothing new, no load written)';
      return { level: 'info', message: `Run completed: ${rows} rows${load}` };
    }
    case 'run_failed':
      return e.cancelled
        ? { level: 'warning', message: 'Run cancelled: the database is as the previous run left it' }
        : { level: 'error', message: `Run failed: ${e.error}` };
  }
}
