/**
 * The fixed values of a case file the case page offers (contact types, referral statuses, service
 * types, audit actions) with their labels. The server modules that declare them also reach the store,
 * so they cannot be bundled: the lists are repeated here and typed against the server's own (`import
 * type` of the constants), so a value added there fails type checking here until it has a label in
 * both languages. Stages, deadlines and termination reasons are not here: they are the case type's
 * content and come with the case (`process`).
 */
import type { REFERRAL_STATUSES } from '../../../../functions/cases/notes';
import type { CONTACT_TYPES, SERVICE_TYPES } from '../../../../functions/domain/vocabulary';
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
  'transfer.rejected': 'audit.transfer.rejected',
  'transfer.cancelled': 'audit.transfer.cancelled',
  'stage.mapped': 'audit.stage.mapped',
  'case.migrated': 'audit.case.migrated',
  'audit.read': 'audit.audit.read',
  'report.read': 'audit.report.read',
  'approval.requested': 'audit.approval.requested',
  'approval.approved': 'audit.approval.approved',
  'approval.returned': 'audit.approval.returned',
  'rules.decided': 'audit.rules.decided',
  'rules.evaluated': 'audit.rules.evaluated',
};
