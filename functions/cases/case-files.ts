/** Opening a case, reading it (audited), changing its head, and the caseloads and dashboard. */
import { DEFAULT_PRIORITY, PRIORITY_LEVELS } from '../domain/case-decisions';
import {
  type CaseHead,
  type CaseView,
  type Client,
  caseView,
  type Offence,
  type Sentence,
} from '../domain/case-file';
import { formsAt, initialStage, movesFrom, stageTitle } from '../domain/case-type';
import { DEFAULT_TIME_ZONE, todayIn } from '../domain/dates';
import { isStage, STAGES } from '../domain/lifecycle';
import type { User } from '../platform/claims';
import { AppError } from '../platform/errors';
import {
  appendAudit,
  auditItem,
  type CaseloadQuery,
  caseloadCounts,
  commitCaseChange,
  countInbox,
  newId,
  queryCaseload,
} from '../store/cases-repo';
import type { Page } from '../store/cursor';
import { assertAssignable } from './assignees';
import {
  applyDecisions,
  auditEntry,
  deadlinesOn,
  latestData,
  loadCase,
  runTriggers,
  todayOf,
} from './case-context';
import { type PublishedCaseType, publishedCaseType } from './case-types';
import { type WeekPoint, type Workload, weeklySeries, workloadOf } from './office-stats';
import { officeTimeZone } from './offices';
import { backoff, mayRetry } from './retry';

/** How often a change that lost a race re-reads the case and tries again before answering 409. */

export interface NewCase {
  client: Client;
  caseType: string;
  office?: string;
  assignee?: string;
  offence?: Offence;
  sentence?: Sentence;
}

export async function createCase(user: User, input: NewCase): Promise<CaseView> {
  const isSupervisor = user.roles.includes('supervisor');
  if (!user.office) throw new AppError('forbidden');
  // A case opens in the caller's own office; a worker's case is their own.
  if (input.office !== undefined && input.office !== user.office) throw new AppError('forbidden');
  if (!isSupervisor && input.assignee !== undefined && input.assignee !== user.id)
    throw new AppError('forbidden');
  if (input.assignee !== undefined) await assertAssignable(user, user.office, input.assignee);
  const type = await publishedCaseType(input.caseType);
  if (!type) throw new AppError('invalid_parameter', { params: { name: 'caseType' } });
  const timeZone = await officeTimeZone(user.office);
  const now = new Date().toISOString();
  const today = todayIn(timeZone);
  let head: CaseHead = {
    id: newId(),
    version: 1,
    client: input.client,
    caseType: input.caseType,
    caseTypeVersion: type.version,
    office: user.office,
    assignee: input.assignee ?? (isSupervisor ? null : user.id),
    stage: initialStage(type.content),
    timeZone,
    priority: DEFAULT_PRIORITY,
    eligibility: {},
    deadlines: [],
    ...(input.offence ? { offence: input.offence } : {}),
    ...(input.sentence ? { sentence: input.sentence } : {}),
    transfer: null,
    transfers: [],
    forms: {},
    counters: {},
    flags: [],
    createdAt: now,
    createdBy: user.id,
    updatedAt: now,
    updatedBy: user.id,
  };
  head = { ...head, deadlines: await deadlinesOn(type, head, { on: 'created' }) };
  head = await applyDecisions(type, head, (await runTriggers(type, 'created', head, {})).decisions);
  const written = await commitCaseChange({
    head,
    expectedVersion: 0,
    caseId: head.id,
    today,
    writes: [
      {
        append: auditItem(
          head.id,
          auditEntry(user, 'case.created', { caseType: head.caseType, office: head.office }),
        ),
      },
    ],
  });
  if (!written) throw new AppError('conflict');
  return caseView(head, today);
}

/** What the case type offers on a case now, for the caller: stages, forms, moves, termination reasons. */
export interface CaseProcess {
  title: string;
  version: number;
  stages: { id: string; title: string }[];
  stageTitle: string;
  forms: string[];
  moves: { to: string; title: string; approval: boolean }[];
  termination: {
    reasons: {
      id: string;
      title: string;
      description?: string;
      data?: Record<string, unknown>;
      approval?: boolean;
      noteRequired?: boolean;
    }[];
  };
}

export function processOf(type: PublishedCaseType, head: CaseHead, user: User): CaseProcess {
  const content = type.content;
  const allowed = (roles: readonly string[] | undefined) =>
    roles === undefined || roles.some((role) => (user.roles as readonly string[]).includes(role));
  return {
    title: type.title,
    version: type.version,
    stages: content.stages.map(({ id, title }) => ({ id, title })),
    stageTitle: stageTitle(content, head.stage),
    forms: formsAt(content, head.stage),
    moves: movesFrom(content, head.stage)
      .filter((move) => allowed(move.roles))
      .map((move) => ({
        to: move.to,
        title: stageTitle(content, move.to),
        approval: move.approval === true,
      })),
    termination: {
      reasons: (content.termination?.reasons ?? [])
        .filter((reason) => allowed(reason.roles))
        .map(({ roles: _roles, ...reason }) => reason),
    },
  };
}

/** Reads a case with what its process offers the caller now; the read is audited. */
export async function readCase(user: User, id: string): Promise<CaseView & { process?: CaseProcess }> {
  const head = await loadCase(user, id, 'read');
  await appendAudit(id, auditEntry(user, 'case.read'));
  const type = await publishedCaseType(head.caseType);
  return { ...caseView(head, todayOf(head)), ...(type ? { process: processOf(type, head, user) } : {}) };
}

export interface CasePatch {
  client?: Partial<Client>;
  assignee?: string | null;
  caseType?: string;
  offence?: Offence;
  sentence?: Sentence;
}

/**
 * Changes the head. With `expectedVersion` (If-Match) a stale version is a 412; without it, a change
 * that loses a race re-reads and re-applies, since a patch names only the fields it changes.
 */
export async function patchCase(
  user: User,
  id: string,
  patch: CasePatch,
  expectedVersion: number | undefined,
): Promise<CaseView> {
  const startedAt = Date.now();
  for (let attempt = 0; attempt === 0 || mayRetry(attempt, startedAt); attempt++) {
    if (attempt > 0) await backoff(attempt);
    const head = await loadCase(user, id, 'write');
    if (expectedVersion !== undefined && head.version !== expectedVersion) {
      throw new AppError('version_mismatch', { params: { current: head.version } });
    }
    if (patch.assignee !== undefined && !(user.roles.includes('supervisor') && user.office === head.office)) {
      throw new AppError('forbidden');
    }
    if (patch.assignee) await assertAssignable(user, head.office, patch.assignee);
    const today = todayOf(head);
    const changed: CaseHead = {
      ...head,
      ...(patch.client ? { client: { ...head.client, ...patch.client } } : {}),
      ...(patch.assignee !== undefined ? { assignee: patch.assignee } : {}),
      ...(patch.caseType ? { caseType: patch.caseType } : {}),
      ...(patch.offence ? { offence: { ...head.offence, ...patch.offence } } : {}),
      ...(patch.sentence ? { sentence: { ...head.sentence, ...patch.sentence } } : {}),
      version: head.version + 1,
      updatedAt: new Date().toISOString(),
      updatedBy: user.id,
    };
    const type = await publishedCaseType(changed.caseType);
    if (!type) throw new AppError('invalid_parameter', { params: { name: 'caseType' } });
    const decided = await applyDecisions(
      type,
      changed,
      (await runTriggers(type, 'updated', changed, await latestData(id))).decisions,
    );
    const written = await commitCaseChange({
      head: decided,
      expectedVersion: head.version,
      caseId: id,
      today,
      writes: [
        {
          append: auditItem(
            id,
            auditEntry(user, 'case.updated', {
              fields: Object.keys(patch),
              // Who the case went to (null: to nobody), so the trail names the new PK.
              ...(patch.assignee !== undefined ? { assignee: patch.assignee } : {}),
            }),
          ),
        },
      ],
    });
    if (written) return caseView(decided, today);
    if (expectedVersion !== undefined) {
      throw new AppError('version_mismatch', {
        params: { current: (await loadCase(user, id, 'read')).version },
      });
    }
  }
  throw new AppError('conflict');
}

export interface CaseListQuery {
  assignee?: string;
  stage?: string;
  priority?: string;
  overdue?: boolean;
  limit: number;
  cursor?: string;
}

/** The caller's caseload, ordered by priority then nearest deadline; every list is a Query on an index. */
export async function listCases(user: User, query: CaseListQuery): Promise<Page<CaseView>> {
  if (query.stage !== undefined && !isStage(query.stage))
    throw new AppError('invalid_parameter', { params: { name: 'stage' } });
  if (query.priority !== undefined && !(PRIORITY_LEVELS as readonly string[]).includes(query.priority)) {
    throw new AppError('invalid_parameter', { params: { name: 'priority' } });
  }
  const supervisor = user.roles.includes('supervisor') && user.office !== null;
  const assignee = query.assignee === 'me' ? user.id : query.assignee;
  const closed = query.stage === 'terminated';
  const filters = {
    ...(query.stage && !closed ? { stage: query.stage } : {}),
    ...(query.priority ? { priority: query.priority } : {}),
    ...(query.overdue !== undefined ? { overdue: query.overdue } : {}),
  };
  const page = { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) };
  let request: CaseloadQuery;
  if (!supervisor || assignee !== undefined) {
    const who = assignee ?? user.id;
    // A worker's scope is their own caseload; a supervisor may look at anyone's, within the office.
    if (!supervisor && who !== user.id) throw new AppError('forbidden');
    request = {
      by: closed ? 'assigneeClosed' : 'assignee',
      key: who,
      ...page,
      filters: { ...filters, ...(supervisor && user.office ? { office: user.office } : {}) },
    };
  } else if (closed) {
    request = { by: 'officeClosed', key: user.office ?? '', ...page, filters };
  } else if (query.overdue === true) {
    const { overdue: _overdue, ...rest } = filters;
    request = { by: 'overdue', key: user.office ?? '', ...page, filters: rest };
  } else if (query.stage) {
    const { stage: _stage, ...rest } = filters;
    request = { by: 'officeStage', key: user.office ?? '', stage: query.stage, ...page, filters: rest };
  } else {
    request = { by: 'office', key: user.office ?? '', ...page, filters };
  }
  const result = await queryCaseload(request);
  return { items: result.items.map((head) => caseView(head, todayOf(head))), nextCursor: result.nextCursor };
}

export interface Dashboard {
  scope: { office: string | null; assignee: string | null };
  total: number;
  byStage: Record<string, number>;
  byPriority: Record<string, number>;
  overdue: number;
  /** Open cases per PK by priority, the most loaded first (unassigned last, `assignee: null`). */
  byAssignee: Workload[];
  /** Overdue cases per ISO week over the last twelve weeks, oldest first, as the daily run recorded them. */
  overdueByWeek: WeekPoint[];
  /** A supervisor's: transfers addressed to the office. */
  incomingTransfers?: number;
  /** A supervisor's: moves in the office waiting for approval. */
  pendingApprovals?: number;
}

/**
 * Counts for the caller's scope: open cases by stage, priority and PK, overdue, closed ones, the
 * weekly overdue series, and for a supervisor what waits on the office. Queries only.
 */
export async function dashboard(user: User): Promise<Dashboard> {
  const supervisor = user.roles.includes('supervisor') && user.office !== null;
  const scope = supervisor
    ? { by: 'office' as const, key: user.office ?? '' }
    : { by: 'assignee' as const, key: user.id };
  const today = todayIn(DEFAULT_TIME_ZONE);
  const open = await caseloadCounts(scope, today);
  const closed = await caseloadCounts(
    { ...scope, by: supervisor ? 'officeClosed' : 'assigneeClosed' },
    today,
  );
  const byStage: Record<string, number> = Object.fromEntries(STAGES.map((stage) => [stage, 0]));
  const byPriority: Record<string, number> = Object.fromEntries(PRIORITY_LEVELS.map((level) => [level, 0]));
  for (const row of open) {
    byStage[row.stage] = (byStage[row.stage] ?? 0) + 1;
    byPriority[row.level] = (byPriority[row.level] ?? 0) + 1;
  }
  byStage.terminated = closed.length;
  const office = user.office;
  const [overdueByWeek, incomingTransfers, pendingApprovals] = await Promise.all([
    office ? weeklySeries(office, supervisor ? null : user.id, today) : Promise.resolve([]),
    supervisor && office ? countInbox(office, 'TRANSFER-IN') : Promise.resolve(undefined),
    supervisor && office ? countInbox(office, 'APPROVAL') : Promise.resolve(undefined),
  ]);
  return {
    scope: { office: user.office, assignee: supervisor ? null : user.id },
    total: open.length + closed.length,
    byStage,
    byPriority,
    overdue: open.filter((row) => row.overdue).length,
    byAssignee: workloadOf(open),
    overdueByWeek,
    ...(incomingTransfers !== undefined ? { incomingTransfers } : {}),
    ...(pendingApprovals !== undefined ? { pendingApprovals } : {}),
  };
}
