/**
 * A place in a case type document in words ("Tenggat «Litmas» › length › workingDays"), for the
 * differences between versions and the server's problems (422 details are JSON Pointers).
 */
import type { PathSegment } from '../json-diff';
import type { CaseTypeDocument } from './api';
import type { ProcessT } from './texts';

const SECTIONS = [
  'stages',
  'moves',
  'forms',
  'deadlines',
  'termination',
  'counters',
  'facts',
  'triggers',
  'effects',
  'tests',
  'stageMap',
];

const quote = (text: string) => `«${text}»`;

export function describeCaseTypePath(
  document: Partial<CaseTypeDocument> | undefined,
  path: readonly PathSegment[],
  t: ProcessT,
  formTitle: (id: string) => string = (id) => id,
): string {
  const [head, index, ...rest] = path;
  const n = typeof index === 'number' ? index : Number(index);
  const word = (segment: PathSegment) =>
    segment === 'title'
      ? t('path.title')
      : segment === 'description'
        ? t('path.description')
        : String(segment);
  const tail = (from: readonly PathSegment[]) => (from.length > 0 ? ` › ${from.map(word).join(' › ')}` : '');
  const stageTitle = (id: string) => document?.stages?.find((stage) => stage.id === id)?.title ?? id;
  if (head === undefined) return t('path.document');
  if (head === 'title') return t('path.title');
  if (head === 'description') return t('path.description');
  if (index === undefined || Number.isNaN(n)) {
    if (head === 'stageMap' && index !== undefined)
      return t('path.stageMap', { stage: stageTitle(String(index)) });
    if (head === 'termination' && index === 'reasons' && rest.length > 0) {
      const [reasonIndex, ...more] = rest;
      const reason = document?.termination?.reasons?.[Number(reasonIndex)];
      return `${t('path.reason', { reason: quote(reason?.title ?? `#${Number(reasonIndex) + 1}`) })}${tail(more)}`;
    }
    const section = SECTIONS.includes(String(head))
      ? t(`path.section.${String(head)}` as 'path.section.stages')
      : String(head);
    return `${section}${tail(index === undefined ? [] : [index, ...rest])}`;
  }
  const ordinal = `#${n + 1}`;
  switch (head) {
    case 'stages':
      return `${t('path.stage', { stage: quote(document?.stages?.[n]?.title ?? ordinal) })}${tail(rest)}`;
    case 'moves': {
      const move = document?.moves?.[n];
      return `${
        move
          ? t('path.move', {
              from: move.from === '*' ? t('diagram.anyStage') : stageTitle(move.from),
              to: stageTitle(move.to),
            })
          : t('path.moveN', { n: n + 1 })
      }${tail(rest)}`;
    }
    case 'forms': {
      const entry = document?.forms?.[n];
      return `${t('path.form', { form: quote(entry ? formTitle(entry.form) : ordinal) })}${tail(rest)}`;
    }
    case 'deadlines':
      return `${t('path.deadline', { deadline: quote(document?.deadlines?.[n]?.title ?? ordinal) })}${tail(rest)}`;
    case 'facts':
      return `${t('path.fact', { fact: document?.facts?.[n]?.name ?? ordinal })}${tail(rest)}`;
    case 'counters':
      return `${t('path.counter', { counter: document?.counters?.[n]?.name ?? ordinal })}${tail(rest)}`;
    case 'triggers':
      return `${t('path.trigger', { n: n + 1 })}${tail(rest)}`;
    case 'effects':
      return `${t('path.effect', { event: document?.effects?.[n]?.event ?? ordinal })}${tail(rest)}`;
    case 'tests':
      return `${t('path.test', { test: quote(document?.tests?.[n]?.name ?? ordinal) })}${tail(rest)}`;
    default:
      return `${String(head)} › ${ordinal}${tail(rest)}`;
  }
}

/** A JSON Pointer's segments (`/stages/2/title` → ['stages', 2, 'title']). */
export function pointerSegments(pointer: string): PathSegment[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}
