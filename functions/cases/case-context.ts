/** What every case use case needs: loading a case for a user, facts for the rules, decisions applied. */
import { DEFAULT_PRIORITY, eligibilityFrom, priorityFrom } from '../domain/case-decisions';
import { type CaseHead, canRead, canWrite, caseFact } from '../domain/case-file';
import { todayIn } from '../domain/dates';
import { FORM_FACT_PREFIX } from '../domain/facts';
import type { User } from '../platform/claims';
import { AppError } from '../platform/errors';
import { type AuditEntry, allCaseItems, getCase } from '../store/cases-repo';
import type { Decision } from './rulesets';

/** Loads a case the user may read (or change); 404 when there is none, 403 when it is not theirs. */
export async function loadCase(user: User, id: string, need: 'read' | 'write'): Promise<CaseHead> {
  const head = await getCase(id);
  if (!head) throw new AppError('case_not_found', { params: { id } });
  if (!(need === 'read' ? canRead(user, head) : canWrite(user, head))) throw new AppError('forbidden');
  return head;
}

export const todayOf = (head: Pick<CaseHead, 'timeZone'>) => todayIn(head.timeZone);

export function auditEntry(user: User, action: string, detail: Record<string, unknown> = {}): AuditEntry {
  return { at: new Date().toISOString(), actor: user.id, action, detail };
}

/** The data of the latest submission of each form of a case, by form id. */
export async function latestData(caseId: string): Promise<Record<string, unknown>> {
  const items = await allCaseItems(caseId, 'LATEST');
  return Object.fromEntries(items.map((item) => [String(item.formId), item.data]));
}

/** The facts the rules see for a case: its head and the latest data of each form. */
export function caseFacts(
  head: CaseHead,
  latest: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  const facts: Record<string, unknown> = { case: caseFact(head) };
  for (const [formId, data] of Object.entries(latest)) facts[`${FORM_FACT_PREFIX}${formId}`] = data;
  return { ...facts, ...extra };
}

/** The head with the priority and eligibility the decisions give (kinds not decided keep their value). */
export function applyDecisions(head: CaseHead, decisions: readonly Decision[]): CaseHead {
  const priority = decisions.filter((d) => d.kind === 'priority');
  const eligibility = decisions.filter((d) => d.kind === 'eligibility');
  return {
    ...head,
    priority:
      priority.length > 0
        ? priorityFrom(priority.flatMap((d) => d.events))
        : (head.priority ?? DEFAULT_PRIORITY),
    eligibility:
      eligibility.length > 0
        ? Object.assign({}, ...eligibility.map((d) => eligibilityFrom(d.explanation)))
        : head.eligibility,
  };
}

/** Decisions as the API shows them: ruleset, version, events (the explanation stays with the submission). */
export const decisionSummary = (decisions: readonly Decision[]) =>
  decisions.map(({ rulesetId, version, events }) => ({ rulesetId, version, events }));

export const DECIDING_KINDS = ['priority', 'eligibility'] as const;
