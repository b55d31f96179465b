/**
 * The submission pipeline: validate against the published (or pinned) form version, build the
 * facts, run the deciding rulesets, then write the submission, its decisions, the new head, the
 * latest data of that form, the idempotency record and the audit entry in one transaction.
 */
import { loadFactSources } from '../decisions/lazy';
import { type CaseHead, canWrite, seesSensitive } from '../domain/case-file';
import { formsAt } from '../domain/case-type';
import { redactSensitive } from '../domain/sensitive';
import type { User } from '../platform/claims';
import { AppError } from '../platform/errors';
import type { Lang } from '../platform/messages';
import { count } from '../platform/metrics';
import {
  appendAudit,
  auditItem,
  type CaseWrite,
  caseWorkingSet,
  commitCaseChange,
  commitCaseChangeReporting,
  getCaseItem,
  itemKey,
  listCaseItems,
  newId,
} from '../store/cases-repo';
import type { Page } from '../store/cursor';
import {
  applyDecisions,
  auditEntry,
  caseTypeOf,
  deadlinesOn,
  decisionSummary,
  loadCase,
  runTriggers,
  todayOf,
} from './case-context';
import { formSchemaOf, validateFormData } from './forms';
import { backoff, mayRetry } from './retry';
import type { Decision } from './rulesets';

export interface SubmissionInput {
  formId: string;
  data: unknown;
  idempotencyKey: string;
  /** Pin an older published version; the current one when absent. */
  formVersion?: number;
}

export interface SubmissionResult {
  id: string;
  formId: string;
  formVersion: number;
  decisions: { rulesetId: string; version: number; events: unknown[] }[];
}

export interface Submission extends SubmissionResult {
  caseId: string;
  data: unknown;
  submittedAt: string;
  submittedBy: string;
  decisions: Decision[];
}

const resultOf = (item: Record<string, unknown>): SubmissionResult => ({
  id: String(item.id),
  formId: String(item.formId),
  formVersion: Number(item.formVersion),
  decisions: decisionSummary((item.decisions ?? []) as Decision[]),
});

/** Where the idempotency record stands among a submission's writes (after the submission and the latest data). */
const REQUEST_WRITE = 2;

/** The first result for an idempotency key already used on this case, if any. */
async function replay(caseId: string, key: string): Promise<SubmissionResult | undefined> {
  const record = (await getCaseItem(caseId, 'REQ', key)) ?? (await getCaseItem(caseId, 'IDEM', key));
  if (!record) return undefined;
  const submission = await getCaseItem(caseId, 'SUB', String(record.submissionId));
  return submission ? resultOf(submission) : undefined;
}

export async function submit(
  user: User,
  caseId: string,
  input: SubmissionInput,
  lang: Lang,
): Promise<{ result: SubmissionResult; replayed: boolean }> {
  const startedAt = Date.now();
  for (let attempt = 0; attempt === 0 || mayRetry(attempt, startedAt); attempt++) {
    if (attempt > 0) await backoff(attempt);
    // One consistent read of what the pipeline needs; a replay is found by the write itself below.
    const { head, latest: stored } = await caseWorkingSet(caseId);
    if (!head) throw new AppError('case_not_found', { params: { id: caseId } });
    if (!canWrite(user, head)) throw new AppError('forbidden');

    const type = await caseTypeOf(head);
    const refusal = !formsAt(type.content, head.stage).includes(input.formId)
      ? new AppError('form_not_offered', { params: { id: input.formId } })
      : undefined;
    const checked = refusal
      ? undefined
      : await validateFormData(input.formId, input.data, input.formVersion, lang);
    if (refusal || !checked?.valid) {
      // A request repeated after the case moved on still gets its first answer.
      const earlier = await replay(caseId, input.idempotencyKey);
      if (earlier) return { result: earlier, replayed: true };
      throw refusal ?? new AppError('validation_failed', { details: checked?.errors ?? [] });
    }
    const formVersion = checked.version as number;
    // Calculated fields as the server computed them: what is stored and what the rules read.
    const data = checked.data;

    const today = todayOf(head);
    const now = new Date().toISOString();
    const id = newId();
    // The rules see the case as this submission leaves it (its data, one more missed report...).
    const seen: CaseHead = {
      ...head,
      caseTypeVersion: type.version,
      counters: await (await loadFactSources()).countersAfter(
        type.compiled,
        head.counters ?? {},
        input.formId,
        data,
      ),
      forms: { ...head.forms, [input.formId]: { submissionId: id, formVersion, at: now } },
    };
    const latest = { ...stored, [input.formId]: data };
    const { decisions } = await runTriggers(type, 'submission', seen, latest, input.formId);
    const decided = await applyDecisions(type, seen, decisions);
    const next: CaseHead = {
      ...decided,
      deadlines: await deadlinesOn(type, decided, { on: 'submission', form: input.formId, data }),
      version: head.version + 1,
      updatedAt: now,
      updatedBy: user.id,
    };
    const writes: CaseWrite[] = [
      {
        append: {
          ...itemKey(caseId, 'SUB', id),
          type: 'SUBMISSION',
          id,
          caseId,
          formId: input.formId,
          formVersion,
          data,
          decisions,
          idempotencyKey: input.idempotencyKey,
          submittedAt: now,
          submittedBy: user.id,
          // The name the report prints when the directory no longer knows the person.
          submittedByName: user.name,
        },
      },
      {
        put: {
          ...itemKey(caseId, 'LATEST', input.formId),
          type: 'LATEST',
          formId: input.formId,
          submissionId: id,
          data,
        },
      },
      // The idempotency record: if the key was used already, this append fails and the first answer is read.
      {
        append: {
          ...itemKey(caseId, 'REQ', input.idempotencyKey),
          type: 'IDEMPOTENCY',
          submissionId: id,
          at: now,
        },
      },
      // The work in progress became this submission.
      { remove: itemKey(caseId, 'DRAFT', input.formId) },
      {
        append: auditItem(
          caseId,
          auditEntry(user, 'submission.created', { submissionId: id, formId: input.formId, formVersion }),
        ),
      },
    ];
    const written = await commitCaseChangeReporting({
      head: next,
      previous: head,
      expectedVersion: head.version,
      caseId,
      today,
      writes,
    });
    if (written.ok) {
      count('Submissions');
      return {
        result: { id, formId: input.formId, formVersion, decisions: decisionSummary(decisions) },
        replayed: false,
      };
    }
    if (written.failedWrites.includes(REQUEST_WRITE)) {
      const earlier = await replay(caseId, input.idempotencyKey);
      if (earlier) return { result: earlier, replayed: true };
    }
  }
  const earlier = await replay(caseId, input.idempotencyKey);
  if (earlier) return { result: earlier, replayed: true };
  throw new AppError('conflict');
}

/** A submission with its data (sensitive fields only for those allowed) and the form version it used. */
export async function getSubmission(user: User, caseId: string, submissionId: string): Promise<Submission> {
  const head = await loadCase(user, caseId, 'read');
  const item = await getCaseItem(caseId, 'SUB', submissionId);
  if (!item) throw new AppError('submission_not_found', { params: { id: submissionId } });
  const submission = {
    ...resultOf(item),
    caseId,
    data: item.data,
    submittedAt: String(item.submittedAt),
    submittedBy: String(item.submittedBy),
    decisions: (item.decisions ?? []) as Decision[],
  };
  await appendAuditRead(user, caseId, 'submission.read', { submissionId });
  if (seesSensitive(user, head)) return submission;
  const schema = await formSchemaOf(submission.formId, submission.formVersion);
  // Decisions read the data too: someone who may not see sensitive fields does not see them either.
  return { ...submission, data: redactSensitive(schema, submission.data), decisions: [] };
}

export async function listSubmissions(
  user: User,
  caseId: string,
  limit: number,
  cursor?: string,
): Promise<Page<Record<string, unknown>>> {
  await loadCase(user, caseId, 'read');
  const page = await listCaseItems(caseId, 'SUB', {
    limit,
    newestFirst: true,
    ...(cursor ? { cursor } : {}),
    projection: ['pk', 'sk', 'id', 'formId', 'formVersion', 'submittedAt', 'submittedBy'],
  });
  await appendAuditRead(user, caseId, 'submission.listed');
  return {
    items: page.items.map(({ id, formId, formVersion, submittedAt, submittedBy }) => ({
      id,
      formId,
      formVersion,
      submittedAt,
      submittedBy,
    })),
    nextCursor: page.nextCursor,
  };
}

async function appendAuditRead(
  user: User,
  caseId: string,
  action: string,
  detail: Record<string, unknown> = {},
) {
  await appendAudit(caseId, auditEntry(user, action, detail));
}

export interface WorkDraft {
  formId: string;
  data: unknown;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export async function getWorkDraft(user: User, caseId: string, formId: string): Promise<WorkDraft> {
  await loadCase(user, caseId, 'write');
  const item = await getCaseItem(caseId, 'DRAFT', formId);
  if (!item) throw new AppError('case_draft_not_found', { params: { id: formId } });
  return {
    formId,
    data: item.data,
    version: Number(item.version),
    updatedAt: String(item.updatedAt),
    updatedBy: String(item.updatedBy),
  };
}

/** Autosaves work in progress (not validated). If-Match guards against two tabs overwriting each other. */
export async function putWorkDraft(
  user: User,
  caseId: string,
  formId: string,
  data: unknown,
  expected: number | undefined,
): Promise<WorkDraft> {
  const head = await loadCase(user, caseId, 'write');
  const current = (await getCaseItem(caseId, 'DRAFT', formId))?.version;
  const currentVersion = typeof current === 'number' ? current : 0;
  if (expected !== undefined && expected !== currentVersion) {
    throw new AppError('version_mismatch', { params: { current: currentVersion } });
  }
  const draft: WorkDraft = {
    formId,
    data,
    version: currentVersion + 1,
    updatedAt: new Date().toISOString(),
    updatedBy: user.id,
  };
  // No check on the head: autosave must not fail because the case changed meanwhile.
  const written = await commitCaseChange({
    caseId,
    today: todayOf(head),
    writes: [
      {
        versioned: { ...itemKey(caseId, 'DRAFT', formId), type: 'WORK_DRAFT', ...draft },
        expected: currentVersion,
      },
      { append: auditItem(caseId, auditEntry(user, 'draft.saved', { formId })) },
    ],
  });
  if (!written) {
    const now = (await getCaseItem(caseId, 'DRAFT', formId))?.version;
    throw new AppError('version_mismatch', { params: { current: typeof now === 'number' ? now : 0 } });
  }
  return draft;
}
