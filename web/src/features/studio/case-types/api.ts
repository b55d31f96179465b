/**
 * The case type screens' own calls (the shared ones, drafts, versions and publishing, are in
 * `../content-api.ts`): the wiring of a published case type, the impact of a draft on open cases, and
 * the published forms, rulesets and offices the screens name things by.
 */
import type { CaseTypeImpactRow, StageImpactRow } from '../../../../../functions/cases/impact';
import type { CaseTypeContent } from '../../../../../functions/domain/case-type';
import { apiRequest, type Page } from '../../../shared/api-client';
import { listContent } from '../content-api';

export type { CaseTypeContent };

/** A case type as the editor holds it: the content with its title and description beside it. */
export type CaseTypeDocument = CaseTypeContent & { title: string; description?: string };

export type WiringSource =
  | { kind: 'builtin' }
  | { kind: 'case'; pointer: string }
  | { kind: 'form'; form: string; pointer: string }
  | { kind: 'expression'; expression: string }
  | { kind: 'termination'; reason: string };

/** `GET /api/case-types/{id}/wiring`: for each ruleset the type runs, its facts and their sources. */
export interface Wiring {
  caseType: string;
  version: number;
  rulesets: {
    id: string;
    title: string;
    kind: string;
    facts: { name: string; type: string; source: WiringSource | null }[];
  }[];
}

export interface Impact {
  examined: number;
  changed: CaseTypeImpactRow[];
  stages: StageImpactRow[];
}

/** A leaf or group of a json-rules-engine condition, as far as the screens read it. */
export interface Condition {
  name?: string;
  fact?: string;
  path?: string;
  operator?: string;
  value?: unknown;
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
}

export interface RulesetDocument {
  id: string;
  title: string;
  kind: string;
  caseTypes?: string[];
  facts?: { name: string; type: string; description?: string }[];
  rules?: {
    name?: string;
    conditions?: Condition;
    event?: { type: string; params?: Record<string, unknown> };
  }[];
}

export interface FormDocument {
  id: string;
  title: string;
  schema: Record<string, unknown>;
}

export interface OfficeSummary {
  id: string;
  name: string;
}

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});
const path = (id: string) => `/api/case-types/${encodeURIComponent(id)}`;

export function getWiring(id: string, signal?: AbortSignal): Promise<Wiring> {
  return apiRequest<Wiring>(`${path(id)}/wiring`, withSignal(signal));
}

/** Replays the draft (or a version) over the open cases of the type; nothing is written. */
export function getImpact(id: string, version: number | 'draft', signal?: AbortSignal): Promise<Impact> {
  return apiRequest<Impact>(`${path(id)}/impact`, {
    method: 'POST',
    body: { version },
    ...withSignal(signal),
  });
}

/** Fetches every published item of a kind in full (a configuration holds tens, not thousands). */
async function publishedAll<T>(kind: 'forms' | 'rulesets', signal?: AbortSignal): Promise<Map<string, T>> {
  const summaries = (await listContent(kind, signal)).filter((item) => item.publishedVersion !== null);
  const items = await Promise.all(
    summaries.map((item) => apiRequest<T>(`/api/${kind}/${encodeURIComponent(item.id)}`, withSignal(signal))),
  );
  return new Map(summaries.map((item, i) => [item.id, items[i] as T]));
}

export const publishedForms = (signal?: AbortSignal) => publishedAll<FormDocument>('forms', signal);
export const publishedRulesets = (signal?: AbortSignal) => publishedAll<RulesetDocument>('rulesets', signal);

export async function listOffices(signal?: AbortSignal): Promise<OfficeSummary[]> {
  const page = await apiRequest<Page<OfficeSummary>>('/api/offices', withSignal(signal));
  return page.items;
}
