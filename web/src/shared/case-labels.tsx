/**
 * How the words of a case read in the UI: stages, priority levels (as a badge that always carries its
 * text, never colour alone), deadline kinds, case types and the like. The value lists come from the
 * server's own modules (`functions/domain/`) or are checked against their types, so a value the
 * server adds fails type checking here until it has a label in both languages.
 */
import { PRIORITY_LEVELS, type PriorityLevel } from '../../../functions/domain/case-decisions';
import type { DeadlineKind, DeadlineView } from '../../../functions/domain/deadlines';
import { STAGES, type Stage } from '../../../functions/domain/lifecycle';
import type { MessageKey } from './i18n/dictionary';
import { formatDate, useI18n } from './i18n/language';

export const STAGE_LABELS: Readonly<Record<Stage, MessageKey>> = {
  intake: 'stage.intake',
  assessment: 'stage.assessment',
  planning: 'stage.planning',
  intervention: 'stage.intervention',
  monitoring: 'stage.monitoring',
  accompaniment: 'stage.accompaniment',
  terminated: 'stage.terminated',
};

export const PRIORITY_LABELS: Readonly<Record<PriorityLevel, MessageKey>> = {
  segera: 'priority.segera',
  tinggi: 'priority.tinggi',
  sedang: 'priority.sedang',
  rendah: 'priority.rendah',
};

export const DEADLINE_LABELS: Readonly<Record<DeadlineKind, MessageKey>> = {
  litmas: 'deadline.litmas',
  'plan-review': 'deadline.plan-review',
  'file-check': 'deadline.file-check',
  'supervision-report': 'deadline.supervision-report',
  transfer: 'deadline.transfer',
};

/** The case types a case is opened with (the rulesets' `caseTypes` name the same ones). */
export const CASE_TYPES = [
  'diversi',
  'integrasi',
  'pemindahan',
  'pembimbingan',
  'perlindungan-anak',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CASE_TYPE_LABELS: Readonly<Record<CaseType, MessageKey>> = {
  diversi: 'caseType.diversi',
  integrasi: 'caseType.integrasi',
  pemindahan: 'caseType.pemindahan',
  pembimbingan: 'caseType.pembimbingan',
  'perlindungan-anak': 'caseType.perlindungan-anak',
};

export const SEXES = ['laki-laki', 'perempuan'] as const;
export const SEX_LABELS: Readonly<Record<(typeof SEXES)[number], MessageKey>> = {
  'laki-laki': 'sex.laki-laki',
  perempuan: 'sex.perempuan',
};

function has<K extends string>(labels: Readonly<Record<K, MessageKey>>, value: string): value is K {
  return Object.hasOwn(labels, value);
}

/** The label of a value from one of the tables above; the value itself when the table does not know it. */
export function useLabel() {
  const { t } = useI18n();
  return <K extends string>(labels: Readonly<Record<K, MessageKey>>, value: string): string =>
    has(labels, value) ? t(labels[value]) : value;
}

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

export function isPriorityLevel(value: unknown): value is PriorityLevel {
  return typeof value === 'string' && (PRIORITY_LEVELS as readonly string[]).includes(value);
}

/** The priority level as a coloured badge that says its level in words. */
export function PriorityBadge({ level }: { level: string }) {
  const { t } = useI18n();
  const known = isPriorityLevel(level);
  return (
    <span className={`badge priority priority-${known ? level : 'unknown'}`}>
      <span className="sr-only">{t('priority.label')}: </span>
      {known ? t(PRIORITY_LABELS[level]) : level}
    </span>
  );
}

/** "Terlambat" as a badge with its text, for a deadline or a case that is past due. */
export function OverdueBadge() {
  const { t } = useI18n();
  return <span className="badge badge-overdue">{t('deadline.overdue')}</span>;
}

/** A deadline as "Litmas · 27 Nov 2026", marked Terlambat when past due. */
export function DeadlineText({ deadline }: { deadline: DeadlineView }) {
  const { lang } = useI18n();
  const label = useLabel();
  return (
    <span className={deadline.overdue ? 'deadline deadline-overdue' : 'deadline'}>
      {deadline.overdue ? (
        <>
          <OverdueBadge />{' '}
        </>
      ) : null}
      <span className="deadline-kind">{label(DEADLINE_LABELS, deadline.kind)}</span>
      {' · '}
      <time dateTime={deadline.due}>{formatDate(deadline.due, lang)}</time>
    </span>
  );
}
