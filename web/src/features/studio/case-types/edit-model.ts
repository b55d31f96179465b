/**
 * The common changes to a case type made without writing JSON: a stage's title, how long a deadline
 * runs, which forms are offered in which stage, and a new move. Each answers new content (the input is
 * not changed); everything else is edited in the JSON editor, and the server checks both on save.
 */
import { type CaseTypeContent, CLOSED_STAGE } from '../../../../../functions/domain/case-type';
import type { LengthUnit } from './process-words';

export function setStageTitle<T extends CaseTypeContent>(content: T, stage: string, title: string): T {
  return {
    ...content,
    stages: content.stages.map((spec) => (spec.id === stage ? { ...spec, title } : spec)),
  };
}

export function setDeadlineLength<T extends CaseTypeContent>(
  content: T,
  deadline: string,
  unit: LengthUnit,
  amount: number,
): T {
  return {
    ...content,
    deadlines: (content.deadlines ?? []).map((spec) =>
      spec.id === deadline ? { ...spec, length: { [unit]: amount } as typeof spec.length } : spec,
    ),
  };
}

const openStages = (content: CaseTypeContent) =>
  content.stages.map((stage) => stage.id).filter((id) => id !== CLOSED_STAGE);

/** Whether `form` is offered in `stage` (an entry without stages is offered in every open stage). */
export function offeredIn(content: CaseTypeContent, form: string, stage: string): boolean {
  if (stage === CLOSED_STAGE) return false;
  const entry = (content.forms ?? []).find((candidate) => candidate.form === form);
  return entry !== undefined && (entry.stages === undefined || entry.stages.includes(stage));
}

/**
 * Offers `form` in `stage`, or stops offering it there. An entry offered everywhere becomes a list of
 * the other open stages; an entry left with no stage is removed.
 */
export function setFormOffered<T extends CaseTypeContent>(
  content: T,
  form: string,
  stage: string,
  offered: boolean,
): T {
  const forms = [...(content.forms ?? [])];
  const index = forms.findIndex((entry) => entry.form === form);
  const entry = forms[index];
  if (!entry) {
    if (!offered) return content;
    return { ...content, forms: [...forms, { form, stages: [stage] }] };
  }
  const current = entry.stages ?? openStages(content);
  const order = content.stages.map((spec) => spec.id);
  const stages = (offered ? [...new Set([...current, stage])] : current.filter((id) => id !== stage)).sort(
    (a, b) => order.indexOf(a) - order.indexOf(b),
  );
  if (stages.length === 0) forms.splice(index, 1);
  else forms[index] = { ...entry, stages };
  return { ...content, forms };
}

export interface NewMove {
  from: string;
  to: string;
  approval: boolean;
  supervisorOnly: boolean;
}

/** Adds a move; an existing move between the same stages is replaced (a pair has one move). */
export function addMove<T extends CaseTypeContent>(content: T, move: NewMove): T {
  const moves = content.moves.filter((existing) => !(existing.from === move.from && existing.to === move.to));
  return {
    ...content,
    moves: [
      ...moves,
      {
        from: move.from,
        to: move.to,
        ...(move.supervisorOnly ? { roles: ['supervisor' as const] } : {}),
        ...(move.approval ? { approval: true } : {}),
      },
    ],
  };
}

/** Whether the content already has a move between the two stages. */
export const hasMove = (content: CaseTypeContent, from: string, to: string) =>
  content.moves.some((move) => move.from === from && move.to === to);
