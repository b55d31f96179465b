/**
 * The daily deadline sweep against DynamoDB Local: 10,000 cases of two offices added due before the
 * sweep's day (besides the cases earlier benchmarks left, which are due before it too; the rows say
 * how many were examined), first all to mark (one conditional UpdateItem each), then on the next day
 * all marked already (pages read and filtered, nothing written). Each row's samples are the sweep's Query pages (100
 * cases each); the ratio gives the page rate and the cases per second.
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_PRIORITY } from '../../functions/domain/case-decisions';
import type { CaseHead } from '../../functions/domain/case-file';
import { todayIn } from '../../functions/domain/dates';
import { sweepDeadlines } from '../../functions/jobs/deadlines';
import { newId, putCaseHeads } from '../../functions/store/cases-repo';
import type { Row } from './report';

const CASES = 10_000;
/** Days later than any real today, so the demo cases and the start-up run stay out of the numbers. */
const DAY = '2041-01-01';
const NEXT_DAY = '2041-01-02';

function head(i: number): CaseHead {
  const now = new Date().toISOString();
  const due = new Date(Date.UTC(2040, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
  return {
    id: newId(),
    version: 1,
    client: { name: `Klien Sapuan ${i}`, birthDate: '1990-01-01', sex: i % 2 ? 'laki-laki' : 'perempuan' },
    caseType: 'pembimbingan',
    caseTypeVersion: 1,
    office: i % 2 ? 'bapas-1' : 'bapas-2',
    assignee: null,
    stage: 'monitoring',
    timeZone: 'Asia/Jakarta',
    priority: DEFAULT_PRIORITY,
    eligibility: {},
    deadlines: [{ kind: 'laporan-pengawasan', from: '2039-12-01', due }],
    transfer: null,
    transfers: [],
    forms: {},
    createdAt: now,
    createdBy: 'bench',
    updatedAt: now,
    updatedBy: 'bench',
  };
}

async function timed(name: string, today: string): Promise<Row> {
  const started = performance.now();
  const result = await sweepDeadlines(today);
  const ms = performance.now() - started;
  const perPage = ms / Math.max(1, result.pages);
  return {
    name: `${name}: ${result.examined} examined, ${result.marked} marked`,
    samples: result.pages,
    meanMs: perPage,
    p50Ms: perPage,
    p99Ms: perPage,
    ratio: `${((result.pages * 1000) / ms).toFixed(1)} pages/s, ${((result.examined * 1000) / ms).toFixed(0)} cases examined/s, ${(ms / 1000).toFixed(1)} s in all`,
  };
}

export async function sweepBench(): Promise<Row[]> {
  await putCaseHeads(
    Array.from({ length: CASES }, (_, i) => head(i)),
    todayIn(),
  );
  return [
    await timed('sweep, every case to mark', DAY),
    await timed('sweep next day, every case marked already', NEXT_DAY),
  ];
}
