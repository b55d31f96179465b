/**
 * The stage vocabulary. Each case type declares its own stages and the moves between them (see
 * `case-type.ts`); these are the default stage ids the shipped case types use, in order, for the
 * dashboard and the caseload filters. Every case type closes into `terminated`.
 */
import { ID_PATTERN } from './case-type';

export const STAGES = [
  'intake',
  'assessment',
  'planning',
  'intervention',
  'monitoring',
  'accompaniment',
  'terminated',
] as const;
export type Stage = string;

const STAGE_ID = new RegExp(ID_PATTERN);

/** Whether `value` can be a stage id (a case type declares which ones exist). */
export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && STAGE_ID.test(value);
}
