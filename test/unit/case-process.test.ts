/**
 * The case process as content: deadlines from declarations, moves and forms per stage, fact sources
 * (pointers and JSONata, ordered by dependency, bounded), counters, and the save checks with their
 * JSON Pointers.
 */
import { describe, expect, it } from 'vitest';
import { caseTypeProblems, runCaseTypeTests } from '../../functions/decisions/case-type-check';
import {
  buildFacts,
  compileCaseType,
  countersAfter,
  FactCycleError,
} from '../../functions/decisions/fact-sources';
import { WorkingCalendar } from '../../functions/domain/calendar';
import { type CaseTypeContent, formsAt, moveBetween, movesFrom } from '../../functions/domain/case-type';
import { deadlinesAfter, dueFrom, lengthOf, withLength, withOverdue } from '../../functions/domain/deadlines';
import { compileExpression, evaluateExpression, variablesOf } from '../../functions/domain/expression';

const calendar = new WorkingCalendar();
const FORM_SCHEMA = {
  type: 'object',
  properties: {
    ok: { type: 'boolean' },
    received: { type: 'string', format: 'date' },
    n: { type: 'integer' },
  },
};

const base = (): CaseTypeContent => ({
  stages: [
    { id: 'intake', title: 'Identifikasi' },
    { id: 'planning', title: 'Perencanaan' },
    { id: 'monitoring', title: 'Pengawasan' },
    { id: 'terminated', title: 'Terminasi' },
  ],
  moves: [
    { from: 'intake', to: 'planning' },
    { from: 'planning', to: 'monitoring', approval: true },
    { from: '*', to: 'terminated' },
    { from: 'terminated', to: 'intake', roles: ['supervisor'] },
  ],
  forms: [{ form: 'f', stages: ['intake'] }, { form: 'g' }],
  deadlines: [
    { id: 'file', title: 'Berkas', start: { on: 'created' }, length: { months: 6 }, repeats: true },
    {
      id: 'litmas',
      title: 'Litmas',
      start: { on: 'submission', forms: ['f'], field: '/received' },
      length: { hours: 72 },
      metBy: { forms: ['g'] },
    },
    {
      id: 'report',
      title: 'Lapor',
      start: { on: 'move', stages: ['monitoring'] },
      length: { workingDays: 5 },
      metBy: { forms: ['g'] },
      repeats: true,
      stages: ['monitoring'],
    },
  ],
  facts: [
    { name: 'ok', type: 'boolean', source: { form: 'f', pointer: '/ok' } },
    { name: 'born', type: 'date', source: { case: '/client/birthDate' } },
    { name: 'age', type: 'number', source: { expression: '$yearsBetween($born, $today)' } },
    { name: 'adult', type: 'boolean', source: { expression: '$age >= 18' } },
    { name: 'missed', type: 'number', source: { expression: 'counters.missedRun' } },
  ],
  counters: [
    { name: 'missedRun', form: 'g', expression: 'ok = false ? ($previous ? $previous : 0) + 1 : 0' },
  ],
});

describe('moves and forms per stage', () => {
  const type = base();
  it('finds declared moves, "*" only from open stages, and the forms of a stage', () => {
    expect(moveBetween(type, 'planning', 'monitoring')?.approval).toBe(true);
    expect(moveBetween(type, 'monitoring', 'terminated')).toBeDefined();
    expect(moveBetween(type, 'terminated', 'terminated')).toBeUndefined();
    expect(moveBetween(type, 'intake', 'monitoring')).toBeUndefined();
    expect(movesFrom(type, 'intake').map((m) => m.to)).toEqual(['planning', 'terminated']);
    expect(movesFrom(type, 'terminated').map((m) => m.to)).toEqual(['intake']);
    expect(formsAt(type, 'intake')).toEqual(['f', 'g']);
    expect(formsAt(type, 'planning')).toEqual(['g']);
    expect(formsAt(type, 'terminated')).toEqual([]);
  });
});

describe('deadlines from the declarations', () => {
  const type = base();
  const at = (now: string, stage = 'intake') => ({ now, stage, calendar });

  it('starts on creation; counts hours from a date in the submitted data; met by another form', () => {
    const created = deadlinesAfter(type, [], { on: 'created' }, at('2026-12-01T09:00'));
    expect(created).toEqual([{ kind: 'file', title: 'Berkas', from: '2026-12-01', due: '2027-06-01' }]);
    const requested = deadlinesAfter(
      type,
      created,
      { on: 'submission', form: 'f', data: { received: '2026-11-30' } },
      at('2026-12-01T09:00'),
    );
    // 3×24 hours, calendar time: weekends and holidays are not skipped.
    expect(requested.find((d) => d.kind === 'litmas')).toMatchObject({
      from: '2026-11-30',
      due: '2026-12-03T00:00',
    });
    const met = deadlinesAfter(
      type,
      requested,
      { on: 'submission', form: 'g', data: {} },
      at('2026-12-02T10:00'),
    );
    expect(met.map((d) => d.kind)).toEqual(['file']);
  });

  it('without the date field, counts hours from now', () => {
    const next = deadlinesAfter(type, [], { on: 'submission', form: 'f', data: {} }, at('2026-12-01T09:30'));
    expect(next[0]).toMatchObject({ kind: 'litmas', due: '2026-12-04T09:30' });
  });

  it('keeps a stage-bound deadline only in its stages, restarts a repeating one when met', () => {
    const moved = deadlinesAfter(
      type,
      [],
      { on: 'move', to: 'monitoring' },
      at('2026-12-01T08:00', 'monitoring'),
    );
    expect(moved).toEqual([{ kind: 'report', title: 'Lapor', from: '2026-12-01', due: '2026-12-08' }]);
    const met = deadlinesAfter(
      type,
      moved,
      { on: 'submission', form: 'g', data: {} },
      at('2026-12-07T08:00', 'monitoring'),
    );
    expect(met).toEqual([{ kind: 'report', title: 'Lapor', from: '2026-12-07', due: '2026-12-14' }]);
    expect(
      deadlinesAfter(type, met, { on: 'termination', reason: 'x' }, at('2026-12-08T08:00', 'terminated')),
    ).toEqual([]);
  });

  it('a deadline due in hours is overdue on the following day', () => {
    const views = withOverdue(
      [{ kind: 'litmas', from: '2026-12-01', due: '2026-12-03T10:00' }],
      '2026-12-04',
    );
    expect(views[0]?.overdue).toBe(true);
    expect(withOverdue([{ kind: 'x', from: '', due: '2026-12-03T10:00' }], '2026-12-03')[0]?.overdue).toBe(
      false,
    );
  });

  it('counts working days, calendar days and months', () => {
    expect(dueFrom({ length: { workingDays: 1 } }, '2026-12-04', calendar)).toBe('2026-12-07');
    expect(dueFrom({ length: { calendarDays: 1 } }, '2026-12-04', calendar)).toBe('2026-12-05');
    expect(dueFrom({ length: { months: 1 } }, '2026-01-31', calendar)).toBe('2026-02-28');
  });
});

describe('a deadline whose length a ruleset decides (the "deadline" effect)', () => {
  const type = base();
  const at = (now: string) => ({ now, stage: 'monitoring', calendar });
  const running = () =>
    deadlinesAfter(type, [], { on: 'move', to: 'monitoring' }, at('2026-12-01T08:00')).concat({
      kind: 'file',
      title: 'Berkas',
      from: '2026-12-01',
      due: '2027-06-01',
    });

  it('reads a length from event params: exactly one unit, a whole number within its bounds', () => {
    expect(lengthOf({ calendarDays: 7 })).toEqual({ calendarDays: 7 });
    expect(lengthOf({ months: 2 })).toEqual({ months: 2 });
    expect(lengthOf({ workingDays: 0 })).toEqual({ workingDays: 0 });
    for (const wrong of [
      undefined,
      null,
      7,
      '7',
      [],
      {},
      { days: 7 },
      { calendarDays: 7, months: 1 },
      { calendarDays: 1.5 },
      { calendarDays: '7' },
      { hours: 0 },
      { months: 121 },
    ]) {
      expect(lengthOf(wrong), JSON.stringify(wrong)).toBeUndefined();
    }
  });

  it('counts the running deadline again from where it started, with the decided length', () => {
    const weekly = withLength(type, running(), 'report', [{ calendarDays: 7 }], calendar);
    expect(weekly.find((d) => d.kind === 'report')).toEqual({
      kind: 'report',
      title: 'Lapor',
      from: '2026-12-01',
      due: '2026-12-08',
      length: { calendarDays: 7 },
    });
    // Other deadlines are left alone.
    expect(weekly.find((d) => d.kind === 'file')).toEqual(running().find((d) => d.kind === 'file'));
  });

  it('of several lengths takes the one due first; with none, the declared length again', () => {
    const both = withLength(type, running(), 'report', [{ months: 1 }, { calendarDays: 3 }], calendar);
    expect(both.find((d) => d.kind === 'report')).toMatchObject({
      due: '2026-12-04',
      length: { calendarDays: 3 },
    });
    const back = withLength(type, both, 'report', [], calendar);
    // The declared 5 working days from Tuesday 1 December: Tuesday 8 December.
    expect(back.find((d) => d.kind === 'report')).toEqual({
      kind: 'report',
      title: 'Lapor',
      from: '2026-12-01',
      due: '2026-12-08',
    });
  });

  it('leaves a deadline that is not running, and one the type does not declare', () => {
    expect(withLength(type, [], 'report', [{ calendarDays: 7 }], calendar)).toEqual([]);
    expect(withLength(type, running(), 'nope', [{ calendarDays: 7 }], calendar)).toEqual(running());
  });

  it('starts again with the decided length when met, and keeps it when started again', () => {
    const weekly = withLength(type, running(), 'report', [{ calendarDays: 7 }], calendar);
    const met = deadlinesAfter(
      type,
      weekly,
      { on: 'submission', form: 'g', data: {} },
      at('2026-12-06T10:00'),
    );
    expect(met.find((d) => d.kind === 'report')).toMatchObject({
      from: '2026-12-06',
      due: '2026-12-13',
      length: { calendarDays: 7 },
    });
    const restarted = deadlinesAfter(type, met, { on: 'move', to: 'monitoring' }, at('2026-12-07T10:00'));
    // A repeating deadline already running is not pushed back by a move.
    expect(restarted.find((d) => d.kind === 'report')).toMatchObject({
      from: '2026-12-06',
      due: '2026-12-13',
    });
  });
});

describe('fact sources', () => {
  const compiled = compileCaseType(base());
  const file = {
    case: { client: { birthDate: '2000-12-02' } },
    forms: { f: { ok: true } },
    counters: { missedRun: 2 },
  };

  it('reads pointers, computes expressions in dependency order, with $today', async () => {
    const { facts, problems } = await buildFacts(compiled, file, '2026-12-01');
    expect(problems).toEqual([]);
    expect(facts).toMatchObject({
      ok: true,
      born: '2000-12-02',
      age: 25,
      adult: true,
      missed: 2,
      today: '2026-12-01',
    });
    expect(facts['form:f']).toEqual({ ok: true });
    expect((await buildFacts(compiled, file, '2026-12-02')).facts.age).toBe(26);
  });

  it('a missing source or a value of the wrong type is unknown (null)', async () => {
    const { facts, problems } = await buildFacts(
      compiled,
      { case: {}, forms: { f: { ok: 'ya' } }, counters: {} },
      '2026-12-01',
    );
    expect(facts).toMatchObject({ ok: null, born: null, age: null, adult: null });
    expect(problems.map((p) => p.fact)).toEqual(['ok']);
  });

  it('refuses a cycle between facts', () => {
    const type = base();
    type.facts = [
      { name: 'a', type: 'number', source: { expression: '$b + 1' } },
      { name: 'b', type: 'number', source: { expression: '$a + 1' } },
    ];
    expect(() => compileCaseType(type)).toThrow(FactCycleError);
  });

  it('keeps counters from submissions: three missed in a row, reset by an attended one', async () => {
    let counters: Record<string, unknown> = {};
    for (const ok of [false, false, false]) counters = await countersAfter(compiled, counters, 'g', { ok });
    expect(counters).toEqual({ missedRun: 3 });
    expect(await countersAfter(compiled, counters, 'g', { ok: true })).toEqual({ missedRun: 0 });
    expect(await countersAfter(compiled, counters, 'f', { ok: false })).toEqual({ missedRun: 3 });
  });

  it('bounds a runaway expression by its time budget', async () => {
    const slow = compileExpression('($f := function($n){ $n <= 1 ? $n : $f($n-1) + $f($n-2) }; $f(40))');
    const started = Date.now();
    await expect(evaluateExpression(slow, {})).rejects.toMatchObject({ name: 'ExpressionError' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect([...variablesOf(compileExpression('($x := 1; $x + $y + $monthsBetween($a, $b))'))].sort()).toEqual(
      ['a', 'b', 'y'],
    );
  });
});

describe('case type checks on save', () => {
  const context = {
    formSchemas: new Map([
      ['f', FORM_SCHEMA],
      ['g', FORM_SCHEMA],
    ]),
    rulesets: new Map([['r', 'priority']]),
  };
  const problems = async (change: (type: CaseTypeContent) => void) => {
    const type = base();
    change(type);
    return (await caseTypeProblems(type, context, 'id')).map((p) => p.path);
  };

  it('accepts the base type', async () => {
    expect(await problems(() => undefined)).toEqual([]);
  });
  it('refuses a pointer missing from the form, or of another type than the fact', async () => {
    expect(
      await problems((t) =>
        t.facts?.push({ name: 'x', type: 'boolean', source: { form: 'f', pointer: '/nope' } }),
      ),
    ).toEqual(['/facts/5/source/pointer']);
    expect(
      await problems((t) =>
        t.facts?.push({ name: 'x', type: 'boolean', source: { form: 'f', pointer: '/n' } }),
      ),
    ).toEqual(['/facts/5/source/pointer']);
    expect(
      await problems((t) => t.facts?.push({ name: 'x', type: 'string', source: { case: '/client/nope' } })),
    ).toEqual(['/facts/5/source/case']);
  });
  it('refuses an expression that does not parse, a cycle, and one that runs past its budget', async () => {
    expect(
      await problems((t) => t.facts?.push({ name: 'x', type: 'number', source: { expression: '1 +' } })),
    ).toEqual(['/facts/5/source/expression']);
    expect(
      await problems((t) => {
        t.facts = [
          { name: 'a', type: 'number', source: { expression: '$b' } },
          { name: 'b', type: 'number', source: { expression: '$a' } },
        ];
      }),
    ).toEqual(['/facts/0/source/expression']);
    expect(
      await problems((t) =>
        t.facts?.push({
          name: 'x',
          type: 'number',
          source: { expression: '($f := function($n){ $f($n + 1) }; $f(0))' },
        }),
      ),
    ).toEqual(['/facts/5/source/expression']);
  });
  it('refuses unknown stages, unreachable stages, unknown forms, rulesets and deadlines', async () => {
    expect(await problems((t) => t.moves.push({ from: 'nowhere', to: 'planning' }))).toEqual([
      '/moves/4/from',
    ]);
    expect(await problems((t) => t.stages.splice(1, 0, { id: 'lost', title: 'Hilang' }))).toEqual([
      '/stages/1/id',
    ]);
    expect(await problems((t) => t.forms?.push({ form: 'h' }))).toEqual(['/forms/2/form']);
    expect(await problems((t) => (t.triggers = [{ on: 'created', rulesets: { kinds: ['nope'] } }]))).toEqual([
      '/triggers/0/rulesets/kinds/0',
    ]);
    expect(await problems((t) => (t.effects = [{ event: 'x', as: 'flag', deadline: 'nope' }]))).toEqual([
      '/effects/0/deadline',
    ]);
    expect(await problems((t) => (t.effects = [{ event: 'x', as: 'deadline' }]))).toEqual(['/effects/0']);
    expect(await problems((t) => (t.effects = [{ event: 'x', as: 'deadline', deadline: 'nope' }]))).toEqual([
      '/effects/0/deadline',
    ]);
    expect(await problems((t) => (t.effects = [{ event: 'x', as: 'deadline', deadline: 'report' }]))).toEqual(
      [],
    );
    expect(await problems((t) => (t.stages = t.stages.filter((s) => s.id !== 'terminated')))).toContain(
      '/stages',
    );
  });
  it('runs the type tests: facts built from a case file against the expected ones', async () => {
    const type = base();
    type.tests = [
      {
        name: 'dewasa',
        caseFile: { case: { client: { birthDate: '2000-01-01' } } },
        today: '2026-12-01',
        expect: { adult: true },
      },
      { name: 'salah', caseFile: {}, today: '2026-12-01', expect: { adult: true } },
    ];
    const outcomes = await runCaseTypeTests(type);
    expect(outcomes.map((o) => [o.test, o.passed])).toEqual([
      ['dewasa', true],
      ['salah', false],
    ]);
  });
});
