/**
 * The fixed values of a case file the case page offers (contact types, referral statuses, service
 * types, termination reasons and the data each needs, audit actions) with their labels. The server
 * modules that declare them also reach the store, so they cannot be bundled: the lists are repeated
 * here and typed against the server's own (`import type` of the constants), so a value added there
 * fails type checking here until it has a label in both languages.
 */
import type { CONTACT_TYPES, REFERRAL_STATUSES } from '../../../../functions/cases/notes';
import type { SERVICE_TYPES } from '../../../../functions/cases/services';
import type { MessageKey } from '../../shared/i18n/dictionary';

export type ContactType = (typeof CONTACT_TYPES)[number];
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const CONTACT_TYPE_LABELS: Readonly<Record<ContactType, MessageKey>> = {
  'kunjungan-rumah': 'contact.kunjungan-rumah',
  kantor: 'contact.kantor',
  telepon: 'contact.telepon',
  daring: 'contact.daring',
  lainnya: 'contact.lainnya',
};

export const REFERRAL_STATUS_LABELS: Readonly<Record<ReferralStatus, MessageKey>> = {
  proposed: 'referralStatus.proposed',
  accepted: 'referralStatus.accepted',
  rejected: 'referralStatus.rejected',
  completed: 'referralStatus.completed',
  cancelled: 'referralStatus.cancelled',
};

/** The moves a referral may make (as `functions/cases/notes.ts` allows them). */
export const REFERRAL_MOVES: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  proposed: ['accepted', 'rejected', 'cancelled'],
  accepted: ['completed', 'cancelled'],
  rejected: [],
  completed: [],
  cancelled: [],
};

export const SERVICE_TYPE_LABELS: Readonly<Record<ServiceType, MessageKey>> = {
  medis: 'serviceType.medis',
  'kesehatan-jiwa': 'serviceType.kesehatan-jiwa',
  'rehabilitasi-napza': 'serviceType.rehabilitasi-napza',
  'perkawinan-keluarga': 'serviceType.perkawinan-keluarga',
  'konseling-individu': 'serviceType.konseling-individu',
  remaja: 'serviceType.remaja',
  anak: 'serviceType.anak',
  lansia: 'serviceType.lansia',
  kdrt: 'serviceType.kdrt',
  disabilitas: 'serviceType.disabilitas',
  pendidikan: 'serviceType.pendidikan',
  pekerjaan: 'serviceType.pekerjaan',
  hukum: 'serviceType.hukum',
  lainnya: 'serviceType.lainnya',
};

/** A piece of data a termination reason needs, by the fact name the termination rules declare. */
export interface TerminationField {
  name: string;
  kind: 'date' | 'text' | 'yes';
  label: MessageKey;
}

export interface TerminationReason {
  value: string;
  label: MessageKey;
  fields: readonly TerminationField[];
}

const NOMOR_SK: TerminationField = { name: 'nomorSK', kind: 'text', label: 'termination.nomorSK' };

/** The reasons the `terminasi` ruleset knows (rules/terminasi.json) and the data each one needs. */
const PROBATION_REASONS: readonly TerminationReason[] = [
  {
    value: 'meninggal',
    label: 'termination.meninggal',
    fields: [{ name: 'tanggalMeninggal', kind: 'date', label: 'termination.tanggalMeninggal' }],
  },
  { value: 'permintaan-klien', label: 'termination.permintaan-klien', fields: [] },
  {
    value: 'pindah',
    label: 'termination.pindah',
    fields: [{ name: 'tujuanBapas', kind: 'text', label: 'termination.tujuanBapas' }],
  },
  { value: 'masa-bimbingan-berakhir', label: 'termination.masa-bimbingan-berakhir', fields: [NOMOR_SK] },
  { value: 'pencabutan', label: 'termination.pencabutan', fields: [NOMOR_SK] },
];

/** The reasons of the child-protection pack (rules/penutupan-perlindungan-anak.json). */
const CHILD_PROTECTION_REASONS: readonly TerminationReason[] = [
  {
    value: 'anak-aman',
    label: 'termination.anak-aman',
    fields: [
      { name: 'rencanaKeselamatanTercapai', kind: 'yes', label: 'termination.rencanaKeselamatanTercapai' },
    ],
  },
  {
    value: 'dirujuk',
    label: 'termination.dirujuk',
    fields: [{ name: 'lembagaRujukan', kind: 'text', label: 'termination.lembagaRujukan' }],
  },
  {
    value: 'pindah-wilayah',
    label: 'termination.pindah-wilayah',
    fields: [{ name: 'tujuanWilayah', kind: 'text', label: 'termination.tujuanWilayah' }],
  },
  { value: 'anak-dewasa', label: 'termination.anak-dewasa', fields: [] },
];

export function terminationReasonsFor(caseType: string): readonly TerminationReason[] {
  return caseType === 'perlindungan-anak' ? CHILD_PROTECTION_REASONS : PROBATION_REASONS;
}

/** The label of the data a refusing rule says is missing (its event's `kurang`), if it is one of ours. */
export function missingFieldLabel(name: unknown): MessageKey | undefined {
  if (typeof name !== 'string') return undefined;
  const all = [...PROBATION_REASONS, ...CHILD_PROTECTION_REASONS].flatMap((reason) => reason.fields);
  return all.find((field) => field.name === name)?.label;
}

export const AUDIT_ACTION_LABELS: Readonly<Record<string, MessageKey>> = {
  'case.created': 'audit.case.created',
  'case.read': 'audit.case.read',
  'case.updated': 'audit.case.updated',
  'case.transitioned': 'audit.case.transitioned',
  'case.reopened': 'audit.case.reopened',
  'submission.created': 'audit.submission.created',
  'submission.listed': 'audit.submission.listed',
  'submission.read': 'audit.submission.read',
  'draft.saved': 'audit.draft.saved',
  'note.added': 'audit.note.added',
  'note.listed': 'audit.note.listed',
  'referral.created': 'audit.referral.created',
  'referral.listed': 'audit.referral.listed',
  'referral.updated': 'audit.referral.updated',
  'transfer.requested': 'audit.transfer.requested',
  'transfer.accepted': 'audit.transfer.accepted',
  'audit.read': 'audit.audit.read',
  'report.read': 'audit.report.read',
};
