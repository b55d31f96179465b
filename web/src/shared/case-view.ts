/**
 * A case as `GET /api/cases/{id}` answers it: the server's case view (with the flags the rules raised
 * and a move waiting for approval) and what its case type offers the caller now, `process`: the
 * stages with their titles, the forms offered at this stage, the moves the caller may make, the
 * termination reasons and the data each needs. `process` is absent when the case type has no
 * published version, and in the answers to changes (which carry the head only). Stage ids, deadline
 * kinds and reasons are content: plain strings, with titles from the case type.
 */
import type { CaseProcess } from '../../../functions/cases/case-files';
import type {
  CaseFlag,
  PendingApproval,
  CaseView as ServerCaseView,
} from '../../../functions/domain/case-file';

export type { CaseFlag, CaseProcess, PendingApproval };
export type ProcessMove = CaseProcess['moves'][number];
export type TerminationReason = CaseProcess['termination']['reasons'][number];

/** One case as its page shows it. */
export type CaseView = ServerCaseView & { process?: CaseProcess };

/** The closing stage, the one every case type has. */
export const CLOSED_STAGE = 'terminated';

/** The title the case type gives a stage, if it lists it. */
export function stageTitleIn(
  process: Pick<CaseProcess, 'stages'> | undefined,
  stage: string,
): string | undefined {
  return process?.stages.find((candidate) => candidate.id === stage)?.title;
}

/**
 * The case after a change the server answered with the head only: the process of the case as it was
 * while the stage is the same (it depends on the stage, the case type and the caller), and without
 * what depends on the stage when it moved; `stale` says a fresh read is needed.
 */
export function withProcess(previous: CaseView, next: CaseView): { view: CaseView; stale: boolean } {
  if (next.process) return { view: next, stale: false };
  const process = previous.process;
  if (!process || next.caseType !== previous.caseType) return { view: next, stale: true };
  if (next.stage === previous.stage) return { view: { ...next, process }, stale: false };
  const moved: CaseProcess = {
    ...process,
    stageTitle: stageTitleIn(process, next.stage) ?? next.stage,
    forms: [],
    moves: [],
  };
  return { view: { ...next, process: moved }, stale: true };
}
