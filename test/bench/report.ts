/** Shared shape of a benchmark row and how tasks become rows. */
import type { Task } from 'tinybench';

export const ROOT = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');

export interface Row {
  name: string;
  samples: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  ratio?: string;
}

export function row(task: Task): Row {
  const result = task.result;
  if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`);
  return {
    name: task.name,
    samples: result.latency.samplesCount,
    meanMs: result.latency.mean,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}

/** Percentiles from raw latencies in ms (for loops timed by hand, e.g. HTTP requests). */
export function rowFromSamples(name: string, samples: number[]): Row {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return {
    name,
    samples: sorted.length,
    meanMs: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}

export function printRows(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  console.table(
    rows.map((r) => ({
      task: r.name,
      samples: r.samples,
      'mean ms': r.meanMs.toFixed(4),
      'p50 ms': r.p50Ms.toFixed(4),
      'p99 ms': r.p99Ms.toFixed(4),
      ...(r.ratio ? { ratio: r.ratio } : {}),
    })),
  );
}
