/**
 * A case type said in words, for the people who configure it: how long a deadline runs and from
 * when ("7 hari kerja sejak kasus dibuka"), what meets it, when rulesets run, which rulesets a
 * selection picks, and what belongs to one stage. Pure: names come from `Names`, texts from `t`.
 */
import {
  type CaseTypeContent,
  CLOSED_STAGE,
  type DeadlineLength,
  type DeadlineSpec,
  type RulesetSelection,
  type TriggerSpec,
} from '../../../../../functions/domain/case-type';
import type { RulesetDocument } from './api';
import type { ProcessKey, ProcessT } from './texts';

/** Titles for the ids a case type names (each falls back to something readable, never a crash). */
export interface Names {
  stage(id: string): string;
  form(id: string): string;
  ruleset(id: string): string;
  reason(id: string): string;
  /** A field of a form by its JSON Pointer, as titles ("Identitas › Tanggal lahir"). */
  field(form: string, pointer: string): string;
}

/** "Identifikasi, Asesmen dan Perencanaan". */
export function listWords(items: readonly string[], t: ProcessT): string {
  if (items.length <= 1) return items[0] ?? '';
  return t('words.list', { items: items.slice(0, -1).join(', '), last: items.at(-1) ?? '' });
}

const LENGTH_UNITS = ['workingDays', 'calendarDays', 'hours', 'months'] as const;
export type LengthUnit = (typeof LENGTH_UNITS)[number];
export { LENGTH_UNITS };

/** The unit and amount of a deadline length (exactly one is set). */
export function lengthParts(length: DeadlineLength): { unit: LengthUnit; amount: number } {
  for (const unit of LENGTH_UNITS) {
    const amount = (length as Partial<Record<LengthUnit, number>>)[unit];
    if (typeof amount === 'number') return { unit, amount };
  }
  return { unit: 'workingDays', amount: 0 };
}

/** "7 hari kerja", "72 jam", "6 bulan". */
export function lengthWords(length: DeadlineLength, t: ProcessT): string {
  const { unit, amount } = lengthParts(length);
  return t(`length.${unit}.${amount === 1 ? 'one' : 'other'}` as ProcessKey, { n: amount });
}

/** What a deadline counts from, to follow "sejak" ("kasus dibuka", "Rencana Layanan dikirim"). */
export function startWords(
  deadline: DeadlineSpec,
  content: CaseTypeContent,
  names: Names,
  t: ProcessT,
): string {
  const { start } = deadline;
  const forms = (start.forms ?? []).map(names.form);
  if (start.field) {
    const form = start.forms?.[0];
    return t('start.field', {
      field: form ? names.field(form, start.field) : start.field,
      forms: forms.length > 0 ? listWords(forms, t) : t('start.anyForm'),
    });
  }
  switch (start.on) {
    case 'created':
      return t('start.created');
    case 'submission':
      return forms.length > 0
        ? t('start.submission', { forms: listWords(forms, t) })
        : t('start.anySubmission');
    case 'move':
      return start.stages?.length
        ? t('start.moveTo', { stages: listWords(start.stages.map(names.stage), t) })
        : t('start.move');
    case 'termination':
      return start.reasons?.length
        ? t('start.terminationFor', { reasons: listWords(start.reasons.map(names.reason), t) })
        : t('start.termination');
    case 'transfer':
      return t('start.transfer');
    case 'daily':
      return t('start.daily');
    case 'updated':
      return t('start.updated');
    case 'flag': {
      const flags = (content.effects ?? [])
        .filter((effect) => effect.as === 'flag' && effect.deadline === deadline.id)
        .map((effect) => effect.title ?? effect.event);
      return flags.length > 0 ? t('start.flagNamed', { flags: listWords(flags, t) }) : t('start.flag');
    }
    default:
      return start.on;
  }
}

export interface DeadlineWords {
  /** "7 hari kerja sejak kasus dibuka". */
  when: string;
  /** "Dipenuhi oleh: Litmas ... dikirim". */
  metBy?: string;
  repeats: boolean;
  /** "Hanya selama tahap Pengawasan dan Pendampingan". */
  onlyIn?: string;
  /** Rulesets may set how long it runs for a case (a deadline effect). */
  setByRules: boolean;
}

export function deadlineWords(
  deadline: DeadlineSpec,
  content: CaseTypeContent,
  names: Names,
  t: ProcessT,
): DeadlineWords {
  const { amount } = lengthParts(deadline.length);
  const from = startWords(deadline, content, names, t);
  const when =
    amount === 0
      ? t('deadline.sameDay', { start: from })
      : t('deadline.when', { length: lengthWords(deadline.length, t), start: from });
  const met: string[] = [];
  if (deadline.metBy?.forms?.length)
    met.push(t('metBy.forms', { forms: listWords(deadline.metBy.forms.map(names.form), t) }));
  if (deadline.metBy?.stages?.length)
    met.push(t('metBy.stages', { stages: listWords(deadline.metBy.stages.map(names.stage), t) }));
  if (deadline.metBy?.transferAccepted) met.push(t('metBy.transfer'));
  return {
    when,
    ...(met.length > 0 ? { metBy: t('metBy', { what: listWords(met, t) }) } : {}),
    repeats: deadline.repeats === true,
    ...(deadline.stages?.length
      ? { onlyIn: t('deadline.onlyIn', { stages: listWords(deadline.stages.map(names.stage), t) }) }
      : {}),
    setByRules: (content.effects ?? []).some(
      (effect) => effect.as === 'deadline' && effect.deadline === deadline.id,
    ),
  };
}

/**
 * The rulesets a selection picks for a case of `caseType`, as the server picks them: per kind, those
 * naming the case type in `caseTypes`, else those naming none; then those named by id.
 */
export function selectRulesets(
  selection: RulesetSelection,
  caseType: string,
  rulesets: ReadonlyMap<string, RulesetDocument>,
): string[] {
  const chosen: string[] = [];
  for (const kind of selection.kinds ?? []) {
    const ofKind = [...rulesets.values()].filter((ruleset) => ruleset.kind === kind);
    const specific = ofKind.filter((ruleset) => ruleset.caseTypes?.includes(caseType));
    const picked = specific.length > 0 ? specific : ofKind.filter((ruleset) => !ruleset.caseTypes?.length);
    for (const ruleset of picked) if (!chosen.includes(ruleset.id)) chosen.push(ruleset.id);
  }
  for (const id of selection.ids ?? []) if (rulesets.has(id) && !chosen.includes(id)) chosen.push(id);
  return chosen;
}

/** When rulesets run, grouped by the moment, with the rulesets by title: one line per moment. */
export function triggerLines(
  content: CaseTypeContent,
  caseType: string,
  rulesets: ReadonlyMap<string, RulesetDocument>,
  names: Names,
  t: ProcessT,
): { when: string; rulesets: string[] }[] {
  const byMoment = new Map<string, { when: string; rulesets: string[] }>();
  for (const trigger of content.triggers ?? []) {
    const when = triggerMoment(trigger, names, t);
    const line = byMoment.get(when) ?? { when, rulesets: [] };
    const picked = selectRulesets(trigger.rulesets, caseType, rulesets).map(names.ruleset);
    if (picked.length === 0) picked.push(t('trigger.noneSelected'));
    for (const title of picked) if (!line.rulesets.includes(title)) line.rulesets.push(title);
    byMoment.set(when, line);
  }
  return [...byMoment.values()];
}

function triggerMoment(trigger: TriggerSpec, names: Names, t: ProcessT): string {
  if (trigger.on === 'submission' && trigger.forms?.length)
    return t('trigger.submissionOf', { forms: listWords(trigger.forms.map(names.form), t) });
  return t(`trigger.${trigger.on}` as ProcessKey);
}

export interface StageDetails {
  /** Form ids offered in the stage, in declared order. */
  forms: string[];
  /** Deadlines that start when a case enters the stage, or are kept only while it is there. */
  deadlines: DeadlineSpec[];
  /** Stages a case may move to from here (not counting `*` moves, which every open stage has). */
  movesTo: { to: string; approval: boolean; roles?: readonly string[] }[];
}

/** What belongs to one stage: the forms offered there, its deadlines, and where a case may go next. */
export function stageDetails(content: CaseTypeContent, stage: string): StageDetails {
  const open = stage !== CLOSED_STAGE;
  const forms = open
    ? (content.forms ?? [])
        .filter((entry) => entry.stages === undefined || entry.stages.includes(stage))
        .map((entry) => entry.form)
    : [];
  const first = content.stages[0]?.id === stage;
  const deadlines = (content.deadlines ?? []).filter(
    (deadline) =>
      deadline.stages?.includes(stage) ||
      (deadline.start.on === 'move' && deadline.start.stages?.includes(stage)) ||
      (first && deadline.start.on === 'created') ||
      (!open && deadline.start.on === 'termination'),
  );
  const movesTo = (content.moves ?? [])
    .filter((move) => move.from === stage || (open && move.from === '*' && move.to !== stage))
    .map((move) => ({
      to: move.to,
      approval: move.approval === true,
      ...(move.roles ? { roles: move.roles } : {}),
    }));
  return { forms, deadlines, movesTo };
}

/** The case type's own titles for its stages and reasons, falling back to readable words for others. */
export function namesFor(
  content: CaseTypeContent,
  forms: ReadonlyMap<string, { title: string }>,
  rulesets: ReadonlyMap<string, { title: string }>,
  field: (form: string, pointer: string) => string,
): Names {
  const stages = new Map((content.stages ?? []).map((stage) => [stage.id, stage.title]));
  const reasons = new Map((content.termination?.reasons ?? []).map((reason) => [reason.id, reason.title]));
  return {
    stage: (id) => stages.get(id) ?? id,
    form: (id) => forms.get(id)?.title ?? id,
    ruleset: (id) => rulesets.get(id)?.title ?? id,
    reason: (id) => reasons.get(id) ?? id,
    field,
  };
}
