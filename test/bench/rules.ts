/**
 * For each default ruleset, side by side: evaluation with the cached engine against building the
 * engine per call, and the full explanation against plain evaluation. Inputs are the ruleset's own
 * test facts, taken in turn.
 */
import { Bench } from 'tinybench';
import { readDefaultRulesets } from '../../functions/cases/content-packs';
import { compileRuleset, EngineCache, evaluateRuleset } from '../../functions/decisions/engine';
import { ROOT, type Row, row } from './report';

export async function rulesBench(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const { id, title: _t, description: _d, ...content } of readDefaultRulesets(`${ROOT}/rules`)) {
    const inputs = (content.tests ?? []).map((test) => test.facts);
    if (inputs.length === 0) inputs.push({});
    const cache = new EngineCache();
    let i = 0;
    const next = () => inputs[i++ % inputs.length] ?? {};
    const bench = new Bench({ time: 600, warmupTime: 150 });
    bench
      .add(`${id}: cached engine`, async () => {
        await evaluateRuleset(
          cache.get(`${id}@1`, () => content),
          next(),
          { explain: false },
        );
      })
      .add(`${id}: engine built per call`, async () => {
        await evaluateRuleset(compileRuleset(content), next(), { explain: false });
      })
      .add(`${id}: cached engine + explanation`, async () => {
        await evaluateRuleset(
          cache.get(`${id}@1`, () => content),
          next(),
          { explain: true },
        );
      });
    await bench.run();
    const [cached, perCall, explained] = bench.tasks.map((task) => row(task));
    if (!cached || !perCall || !explained) throw new Error(`${id}: a task is missing`);
    cached.ratio = `${(perCall.meanMs / cached.meanMs).toFixed(1)}× faster than per call (target ≥ 3×)`;
    explained.ratio = `${(explained.meanMs / cached.meanMs).toFixed(2)}× plain (target ≤ 3×)`;
    rows.push(cached, perCall, explained);
  }
  return rows;
}
