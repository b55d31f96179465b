/**
 * The rulesets editor's API calls beyond the shared content routes (content-api.ts): the fact
 * catalogue, evaluating facts or an open case against the draft, the impact of the draft on open
 * cases, the open cases a ruleset decides, and the published forms and case types whose words the
 * editor shows.
 */
import type { ImpactRow } from '../../../../../functions/cases/impact';
import type { RulesetCase, StudioCaseEvaluation } from '../../../../../functions/cases/ruleset-cases';
import type { EvaluationResult, RulesetView } from '../../../../../functions/cases/rulesets';
import type { FactDefinition } from '../../../../../functions/domain/facts';
import { allPages, apiRequest } from '../../../shared/api-client';

export type { ExplainedCondition, ExplainedRule } from '../../../../../functions/decisions/engine';
export type {
  DeclaredFact,
  EventJson,
  RuleJson,
  RulesetTest,
} from '../../../../../functions/decisions/ruleset';
export type { EvaluationResult, RulesetCase, StudioCaseEvaluation };

/** A ruleset's editable content, as saved in its draft. */
export type RulesetContent = Pick<
  RulesetView,
  'title' | 'description' | 'kind' | 'caseTypes' | 'facts' | 'rules' | 'tests'
>;

/** What the evaluate routes may add to a condition: its value came from a field the caller may not see. */
export interface Withheld {
  withheld?: true;
}

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});
const base = (id: string) => `/api/rulesets/${encodeURIComponent(id)}`;

export const listFacts = (signal?: AbortSignal) => allPages<FactDefinition>('/api/facts', signal);

/** The open cases whose case type runs the ruleset (what they are and where, never who). */
export const listRulesetCases = (id: string, signal?: AbortSignal) =>
  allPages<RulesetCase>(`${base(id)}/cases?limit=100`, signal);

/** Evaluates facts against the draft (or the published version when there is no draft). */
export function evaluateFacts(id: string, facts: Record<string, unknown>, draft: boolean) {
  return apiRequest<EvaluationResult>(`${base(id)}/evaluate`, {
    method: 'POST',
    body: draft ? { facts, version: 'draft' } : { facts },
  });
}

/** Evaluates an open case with the draft (or the published version); sensitive values come back withheld. */
export function evaluateCase(id: string, caseId: string, draft: boolean) {
  return apiRequest<StudioCaseEvaluation>(`${base(id)}/cases/${encodeURIComponent(caseId)}/evaluate`, {
    method: 'POST',
    body: draft ? { version: 'draft' } : {},
  });
}

export interface Impact {
  examined: number;
  changed: ImpactRow[];
}

/** The open cases whose events the draft would change, before and after. */
export function draftImpact(id: string) {
  return apiRequest<Impact>(`${base(id)}/impact`, {
    method: 'POST',
    body: { version: 'draft', limit: 1000 },
  });
}

export interface FormSummary {
  id: string;
  title: string;
  publishedVersion: number | null;
}

export interface PublishedForm {
  id: string;
  title: string;
  schema: Record<string, unknown>;
}

export const listForms = (signal?: AbortSignal) => allPages<FormSummary>('/api/forms?limit=100', signal);

export const getForm = (id: string, signal?: AbortSignal) =>
  apiRequest<PublishedForm>(`/api/forms/${encodeURIComponent(id)}`, withSignal(signal));
