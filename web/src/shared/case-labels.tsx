/**
 * How the words of a case read in the UI: stages, priority levels (as a badge that always carries its
 * text, never colour alone), deadlines, case types and the like. Stages, deadlines and case types are
 * content with titles of their own (a case carries its process, the caseload fetches the case types);
 * the labels here are for the default pack's ids, used only where no title has arrived. Priority
 * levels come from the server's own module, so a level it adds fails type checking here until it has
 * a label in both languages.
 */
import { PRIORITY_LEVELS, type PriorityLevel } from '../../../functions/domain/case-decisions';
import type { DeadlineView } from '../../../functions/domain/deadlines';
import { type CaseProcess, stageTitleIn } from './case-view';
import type { Lang, MessageKey } from './i18n/dictionary';
import { formatDate, useI18n } from './i18n/language';

/** The default pack's stages, in their order: the caseload lists these first. */
export const DEFAULT_STAGES = [
  'intake',
  'assessment',
  'planning',
  'intervention',
  'monitoring',
  'accompaniment',
  'terminated',
] as const;

export const STAGE_LABELS: Readonly<Record<(typeof DEFAULT_STAGES)[number], MessageKey>> = {
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

export const DEADLINE_LABELS: Readonly<Record<string, MessageKey>> = {
  litmas: 'deadline.litmas',
  'plan-review': 'deadline.plan-review',
  'file-check': 'deadline.file-check',
  'supervision-report': 'deadline.supervision-report',
  transfer: 'deadline.transfer',
};

/** The default pack's case types, for a title not (yet) fetched from `GET /api/case-types`. */
export const CASE_TYPE_LABELS: Readonly<Record<string, MessageKey>> = {
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

const CONTENT_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Whether `value` can be a stage id (stages are content: any id the case types declare). */
export function isStageId(value: unknown): value is string {
  return typeof value === 'string' && CONTENT_ID.test(value);
}

/**
 * The name of a stage: the title its case type gives it (from a case's process), else the default
 * label, else the id.
 */
export function useStageName() {
  const label = useLabel();
  return (stage: string, process?: Pick<CaseProcess, 'stages'>): string =>
    stageTitleIn(process, stage) ?? label(STAGE_LABELS, stage);
}

/**
 * The name of a case type: its title from the API, else the default label, else "another case type"
 * (an id is not a name to show a person).
 */
export function useCaseTypeName() {
  const { t } = useI18n();
  return (caseType: string, titles?: ReadonlyMap<string, string>): string => {
    const title = titles?.get(caseType);
    if (title) return title;
    const known = Object.hasOwn(CASE_TYPE_LABELS, caseType) ? CASE_TYPE_LABELS[caseType] : undefined;
    return known ? t(known) : t('caseType.other');
  };
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

/** A due date, or a due date and office time (`YYYY-MM-DDTHH:mm`) for a deadline counted in hours. */
function dueText(due: string, lang: Lang): string {
  const time = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(due);
  return time?.[1] && time[2] ? `${formatDate(time[1], lang)} ${time[2]}` : formatDate(due, lang);
}

/** A deadline as "Litmas · 27 Nov 2026" (its case type's title for it), marked Terlambat when past due. */
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
      <span className="deadline-kind">{deadline.title ?? label(DEADLINE_LABELS, deadline.kind)}</span>
      {' · '}
      <time dateTime={deadline.due}>{dueText(deadline.due, lang)}</time>
    </span>
  );
}
