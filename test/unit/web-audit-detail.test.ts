/**
 * An audit entry's details in words: stages, offices, people and forms by name, a referral's
 * statuses, the reason or note given; the ids of submissions, notes, referrals and rulesets never.
 */
import { describe, expect, it } from 'vitest';
import { type AuditWords, auditDetail } from '../../web/src/features/case/audit-detail';
import { translate } from '../../web/src/shared/i18n/dictionary';

const words: AuditWords = {
  t: (key, params) => translate('id', key, params),
  stage: (id) => ({ intake: 'Identifikasi', assessment: 'Asesmen', closed: 'Terminasi' })[id] ?? `?${id}`,
  office: (id) =>
    ({ 'bapas-1': 'Bapas Kota Contoh Satu', 'bapas-2': 'Bapas Kota Contoh Dua' })[id] ?? `?${id}`,
  person: (id) => ({ pk1: 'PK Satu' })[id] ?? `?${id}`,
  form: (id) => ({ 'asesmen-risiko': 'Asesmen Risiko Residivisme' })[id] ?? `?${id}`,
  reason: (id) => ({ 'selesai-masa': 'Masa bimbingan selesai' })[id] ?? `?${id}`,
  referralStatus: (status) => ({ proposed: 'diusulkan', accepted: 'diterima' })[status] ?? `?${status}`,
  date: (date) => (date === '2026-12-15' ? '15 Desember 2026' : `?${date}`),
};

describe('the details of an audit entry', () => {
  it('tell a move by the stages’ names, with its reason and note', () => {
    expect(
      auditDetail(
        'case.transitioned',
        { from: 'assessment', to: 'closed', reason: 'selesai-masa', note: 'Klien kooperatif.' },
        words,
      ),
    ).toBe('dari Asesmen ke Terminasi; alasan: Masa bimbingan selesai; catatan: «Klien kooperatif.»');
  });

  it('tell a submission by the form’s title and version, without the submission’s id', () => {
    const said = auditDetail(
      'submission.created',
      { submissionId: '01JXYZ', formId: 'asesmen-risiko', formVersion: 2 },
      words,
    );
    expect(said).toBe('formulir Asesmen Risiko Residivisme versi 2');
  });

  it('tell a transfer by the offices’ names, its deadline and the supervisor’s own words', () => {
    expect(
      auditDetail(
        'transfer.requested',
        { toOffice: 'bapas-2', reason: 'Pindah domisili', due: '2026-12-15' },
        words,
      ),
    ).toBe('ke Bapas Kota Contoh Dua; tenggat 15 Desember 2026; alasan: «Pindah domisili»');
    expect(auditDetail('transfer.accepted', { fromOffice: 'bapas-1', toOffice: 'bapas-2' }, words)).toBe(
      'dari Bapas Kota Contoh Satu; ke Bapas Kota Contoh Dua',
    );
  });

  it('tell a referral’s change by its statuses, and a new PK by name', () => {
    expect(
      auditDetail('referral.updated', { referralId: 'r1', from: 'proposed', to: 'accepted' }, words),
    ).toBe('status diusulkan menjadi diterima');
    expect(auditDetail('case.updated', { fields: ['assignee'], assignee: 'pk1' }, words)).toBe(
      'yang diubah: petugas; PK: PK Satu',
    );
  });

  it('leave out what only the system reads', () => {
    expect(auditDetail('rules.evaluated', { rulesetIds: ['prioritas'], version: 3 }, words)).toBe('');
    expect(auditDetail('note.added', { noteId: 'n1' }, words)).toBe('');
    expect(auditDetail('case.updated', { fields: ['offence'] }, words)).toBe('');
  });
});
