/**
 * The case process as content, on the demo cases of the running local stack:
 * - building each demo case's facts from its case file through the declared sources (pointers and
 *   JSONata), with the case type compiled once per version, side by side with compiling it per call;
 * - all decisions of one submission (facts + every ruleset the trigger runs) as a share of that
 *   submission's end-to-end time through HTTP, measured in the same run on the same case.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Bench } from 'tinybench';
import { caseFacts, latestData, runTriggers } from '../../functions/cases/case-context';
import { publishedCaseType } from '../../functions/cases/case-types';
import { buildFacts, compileCaseType } from '../../functions/decisions/fact-sources';
import { todayIn } from '../../functions/domain/dates';
import type { LocalKawal } from '../../functions/local/app';
import { getCase, queryCaseload } from '../../functions/store/cases-repo';
import { ROOT, type Row, row, rowFromSamples } from './report';

const SUBMISSIONS = 60;

export async function processBench(kawal: LocalKawal): Promise<Row[]> {
  const rows: Row[] = [];
  const heads = [
    ...(await queryCaseload({ by: 'office', key: 'bapas-1', limit: 100 })).items,
    ...(await queryCaseload({ by: 'office', key: 'bapas-2', limit: 100 })).items,
  ].filter((head) => head.client.name.endsWith('Contoh'));
  if (heads.length === 0) throw new Error('no demo cases: start the stack with demo data');

  for (const head of heads) {
    const type = await publishedCaseType(head.caseType);
    if (!type) throw new Error(`${head.caseType} is not published`);
    const latest = await latestData(head.id);
    const file = { case: { ...head }, forms: latest, counters: head.counters ?? {} };
    const today = todayIn();
    const bench = new Bench({ time: 400, warmupTime: 100 });
    bench
      .add(
        `facts of ${head.client.name} (${head.caseType}, ${Object.keys(latest).length} forms)`,
        async () => {
          await caseFacts(type, head, latest);
        },
      )
      .add(`  … compiling the case type per call`, async () => {
        await buildFacts(compileCaseType(type.content), file, today);
      });
    await bench.run();
    const [cached, perCall] = bench.tasks.map((task) => row(task));
    if (!cached || !perCall) throw new Error('a task is missing');
    cached.ratio = `p50 ${cached.p50Ms.toFixed(3)} ms (target ≤ 1 ms); ${(perCall.meanMs / cached.meanMs).toFixed(1)}× faster than compiling per call`;
    rows.push(cached, perCall);
  }

  // One submission's decisions against the submission itself, on a case in supervision.
  const supervisor = await kawal.issuer.sign({
    id: 'kabapas-bench',
    name: 'Kabapas Bench',
    roles: ['supervisor'],
    office: 'bapas-1',
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const reply = await fetch(`${kawal.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${supervisor}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await reply.text();
    if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${text}`);
    return JSON.parse(text) as { id: string };
  };
  const { id: caseId } = await call('POST', '/api/cases', {
    client: { name: 'Klien Bench', birthDate: '1990-01-01', sex: 'perempuan' },
    caseType: 'integrasi',
  });
  for (const to of ['assessment', 'planning', 'intervention', 'monitoring'])
    await call('POST', `/api/cases/${caseId}/transitions`, { to });
  const note = {
    ...(JSON.parse(readFileSync(`${ROOT}/forms/catatan-pengawasan.json`, 'utf8')) as { example: object })
      .example,
    tanggal: todayIn(),
  };
  const endToEnd: number[] = [];
  const decisions: number[] = [];
  for (let n = 0; n < SUBMISSIONS; n++) {
    const start = performance.now();
    await call('POST', `/api/cases/${caseId}/submissions`, {
      formId: 'catatan-pengawasan',
      data: note,
      idempotencyKey: `bench-proses-${n}`,
    });
    endToEnd.push(performance.now() - start);
    // The same work the submission did for its decisions, on the case as it now stands.
    const head = await getCase(caseId);
    const type = head ? await publishedCaseType(head.caseType) : undefined;
    if (!head || !type) throw new Error('bench case vanished');
    const latest = await latestData(caseId);
    const began = performance.now();
    await runTriggers(type, 'submission', head, latest, 'catatan-pengawasan');
    decisions.push(performance.now() - began);
  }
  const whole = rowFromSamples('supervision note submitted end to end (HTTP)', endToEnd.slice(10));
  const decided = rowFromSamples('  … its decisions: facts + triggered rulesets', decisions.slice(10));
  decided.ratio = `${((100 * decided.p50Ms) / whole.p50Ms).toFixed(1)}% of the submission at p50 (target ≤ 10%)`;
  rows.push(whole, decided);
  return rows;
}
