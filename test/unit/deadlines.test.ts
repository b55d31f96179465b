import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../functions/domain/calendar';
import {
  afterSubmission,
  afterTransferAccepted,
  afterTransferRequest,
  afterTransition,
  type Deadline,
  type DeadlineKind,
  initialDeadlines,
  nextDue,
  withOverdue,
} from '../../functions/domain/deadlines';

const calendar = new WorkingCalendar();

const deadline = (kind: DeadlineKind, due: string, from = '2026-01-13'): Deadline => ({ kind, due, from });
const kinds = (deadlines: readonly Deadline[]) => deadlines.map((d) => d.kind).sort();
const find = (deadlines: readonly Deadline[], kind: DeadlineKind) => deadlines.find((d) => d.kind === kind);

describe('a new case', () => {
  // Tue 13 Jan 2026; Fri 16 Jan is Isra Mi'raj.
  const today = '2026-01-13';

  it('gives a diversion litmas 3 working days', () => {
    // Wed 14 = 1, Thu 15 = 2, Fri 16 (Isra Mi'raj) and the weekend skipped, Mon 19 = 3.
    const deadlines = initialDeadlines('diversi', today, calendar);
    expect(find(deadlines, 'litmas')).toEqual({ kind: 'litmas', from: today, due: '2026-01-19' });
  });

  it.each(['integrasi', 'pemindahan'])('gives a %s litmas 7 working days', (caseType) => {
    // 14, 15, (16 holiday, 17–18 weekend), 19, 20, 21, 22, 23 → seventh working day Fri 23 Jan.
    const deadlines = initialDeadlines(caseType, today, calendar);
    expect(find(deadlines, 'litmas')).toEqual({ kind: 'litmas', from: today, due: '2026-01-23' });
  });

  it.each(['perlindungan-anak', 'pengawasan', ''])('gives no litmas deadline to case type %j', (caseType) => {
    expect(initialDeadlines(caseType, today, calendar)).toEqual([
      { kind: 'file-check', from: today, due: '2026-07-13' },
    ]);
  });

  it.each(['diversi', 'integrasi', 'pemindahan', 'lain'])(
    'always checks the %s file 6 months on',
    (caseType) => {
      expect(find(initialDeadlines(caseType, today, calendar), 'file-check')).toEqual({
        kind: 'file-check',
        from: today,
        due: '2026-07-13',
      });
    },
  );

  it('counts calendar months to the end of a shorter month', () => {
    // 31 August + 6 months: there is no 31 February, so the last day of February.
    expect(find(initialDeadlines('lain', '2026-08-31', calendar), 'file-check')?.due).toBe('2027-02-28');
  });
});

describe('after a submission', () => {
  const start = [deadline('file-check', '2026-07-13'), deadline('litmas', '2026-01-19')];

  it.each(['litmas-anak', 'litmas-integrasi-dewasa'])('%s clears the litmas deadline', (formId) => {
    expect(afterSubmission(start, formId, '2026-01-15', 'assessment')).toEqual([start[0]]);
  });

  it('rencana-layanan sets the plan review 6 months on', () => {
    const next = afterSubmission(start, 'rencana-layanan', '2026-02-10', 'planning');
    expect(find(next, 'plan-review')).toEqual({ kind: 'plan-review', from: '2026-02-10', due: '2026-08-10' });
    expect(kinds(next)).toEqual(['file-check', 'litmas', 'plan-review']);
  });

  it('a second rencana-layanan replaces the plan review rather than adding one', () => {
    const once = afterSubmission(start, 'rencana-layanan', '2026-02-10', 'planning');
    const twice = afterSubmission(once, 'rencana-layanan', '2026-03-02', 'planning');
    expect(twice.filter((d) => d.kind === 'plan-review')).toEqual([
      { kind: 'plan-review', from: '2026-03-02', due: '2026-09-02' },
    ]);
  });

  it('catatan-pengawasan in monitoring sets the supervision report a month on', () => {
    const next = afterSubmission(start, 'catatan-pengawasan', '2026-05-04', 'monitoring');
    expect(find(next, 'supervision-report')).toEqual({
      kind: 'supervision-report',
      from: '2026-05-04',
      due: '2026-06-04',
    });
  });

  it('catatan-pengawasan in planning clears the supervision report', () => {
    const withReport = [...start, deadline('supervision-report', '2026-06-04')];
    const next = afterSubmission(withReport, 'catatan-pengawasan', '2026-05-04', 'planning');
    expect(find(next, 'supervision-report')).toBeUndefined();
    expect(kinds(next)).toEqual(['file-check', 'litmas']);
  });

  it('any other form leaves the deadlines as they are, in a copy', () => {
    const next = afterSubmission(start, 'rujukan', '2026-05-04', 'monitoring');
    expect(next).toEqual(start);
    expect(next).not.toBe(start);
  });

  it('does not change the list it was given', () => {
    const before = structuredClone(start);
    afterSubmission(start, 'litmas-anak', '2026-01-15', 'assessment');
    afterSubmission(start, 'rencana-layanan', '2026-01-15', 'planning');
    expect(start).toEqual(before);
  });
});

describe('after a stage change', () => {
  const start = [deadline('file-check', '2026-07-13'), deadline('plan-review', '2026-08-10')];

  it('moving into monitoring adds a supervision report a month on', () => {
    const next = afterTransition(start, 'monitoring', '2026-03-31');
    expect(find(next, 'supervision-report')).toEqual({
      kind: 'supervision-report',
      from: '2026-03-31',
      due: '2026-04-30',
    });
    expect(kinds(next)).toEqual(['file-check', 'plan-review', 'supervision-report']);
  });

  it('moving between monitoring and accompaniment keeps the running supervision report', () => {
    const running = [...start, deadline('supervision-report', '2026-04-30', '2026-03-31')];
    expect(afterTransition(running, 'accompaniment', '2026-04-10')).toEqual(running);
  });

  it('moving back to planning clears the supervision report', () => {
    const running = [...start, deadline('supervision-report', '2026-04-30', '2026-03-31')];
    expect(afterTransition(running, 'planning', '2026-04-10')).toEqual(start);
  });

  it('moving to terminated clears every deadline', () => {
    const running = [
      ...start,
      deadline('supervision-report', '2026-04-30'),
      deadline('transfer', '2026-04-07'),
    ];
    expect(afterTransition(running, 'terminated', '2026-04-10')).toEqual([]);
  });
});

describe('transfers', () => {
  it('a transfer request adds a deadline 10 working days on', () => {
    // Tue 13 Jan: 14, 15, (16 Isra Mi'raj, 17–18), 19, 20, 21, 22, 23, (24–25), 26, 27, 28 → Wed 28 Jan.
    const next = afterTransferRequest([deadline('file-check', '2026-07-13')], '2026-01-13', calendar);
    expect(find(next, 'transfer')).toEqual({ kind: 'transfer', from: '2026-01-13', due: '2026-01-28' });
    expect(kinds(next)).toEqual(['file-check', 'transfer']);
  });

  it('a new request replaces the pending one', () => {
    const once = afterTransferRequest([], '2026-01-13', calendar);
    expect(
      afterTransferRequest(once, '2026-01-14', calendar).filter((d) => d.kind === 'transfer'),
    ).toHaveLength(1);
  });

  it('acceptance removes the transfer deadline and nothing else', () => {
    const pending = [deadline('file-check', '2026-07-13'), deadline('transfer', '2026-01-28')];
    expect(afterTransferAccepted(pending)).toEqual([deadline('file-check', '2026-07-13')]);
  });
});

describe('what is due', () => {
  const deadlines = [
    deadline('file-check', '2026-07-13'),
    deadline('litmas', '2026-01-19'),
    deadline('transfer', '2026-01-28'),
  ];

  it('nextDue is the earliest due date', () => {
    expect(nextDue(deadlines)).toBe('2026-01-19');
  });

  it('nextDue is undefined when nothing is due', () => {
    expect(nextDue([])).toBeUndefined();
  });

  it('withOverdue marks only what is past due and sorts by due date', () => {
    const view = withOverdue(deadlines, '2026-01-28');
    expect(view.map((d) => [d.kind, d.due, d.overdue])).toEqual([
      ['litmas', '2026-01-19', true],
      ['transfer', '2026-01-28', false], // due today is not overdue
      ['file-check', '2026-07-13', false],
    ]);
  });

  it('withOverdue marks a deadline overdue the day after it is due', () => {
    expect(withOverdue([deadline('transfer', '2026-01-28')], '2026-01-29')[0]?.overdue).toBe(true);
  });

  it('withOverdue leaves its input alone', () => {
    const before = structuredClone(deadlines);
    withOverdue(deadlines, '2026-12-31');
    expect(deadlines).toEqual(before);
  });
});
