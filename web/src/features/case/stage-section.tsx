/**
 * "Tahap": the moves the lifecycle allows from the current stage (MOVES, shared with the server), a
 * supervisor's reopening of a closed case, and termination with its reason and the data that reason
 * needs. When the termination rules refuse, each rule that spoke is explained with its conditions.
 */
import { type FormEvent, useId, useState } from 'react';
import { MOVES, REOPEN_TO, type Stage } from '../../../../functions/domain/lifecycle';
import { ApiError, errorMessage } from '../../shared/api-client';
import { STAGE_LABELS, useLabel } from '../../shared/case-labels';
import { useI18n } from '../../shared/i18n/language';
import { type CaseView, moveCase } from './api';
import type { CaseAccess } from './case-page';
import { type Refusal, RuleExplanation, refusalOf } from './rule-explanation';
import { Section } from './section';
import { terminationReasonsFor } from './vocabulary';

type Failure = { kind: 'message'; message: string; details: string[] } | { kind: 'rules'; refusal: Refusal };

function failureOf(error: unknown): Failure {
  const refusal = refusalOf(error);
  if (refusal) return { kind: 'rules', refusal };
  const details = error instanceof ApiError ? error.details.map((detail) => detail.message) : [];
  return { kind: 'message', message: errorMessage(error), details };
}

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
  const label = useLabel();
  const [confirming, setConfirming] = useState<Stage>();
  const [terminating, setTerminating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const [moved, setMoved] = useState<Stage>();

  const closed = kase.stage === 'terminated';
  const moves: readonly Stage[] = closed
    ? access.user.roles.includes('supervisor')
      ? REOPEN_TO
      : []
    : MOVES[kase.stage];

  const move = async (to: Stage, reason?: string, data?: Record<string, unknown>) => {
    setBusy(true);
    setFailure(undefined);
    setMoved(undefined);
    try {
      const next = await moveCase(kase.id, kase.version, {
        to,
        ...(reason ? { reason } : {}),
        ...(data && Object.keys(data).length > 0 ? { data } : {}),
      });
      setConfirming(undefined);
      setTerminating(false);
      setMoved(next.stage);
      onChanged(next);
    } catch (error) {
      setFailure(failureOf(error));
      // Someone else changed the case meanwhile: show the case as it is now.
      if (error instanceof ApiError && error.status === 412) await onStale();
    } finally {
      setBusy(false);
    }
  };

  const choose = (to: Stage) => {
    setFailure(undefined);
    setMoved(undefined);
    if (to === 'terminated') {
      setConfirming(undefined);
      setTerminating(true);
    } else {
      setTerminating(false);
      setConfirming(to);
    }
  };

  return (
    <Section id={id} title={t('stage.title')}>
      <p>
        {t('stage.current')} <strong>{label(STAGE_LABELS, kase.stage)}</strong>
      </p>
      {moves.length === 0 ? (
        <p className="muted">{closed ? t('stage.closed') : t('stage.noMoves')}</p>
      ) : (
        <div className="actions">
          {moves.map((to) => (
            <button
              key={to}
              type="button"
              className={to === 'terminated' ? 'button button-danger' : 'button'}
              aria-pressed={confirming === to || (to === 'terminated' && terminating)}
              onClick={() => choose(to)}
            >
              {to === 'terminated'
                ? t('stage.terminate')
                : closed
                  ? t('stage.reopenTo', { stage: label(STAGE_LABELS, to) })
                  : t('stage.moveTo', { stage: label(STAGE_LABELS, to) })}
            </button>
          ))}
        </div>
      )}

      {confirming ? (
        <div className="confirm">
          <p>{t('stage.confirm', { stage: label(STAGE_LABELS, confirming) })}</p>
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              aria-busy={busy}
              onClick={() => void move(confirming)}
            >
              {t('stage.confirmYes')}
            </button>
            <button type="button" className="button button-link" onClick={() => setConfirming(undefined)}>
              {t('app.cancel')}
            </button>
          </div>
        </div>
      ) : null}

      {terminating ? (
        <TerminationForm
          caseType={kase.caseType}
          busy={busy}
          onSubmit={(reason, data) => void move('terminated', reason, data)}
          onCancel={() => {
            setTerminating(false);
            setFailure(undefined);
          }}
        />
      ) : null}

      <p role="status" className="status-success">
        {moved ? t('stage.moved', { stage: label(STAGE_LABELS, moved) }) : ''}
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
      {failure?.kind === 'rules' ? <RuleExplanation refusal={failure.refusal} /> : null}
    </Section>
  );
}

function TerminationForm({
  caseType,
  busy,
  onSubmit,
  onCancel,
}: {
  caseType: string;
  busy: boolean;
  onSubmit: (reason: string, data: Record<string, unknown>) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const ids = useId();
  const reasons = terminationReasonsFor(caseType);
  const [reason, setReason] = useState('');
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [missing, setMissing] = useState(false);
  const fields = reasons.find((option) => option.value === reason)?.fields ?? [];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason === '') {
      setMissing(true);
      document.getElementById(`${ids}-reason`)?.focus();
      return;
    }
    setMissing(false);
    // Only the data this reason needs, and only what was filled in: the rules judge what is missing.
    const data: Record<string, unknown> = {};
    for (const field of fields) {
      const value = values[field.name];
      if (typeof value === 'string' && value.trim() !== '') data[field.name] = value.trim();
      if (value === true) data[field.name] = true;
    }
    onSubmit(reason, data);
  };

  return (
    <form className="stack termination" onSubmit={submit} noValidate aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('termination.title')}</h3>
      <p className="muted">{t('termination.intro')}</p>
      <div className="field">
        <label htmlFor={`${ids}-reason`}>{t('termination.reason')}</label>
        <select
          id={`${ids}-reason`}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={missing ? true : undefined}
          aria-describedby={missing ? `${ids}-reason-error` : undefined}
        >
          <option value="">{t('termination.pick')}</option>
          {reasons.map((option) => (
            <option key={option.value} value={option.value}>
              {t(option.label)}
            </option>
          ))}
        </select>
        {missing ? (
          <p id={`${ids}-reason-error`} className="field-error" role="alert">
            {t('termination.reasonMissing')}
          </p>
        ) : null}
      </div>
      {fields.map((field) =>
        field.kind === 'yes' ? (
          <div key={field.name} className="field field-check">
            <input
              id={`${ids}-${field.name}`}
              type="checkbox"
              checked={values[field.name] === true}
              onChange={(event) => setValues((old) => ({ ...old, [field.name]: event.target.checked }))}
            />
            <label htmlFor={`${ids}-${field.name}`}>{t(field.label)}</label>
          </div>
        ) : (
          <div key={field.name} className="field">
            <label htmlFor={`${ids}-${field.name}`}>{t(field.label)}</label>
            <input
              id={`${ids}-${field.name}`}
              type={field.kind === 'date' ? 'date' : 'text'}
              value={typeof values[field.name] === 'string' ? String(values[field.name]) : ''}
              onChange={(event) => setValues((old) => ({ ...old, [field.name]: event.target.value }))}
            />
          </div>
        ),
      )}
      <div className="actions">
        <button type="submit" className="button button-danger" disabled={busy} aria-busy={busy}>
          {t('termination.submit')}
        </button>
        <button type="button" className="button button-link" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
