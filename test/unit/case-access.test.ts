import { describe, expect, it } from 'vitest';
import {
  type CaseHead,
  canRead,
  canWrite,
  caseFact,
  caseView,
  isSupervisorOfCase,
  seesSensitive,
} from '../../functions/domain/case-file';
import type { User } from '../../functions/platform/claims';

const OFFICE = 'bapas-bandung';
const OTHER_OFFICE = 'bapas-garut';

function caseHead(overrides: Partial<CaseHead> = {}): CaseHead {
  return {
    id: '01JCASE',
    version: 3,
    client: { name: 'Budi Santoso', birthDate: '2009-05-04', sex: 'laki-laki' },
    caseType: 'diversi',
    office: OFFICE,
    assignee: 'pk-ani',
    stage: 'assessment',
    timeZone: 'Asia/Jakarta',
    priority: { level: 'tinggi', score: 75, reasons: ['Klien anak'] },
    eligibility: { diversi: { eligible: true, reasons: ['Usia 12–18'] } },
    deadlines: [
      { kind: 'file-check', from: '2026-01-13', due: '2026-07-13' },
      { kind: 'litmas', from: '2026-01-13', due: '2026-01-19' },
    ],
    transfer: null,
    transfers: [],
    forms: {},
    createdAt: '2026-01-13T02:00:00.000Z',
    createdBy: 'pk-ani',
    updatedAt: '2026-01-13T02:00:00.000Z',
    updatedBy: 'pk-ani',
    ...overrides,
  };
}

const user = (id: string, roles: User['roles'], office: string | null): User => ({
  id,
  name: id,
  roles,
  office,
});

const assignedWorker = user('pk-ani', ['worker'], OFFICE);
const otherWorker = user('pk-budi', ['worker'], OFFICE);
const supervisor = user('kasie-citra', ['supervisor'], OFFICE);
const otherSupervisor = user('kasie-dedi', ['supervisor'], OTHER_OFFICE);
const admin = user('admin-eka', ['admin'], OFFICE);

const pendingTransfer = caseHead({
  transfer: {
    toOffice: OTHER_OFFICE,
    reason: 'Klien pindah domisili',
    requestedAt: '2026-03-16T03:00:00.000Z',
    requestedBy: 'kasie-citra',
    due: '2026-04-07',
  },
});

describe('case access', () => {
  const head = caseHead();

  it.each([
    ['the assigned worker', assignedWorker, true, true],
    ['another worker of the same office', otherWorker, false, false],
    ["the office's supervisor", supervisor, true, true],
    ["another office's supervisor", otherSupervisor, false, false],
    ['an admin without a case role', admin, false, false],
  ])('%s: read %s, write %s', (_who, who, read, write) => {
    expect(canRead(who, head)).toBe(read);
    expect(canWrite(who, head)).toBe(write);
    expect(seesSensitive(who, head)).toBe(write);
  });

  it('the assignment needs the worker role, not just the id', () => {
    const sameIdNoRole = user('pk-ani', [], OFFICE);
    expect(canRead(sameIdNoRole, head)).toBe(false);
    expect(canWrite(sameIdNoRole, head)).toBe(false);
  });

  it('an unassigned case is open only to the office supervisors', () => {
    const unassigned = caseHead({ assignee: null });
    expect(canRead(assignedWorker, unassigned)).toBe(false);
    expect(canRead(supervisor, unassigned)).toBe(true);
    expect(canWrite(supervisor, unassigned)).toBe(true);
  });

  it('a supervisor without an office sees nothing', () => {
    const noOffice = user('kasie-fajar', ['supervisor'], null);
    expect(canRead(noOffice, head)).toBe(false);
    expect(canRead(noOffice, pendingTransfer)).toBe(false);
    expect(canWrite(noOffice, head)).toBe(false);
  });

  it("the receiving office's supervisor reads while a transfer is pending, but neither writes nor sees sensitive fields", () => {
    expect(canRead(otherSupervisor, pendingTransfer)).toBe(true);
    expect(canWrite(otherSupervisor, pendingTransfer)).toBe(false);
    expect(seesSensitive(otherSupervisor, pendingTransfer)).toBe(false);
    expect(isSupervisorOfCase(otherSupervisor, pendingTransfer)).toBe(false);
  });

  it('a pending transfer changes nothing for the sending office', () => {
    expect(canRead(assignedWorker, pendingTransfer)).toBe(true);
    expect(canWrite(assignedWorker, pendingTransfer)).toBe(true);
    expect(canWrite(supervisor, pendingTransfer)).toBe(true);
    expect(isSupervisorOfCase(supervisor, pendingTransfer)).toBe(true);
  });

  it('a pending transfer opens nothing to a worker of the receiving office', () => {
    const receivingWorker = user('pk-gita', ['worker'], OTHER_OFFICE);
    expect(canRead(receivingWorker, pendingTransfer)).toBe(false);
  });

  it("a transfer to a third office does not open the case to another office's supervisor", () => {
    const elsewhere = caseHead({
      transfer: {
        toOffice: 'bapas-bogor',
        reason: 'Klien pindah domisili',
        requestedAt: '2026-03-16T03:00:00.000Z',
        requestedBy: 'kasie-citra',
        due: '2026-04-07',
      },
    });
    expect(canRead(otherSupervisor, elsewhere)).toBe(false);
  });
});

describe('caseView', () => {
  it('marks each deadline overdue or not, sorts them, and flags the case overdue', () => {
    const view = caseView(caseHead(), '2026-01-20');
    expect(view.deadlines).toEqual([
      { kind: 'litmas', from: '2026-01-13', due: '2026-01-19', overdue: true },
      { kind: 'file-check', from: '2026-01-13', due: '2026-07-13', overdue: false },
    ]);
    expect(view.overdue).toBe(true);
    expect(view.id).toBe('01JCASE');
    expect(view.client.name).toBe('Budi Santoso');
  });

  it('is not overdue on the due day itself', () => {
    const view = caseView(caseHead(), '2026-01-19');
    expect(view.deadlines.map((d) => d.overdue)).toEqual([false, false]);
    expect(view.overdue).toBe(false);
  });

  it('is not overdue without deadlines', () => {
    expect(caseView(caseHead({ deadlines: [] }), '2030-01-01')).toMatchObject({
      deadlines: [],
      overdue: false,
    });
  });

  it('leaves the head alone', () => {
    const head = caseHead();
    const before = structuredClone(head);
    caseView(head, '2026-12-31');
    expect(head).toEqual(before);
  });
});

describe('caseFact', () => {
  it('gives the rules the client, stage, office and type, but not the assignee or decisions', () => {
    const fact = caseFact(caseHead());
    expect(fact).toEqual({
      id: '01JCASE',
      stage: 'assessment',
      caseType: 'diversi',
      office: OFFICE,
      timeZone: 'Asia/Jakarta',
      client: { name: 'Budi Santoso', birthDate: '2009-05-04', sex: 'laki-laki' },
      counters: {},
      forms: {},
      createdAt: fact.createdAt,
    });
    for (const key of ['assignee', 'eligibility', 'priority', 'deadlines', 'transfer', 'createdBy'])
      expect(fact).not.toHaveProperty(key);
  });

  it('adds the offence and sentence when the case has them', () => {
    const offence = {
      date: '2025-11-02',
      category: 'pencurian',
      threatenedSentenceMonths: 60,
      repeat: false,
    };
    const sentence = { months: 24, startDate: '2025-12-01' };
    const fact = caseFact(caseHead({ offence, sentence }));
    expect(fact.offence).toEqual(offence);
    expect(fact.sentence).toEqual(sentence);
    expect(fact).not.toHaveProperty('assignee');
    expect(fact).not.toHaveProperty('eligibility');
  });

  it('has no offence or sentence key when the case has none', () => {
    const fact = caseFact(caseHead());
    expect(fact).not.toHaveProperty('offence');
    expect(fact).not.toHaveProperty('sentence');
  });
});
