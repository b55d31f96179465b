import { describe, expect, it } from 'vitest';
import {
  checkTransition,
  isStage,
  MOVES,
  REOPEN_TO,
  STAGES,
  type Stage,
  type TransitionCheck,
} from '../../functions/domain/lifecycle';
import type { Role } from '../../functions/platform/claims';

const worker: Role[] = ['worker'];
const supervisor: Role[] = ['supervisor'];

/**
 * The moves, written out a second time by hand (DOMAIN.md §2): forward in order, monitoring ⇄
 * accompaniment, back to planning from intervention, monitoring and accompaniment, any open stage to
 * terminated, and out of terminated only by a supervisor's reopen (S). Rows are `from`, columns `to`.
 * Editing MOVES or REOPEN_TO without this table (or the other way round) fails.
 */
const TABLE = `
from \\ to      intake  assessment  planning  intervention  monitoring  accompaniment  terminated
intake           .       ok          .         .             .           .              ok
assessment       .       .           ok        .             .           .              ok
planning         .       .           .         ok            .           .              ok
intervention     .       .           ok        .             ok          .              ok
monitoring       .       .           ok        .             .           ok             ok
accompaniment    .       .           ok        .             ok          .              ok
terminated       S       S           S         .             S           .              .
`;

const [header = '', ...body] = TABLE.trim().split('\n');
const columns = header.split(/\s+/).slice(3);
const EXPECTED = new Map(
  body.map((line) => {
    const [from = '', ...row] = line.trim().split(/\s+/);
    return [from, row] as const;
  }),
);
const cells = (from: Stage) => EXPECTED.get(from) ?? [];

/** The hand-written table as checks for a user with `roles`. */
function expectedTable(roles: readonly Role[]): Record<string, TransitionCheck> {
  const table: Record<string, TransitionCheck> = {};
  for (const from of STAGES) {
    const row = cells(from);
    STAGES.forEach((to, i) => {
      const cell = row[i];
      table[`${from} → ${to}`] =
        cell === 'ok'
          ? 'ok'
          : cell === 'S'
            ? roles.includes('supervisor')
              ? 'ok'
              : 'supervisor_only'
            : 'invalid';
    });
  }
  return table;
}

/** The same table generated from checkTransition. */
function actualTable(roles: readonly Role[]): Record<string, TransitionCheck> {
  const table: Record<string, TransitionCheck> = {};
  for (const from of STAGES)
    for (const to of STAGES) table[`${from} → ${to}`] = checkTransition(from, to, roles);
  return table;
}

describe('stages', () => {
  it('are the seven of DOMAIN.md §2, in order', () => {
    expect(STAGES).toEqual([
      'intake',
      'assessment',
      'planning',
      'intervention',
      'monitoring',
      'accompaniment',
      'terminated',
    ]);
  });

  it('isStage accepts only the stages', () => {
    for (const stage of STAGES) expect(isStage(stage)).toBe(true);
    for (const other of ['closed', 'Intake', '', null, 3]) expect(isStage(other)).toBe(false);
  });
});

describe('moves', () => {
  it('the hand-written table has a row and a column per stage, in order, and a cell for every pair', () => {
    expect(columns).toEqual([...STAGES]);
    expect([...EXPECTED.keys()]).toEqual([...STAGES]);
    for (const stage of STAGES) expect(cells(stage)).toHaveLength(STAGES.length);
  });

  it('MOVES and REOPEN_TO agree with the hand-written table', () => {
    for (const from of STAGES) {
      const row = cells(from);
      const marked = (mark: string) => STAGES.filter((_, i) => row[i] === mark);
      expect(from === 'terminated' ? [] : marked('ok'), `MOVES.${from}`).toEqual(
        [...MOVES[from]].sort((a, b) => STAGES.indexOf(a) - STAGES.indexOf(b)),
      );
      if (from === 'terminated') expect(marked('S')).toEqual([...REOPEN_TO]);
    }
  });

  it.each([
    ['worker', worker],
    ['supervisor', supervisor],
  ])('checkTransition gives the full stage × stage table for a %s', (_name, roles) => {
    expect(actualTable(roles)).toEqual(expectedTable(roles));
  });

  it('every move in MOVES is ok for a worker', () => {
    for (const from of STAGES)
      for (const to of MOVES[from]) expect(checkTransition(from, to, worker)).toBe('ok');
  });

  it('every open stage may move to terminated', () => {
    for (const from of STAGES.filter((stage) => stage !== 'terminated'))
      expect(checkTransition(from, 'terminated', worker)).toBe('ok');
  });

  it.each<[Stage, Stage]>([
    ['intake', 'monitoring'],
    ['intake', 'planning'],
    ['assessment', 'intake'],
    ['planning', 'assessment'],
    ['planning', 'monitoring'],
    ['intervention', 'accompaniment'],
    ['monitoring', 'intervention'],
    ['accompaniment', 'intake'],
    ['terminated', 'accompaniment'],
    ['terminated', 'intervention'],
    ['terminated', 'terminated'],
    ['monitoring', 'monitoring'],
  ])('%s → %s is invalid, for a worker and for a supervisor', (from, to) => {
    expect(checkTransition(from, to, worker)).toBe('invalid');
    expect(checkTransition(from, to, supervisor)).toBe('invalid');
    expect(checkTransition(from, to, ['admin', 'supervisor', 'worker'])).toBe('invalid');
  });

  it.each(REOPEN_TO.map((to) => [to]))('reopening terminated → %s is supervisor_only for a worker', (to) => {
    expect(checkTransition('terminated', to, worker)).toBe('supervisor_only');
    expect(checkTransition('terminated', to, ['admin'])).toBe('supervisor_only');
    expect(checkTransition('terminated', to, [])).toBe('supervisor_only');
  });

  it.each(REOPEN_TO.map((to) => [to]))('reopening terminated → %s is ok for a supervisor', (to) => {
    expect(checkTransition('terminated', to, supervisor)).toBe('ok');
    expect(checkTransition('terminated', to, ['worker', 'supervisor'])).toBe('ok');
  });
});
