// Everything the fake host hands to the UI, recorded when a browser test asks for it by setting
// `window.__PIPEWRIGHT_FAKE_HOST_TRACE__ = []`: command results and streamed run events, as JSON.
// The secrets e2e searches it to prove no secret value ever travels back to the UI.
import type { Host } from '../types';

export interface TraceEntry {
  method: string;
  json: string;
}

declare global {
  interface Window {
    __PIPEWRIGHT_FAKE_HOST_TRACE__?: TraceEntry[];
  }
}

function sink(): TraceEntry[] | undefined {
  return typeof window !== 'undefined' ? window.__PIPEWRIGHT_FAKE_HOST_TRACE__ : undefined;
}

function record(method: string, value: unknown) {
  sink()?.push({ method, json: JSON.stringify(value) ?? 'undefined' });
}

/** The host, with every result and callback argument recorded (when a trace is asked for). */
export function traced(host: Host): Host {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(host) as [string, (...args: unknown[]) => unknown][]) {
    out[name] = (...args: unknown[]) => {
      // Run events reach the UI through the callback, not the result.
      const wrapped = args.map((a) =>
        typeof a === 'function'
          ? (v: unknown) => {
              record(`${name}:event`, v);
              return (a as (v: unknown) => unknown)(v);
            }
          : a,
      );
      const result = fn(...wrapped);
      if (result instanceof Promise) {
        void result.then(
          (v: unknown) => {
            record(name, v);
            const done = (v as { done?: unknown } | undefined)?.done;
            if (done instanceof Promise) done.then((s) => record(`${name}:done`, s), () => {});
          },
          (e: unknown) => record(`${name}:error`, e),
        );
      }
      return result;
    };
  }
  return out as unknown as Host;
}
