/**
 * Cases against DynamoDB Local: a worker's caseload with 100 and with 10,000 cases in the table (2
 * offices, 40 workers), and submissions end to end (validate + rules + transaction) at concurrency 1
 * and 8, all through the local HTTP server.
 */

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { PutCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_PRIORITY } from '../../functions/domain/case-decisions';
import type { CaseHead } from '../../functions/domain/case-file';
import { todayIn } from '../../functions/domain/dates';
import type { LocalKawal } from '../../functions/local/app';
import { newId, putCaseHeads } from '../../functions/store/cases-repo';
import { db, tableName } from '../../functions/store/client';
import { ROOT, type Row, rowFromSamples } from './report';

const WORKERS = 40;

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A captured transaction item moved to partition `pk`, with appended items given fresh keys. */
function rekey(entry: TransactItem, pk: string, n: number): TransactItem {
  const copy = structuredClone(entry);
  if (copy.Put?.Item) {
    const sk = String(copy.Put.Item.sk);
    copy.Put.Item = {
      ...copy.Put.Item,
      pk,
      sk: sk === 'HEAD' || sk.startsWith('LATEST#') ? sk : `${sk}-${n}`,
    };
    if (copy.Put.Item.id !== undefined && sk === 'HEAD') copy.Put.Item.id = pk.slice('CASE#'.length);
  }
  if (copy.Delete?.Key) copy.Delete.Key = { ...copy.Delete.Key, pk };
  if (copy.ConditionCheck?.Key) copy.ConditionCheck.Key = { ...copy.ConditionCheck.Key, pk };
  return copy;
}
const QUERIES = 200;

function head(i: number): CaseHead {
  const now = new Date().toISOString();
  const worker = i % WORKERS;
  const due = new Date(Date.UTC(2027, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
  return {
    id: newId(),
    version: 1,
    client: { name: `Klien Bench ${i}`, birthDate: '1990-01-01', sex: i % 2 ? 'laki-laki' : 'perempuan' },
    caseType: 'pembimbingan',
    office: worker < WORKERS / 2 ? 'bapas-1' : 'bapas-2',
    assignee: `pk-bench-${worker}`,
    stage: 'monitoring',
    timeZone: 'Asia/Jakarta',
    priority: {
      ...DEFAULT_PRIORITY,
      score: [25, 50, 75, 100][i % 4] ?? 25,
      level: (['rendah', 'sedang', 'tinggi', 'segera'] as const)[i % 4] ?? 'rendah',
    },
    eligibility: {},
    deadlines: [{ kind: 'laporan-pengawasan', from: '2026-11-01', due }],
    transfer: null,
    transfers: [],
    forms: {},
    createdAt: now,
    createdBy: 'bench',
    updatedAt: now,
    updatedBy: 'bench',
  };
}

export async function casesBench(kawal: LocalKawal): Promise<Row[]> {
  {
    const today = todayIn();
    const token = async (username: string, roles: string[], office: string) =>
      kawal.issuer.sign({
        id: username,
        name: username,
        roles: roles as ('worker' | 'supervisor')[],
        office,
      });
    const workerToken = await token('pk-bench-0', ['worker'], 'bapas-1');
    const caseload = async () => {
      const samples: number[] = [];
      for (let i = 0; i < QUERIES; i++) {
        const start = performance.now();
        const reply = await fetch(`${kawal.url}/api/cases?limit=25`, {
          headers: { authorization: `Bearer ${workerToken}` },
        });
        if (reply.status !== 200) throw new Error(`caseload ${reply.status}`);
        await reply.arrayBuffer();
        samples.push(performance.now() - start);
      }
      return samples;
    };

    await putCaseHeads(
      Array.from({ length: 100 }, (_, i) => head(i)),
      today,
    );
    const small = rowFromSamples('caseload of one worker, 100 cases in the table', await caseload());
    await putCaseHeads(
      Array.from({ length: 9_900 }, (_, i) => head(100 + i)),
      today,
    );
    const large = rowFromSamples('caseload of one worker, 10,000 cases in the table', await caseload());
    large.ratio = `${(large.p50Ms / small.p50Ms).toFixed(2)}× the 100-case time at p50 (target < 1.5×)`;

    // Submissions: each on its own case, so the numbers measure the pipeline, not retries on one case.
    const supervisor = await token('kabapas-bench', ['supervisor'], 'bapas-1');
    const data = (
      JSON.parse(readFileSync(`${ROOT}/forms/catatan-pengawasan.json`, 'utf8')) as { example: unknown }
    ).example;
    const openCase = async () => {
      const reply = await fetch(`${kawal.url}/api/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${supervisor}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          client: { name: 'Klien Bench', birthDate: '1990-01-01', sex: 'perempuan' },
          caseType: 'pembimbingan',
        }),
      });
      const { id } = (await reply.json()) as { id: string };
      // Supervision notes are offered from intervention on: the Kabapas moves the case there.
      for (const to of ['assessment', 'planning', 'intervention', 'monitoring']) {
        const moved = await fetch(`${kawal.url}/api/cases/${id}/transitions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${supervisor}`, 'content-type': 'application/json' },
          body: JSON.stringify({ to }),
        });
        if (moved.status !== 200) throw new Error(`move to ${to}: ${moved.status}`);
      }
      return id;
    };
    const submitOnce = async (caseId: string, n: number) => {
      const start = performance.now();
      const reply = await fetch(`${kawal.url}/api/cases/${caseId}/submissions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${supervisor}`, 'content-type': 'application/json' },
        body: JSON.stringify({ formId: 'catatan-pengawasan', data, idempotencyKey: `bench-${caseId}-${n}` }),
      });
      if (reply.status !== 201) throw new Error(`submission ${reply.status}: ${await reply.text()}`);
      await reply.arrayBuffer();
      return performance.now() - start;
    };
    const run = async (concurrency: number, total: number) => {
      const cases = await Promise.all(Array.from({ length: concurrency }, openCase));
      const samples: number[] = [];
      const began = performance.now();
      await Promise.all(
        cases.map(async (caseId, lane) => {
          for (let n = 0; n < total / concurrency; n++)
            samples.push(await submitOnce(caseId, lane * 1000 + n));
        }),
      );
      const seconds = (performance.now() - began) / 1000;
      const result = rowFromSamples(`submission end to end, concurrency ${concurrency}`, samples);
      result.ratio = `${(samples.length / seconds).toFixed(1)} submissions/s`;
      return result;
    };
    await run(1, 10); // warm-up: engines, validators, connections
    // Keeps the last transaction a submission wrote (the one server shares this process's client).
    let captured: TransactItem[] | undefined;
    const capture = 'bench-capture-submission';
    db().middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as TransactWriteCommandInput;
        const items = input.TransactItems ?? [];
        if (
          context.commandName === 'TransactWriteItemsCommand' &&
          items.some((i) => String(i.Put?.Item?.sk).startsWith('SUB#'))
        )
          captured = structuredClone(items);
        return next(args);
      },
      { step: 'initialize', name: capture },
    );
    const sequential = await run(1, 100);
    db().middlewareStack.remove(capture);
    const parallel = await run(8, 160);

    // The floor a submission is measured against: the very transaction a submission writes, captured
    // from the last sequential submission (the case head with its index attributes and its version
    // condition, the client's key items, the submission, the latest data, the idempotency record, the
    // draft removal, the audit entry), replayed on a case partition of its own whose head exists at
    // the version the condition expects, with fresh keys for the appended items each time.
    if (!captured) throw new Error('no submission transaction was captured');
    const template = captured;
    const bare: number[] = [];
    for (let n = 0; n < 100; n++) {
      const pk = `CASE#bench-bare-${n}`;
      const items = template.map((entry) => rekey(entry, pk, n));
      const headPut = items.find((entry) => entry.Put?.Item?.sk === 'HEAD')?.Put;
      if (headPut?.Item) {
        const expected = headPut.ExpressionAttributeValues?.[':expected'];
        await db().send(
          new PutCommand({ TableName: tableName(), Item: { ...headPut.Item, version: expected } }),
        );
      }
      const started = performance.now();
      await db().send(new TransactWriteCommand({ TransactItems: items }));
      bare.push(performance.now() - started);
    }
    const floor = rowFromSamples(
      `bare TransactWriteItems of a submission's ${template.length} items (in process)`,
      bare,
    );
    sequential.ratio = `${sequential.ratio}; ${(sequential.p50Ms / floor.p50Ms).toFixed(2)}× the bare transaction at p50 (target ≤ 2×)`;
    return [small, large, sequential, parallel, floor];
  }
}
