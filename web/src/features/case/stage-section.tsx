/**
 * "Tahap": the moves the case type allows the caller from the current stage (`process.moves`, marked
 * when a worker's move waits for Kabapas's approval), reopening a closed case, and termination with
 * one of the case type's reasons, the data that reason needs, a note, and a last confirmation. When
 * the termination rules refuse, each rule that spoke is explained with its conditions. A move that
 * needs approval is not made yet: the case comes back with the request pending.
 */
import { useState } from 'react';
import { ApiError, errorMessage } from '../../shared/api-client';
import { useStageName } from '../../shared/case-labels';
import { type CaseView, CLOSED_STAGE, type ProcessMove } from '../../shared/case-view';
import { useI18n } from '../../shared/i18n/language';
import { moveCase } from './api';
import type { CaseAccess } from './case-access';
import { dataFieldTitle } from './reason-data';
import { type Refusal, RuleExplanation, refusalOf } from './rule-explanation';
import { Section } from './section';
import { type Termination, TerminationForm } from './termination-form';

type Failure = { kind: 'message'; message: string; details: string[] } | { kind: 'rules'; refusal: Refusal };

function failureOf(error: unknown): Failure {
  const refusal = refusalOf(error);
  if (refusal) return { kind: 'rules', refusal };
  const details = error instanceof ApiError ? error.details.map((detail) => detail.message) : [];
  return { kind: 'message', message: errorMessage(error), details };
}

type Done = { kind: 'moved'; stage: string } | { kind: 'requested'; stage: string };

export function StageSection({
  id,
  kase,
  access,
  onChanged,
  onStale,
}: {
  id: string;
  kase: CaseView;
  access: CaseAccess;
  onChanged: (next: CaseView) => void;
  onStale: () => Promise<void>;
}) {
  const { t } = useI18n();
  const stageName = useStageName();
  const [confirming, setConfirming] = useState<ProcessMove>();
  const [terminating, setTerminating] = useState<ProcessMove>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const [done, setDone] = useState<Done>();
  /** The reason of the last closing tried: the rules' "missing" names its data. */
  const [tried, setTried] = useState<string>();

  const process = kase.process;
  const reasons = process?.termination.reasons ?? [];
  const closed = kase.stage === CLOSED_STAGE;
  // Nothing moves while a request waits for Kabapas: the office's supervisor decides it first.
  const waiting = Boolean(kase.pendingApproval);
  const moves = waiting ? [] : (process?.moves ?? []);
  /** Whether the caller's move waits for approval: Kabapas's own moves never do. */
  const needsApproval = (...flags: (boolean | undefined)[]) =>
    !access.supervisor && flags.some((flag) => flag === true);

  const move = async (to: string, termination?: Termination): Promise<boolean> => {
    setBusy(true);
    setFailure(undefined);
    setDone(undefined);
    setTried(termination?.reason);
    try {
      const next = await moveCase(kase.id, kase.version, {
        to,
        ...(termination ? { reason: termination.reason } : {}),
        ...(termination && Object.keys(termination.data).length > 0 ? { data: termination.data } : {}),
        ...(termination?.note ? { note: termination.note } : {}),
      });
      setConfirming(undefined);
      setTerminating(undefined);
      const requested = Boolean(next.pendingApproval) && next.stage === kase.stage;
      setDone({
        kind: requested ? 'requested' : 'moved',
        stage: stageName(requested ? to : next.stage, process),
      });
      onChanged(next);
      return true;
    } catch (error) {
      setFailure(failureOf(error));
      // Someone else changed the case meanwhile: show the case as it is now.
      if (error instanceof ApiError && error.status === 412) await onStale();
      return false;
    } finally {
      setBusy(false);
    }
  };

  const choose = (chosen: ProcessMove) => {
    setFailure(undefined);
    setDone(undefined);
    if (chosen.to === CLOSED_STAGE) {
      setConfirming(undefined);
      setTerminating(chosen);
    } else {
      setTerminating(undefined);
      setConfirming(chosen);
    }
  };

  const buttonText = (option: ProcessMove) => {
    const text =
      option.to === CLOSED_STAGE
        ? t('stage.terminate')
        : closed
          ? t('stage.reopenTo', { stage: option.title })
          : t('stage.moveTo', { stage: option.title });
    return needsApproval(option.approval) ? `${text} (${t('stage.needsApproval')})` : text;
  };

  return (
    <Section id={id} title={t('stage.title')}>
      <p>
        {t('stage.current')} <strong>{stageName(kase.stage, process)}</strong>
      </p>
      {waiting ? (
        <p className="notice">{t('stage.waiting')}</p>
      ) : moves.length === 0 ? (
        <p className="muted">{closed ? t('stage.closed') : t('stage.noMoves')}</p>
      ) : (
        <div className="actions">
          {moves.map((option) => (
            <button
              key={option.to}
              type="button"
              className={option.to === CLOSED_STAGE ? 'button button-danger' : 'button'}
              aria-pressed={confirming?.to === option.to || terminating?.to === option.to}
              onClick={() => choose(option)}
            >
              {buttonText(option)}
            </button>
          ))}
        </div>
      )}

      {confirming ? (
        <div className="confirm">
          <p>
            {needsApproval(confirming.approval)
              ? t('stage.confirmRequest', { stage: confirming.title })
              : t('stage.confirm', { stage: confirming.title })}
          </p>
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              aria-busy={busy}
              onClick={() => void move(confirming.to)}
            >
              {needsApproval(confirming.approval) ? t('stage.confirmRequestYes') : t('stage.confirmYes')}
            </button>
            <button type="button" className="button button-link" onClick={() => setConfirming(undefined)}>
              {t('app.cancel')}
            </button>
          </div>
        </div>
      ) : null}

      {terminating ? (
        <TerminationForm
          reasons={reasons}
          needsApproval={(reason) => needsApproval(terminating.approval, reason.approval)}
          busy={busy}
          onSubmit={(termination) => move(CLOSED_STAGE, termination)}
          onCancel={() => {
            setTerminating(undefined);
            setFailure(undefined);
          }}
        />
      ) : null}

      <p role="status" className="status-success">
        {done?.kind === 'moved' ? t('stage.moved', { stage: done.stage }) : ''}
        {done?.kind === 'requested' ? t('stage.requested', { stage: done.stage }) : ''}
      </p>
      {failure?.kind === 'message' ? (
        <div role="alert" className="alert alert-error">
          <p>{failure.message}</p>
          {failure.details.length > 0 ? (
            <ul>
              {failure.details.map((detail) => (
                <li key={detail}>{detail}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {failure?.kind === 'rules' ? (
        <RuleExplanation
          refusal={failure.refusal}
          fieldTitle={(name) =>
            dataFieldTitle(
              reasons.filter((reason) => reason.id === tried),
              name,
            ) ?? dataFieldTitle(reasons, name)
          }
        />
      ) : null}
    </Section>
  );
}
