/**
 * A move waiting for Kabapas's approval (a worker asked for it and its case type requires approval):
 * where the case would go, why, who asked and when. A supervisor of the case's office approves it
 * (the move is made, after a confirmation that says what will happen: the stage it moves to, or the
 * closing and its reason) or returns it to the PK, with a comment.
 */
import { type FormEvent, useId, useState } from 'react';
import { ApiError, errorMessage } from '../../shared/api-client';
import { decideApproval } from '../../shared/approvals-api';
import { useStageName } from '../../shared/case-labels';
import type { CaseView, PendingApproval } from '../../shared/case-view';
import { CLOSED_STAGE } from '../../shared/case-view';
import { ConfirmDialog, confirmTexts } from '../../shared/confirm-dialog';
import { formatDate, formatDateTime, useI18n, useTexts } from '../../shared/i18n/language';
import { usePersonNamer } from '../people/names';
import type { CaseAccess } from './case-access';
import { dataFieldTitle } from './reason-data';

type Decision = 'approve' | 'return';

export function ApprovalPanel({
  kase,
  pending,
  access,
  onDecided,
  onStale,
}: {
  kase: CaseView;
  pending: PendingApproval;
  access: CaseAccess;
  onDecided: (next: CaseView, message: string) => void;
  onStale: () => Promise<void>;
}) {
  const { t, lang } = useI18n();
  const personName = usePersonNamer(kase.office);
  const ids = useId();
  const stageName = useStageName();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<Decision>();
  const [error, setError] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const confirmText = useTexts(confirmTexts).t;
  const reasons = kase.process?.termination.reasons ?? [];
  const reason = pending.reason ? reasons.find((candidate) => candidate.id === pending.reason) : undefined;
  const data = Object.entries(pending.data ?? {});
  const valueText = (value: unknown) =>
    typeof value === 'boolean'
      ? t(value ? 'app.yes' : 'app.no')
      : typeof value === 'string'
        ? formatDate(value, lang)
        : typeof value === 'number'
          ? String(value)
          : '';

  /** Resolves true once the decision is taken. */
  const decide = async (decision: Decision): Promise<boolean> => {
    setBusy(decision);
    setError(undefined);
    try {
      const next = await decideApproval(kase.id, pending.id, {
        decision,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      onDecided(
        next,
        decision === 'approve'
          ? t('approval.approved', { stage: stageName(next.stage, kase.process) })
          : t('approval.returned'),
      );
      return true;
    } catch (caught) {
      setError(errorMessage(caught));
      if (caught instanceof ApiError && caught.status === 412) await onStale();
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(undefined);
    setConfirming(true);
  };

  return (
    <section className="panel panel-notice approval" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('approval.pending', { stage: stageName(pending.to, kase.process) })}</h2>
      <p className="meta">
        {t('approval.requested', {
          by: personName(pending.requestedBy),
          at: formatDateTime(pending.requestedAt, lang),
        })}
      </p>
      {pending.reason ? <p>{t('approval.reason', { reason: reason?.title ?? pending.reason })}</p> : null}
      {data.length > 0 ? (
        <ul className="plain-list">
          {data.map(([name, value]) => (
            <li key={name}>
              {dataFieldTitle(reason ? [reason] : reasons, name) ?? name}: {valueText(value)}
            </li>
          ))}
        </ul>
      ) : null}
      {pending.note ? <p className="note-text">{t('approval.note', { note: pending.note })}</p> : null}
      {access.supervisor ? (
        <form className="stack" onSubmit={onSubmit} noValidate>
          <div className="field">
            <label htmlFor={`${ids}-comment`}>{t('approval.comment')}</label>
            <textarea
              id={`${ids}-comment`}
              rows={2}
              maxLength={2000}
              value={comment}
              onChange={(event) => setComment(event.target.value)}
            />
          </div>
          <div className="actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={busy !== undefined}
              aria-busy={busy === 'approve'}
            >
              {t('approval.approve')}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy !== undefined}
              aria-busy={busy === 'return'}
              onClick={() => void decide('return')}
            >
              {t('approval.return')}
            </button>
          </div>
          {error && !confirming ? (
            <p className="alert alert-error" role="alert">
              {error}
            </p>
          ) : null}
          <ConfirmDialog
            open={confirming}
            title={confirmText('approve.title')}
            confirmLabel={confirmText('approve.yes')}
            tone={pending.to === CLOSED_STAGE ? 'danger' : 'primary'}
            busy={busy === 'approve'}
            error={confirming ? error : undefined}
            onConfirm={() => {
              void decide('approve').then((ok) => {
                if (ok) setConfirming(false);
              });
            }}
            onCancel={() => setConfirming(false)}
          >
            <p>
              {pending.to === CLOSED_STAGE
                ? confirmText('approve.close', { reason: reason?.title ?? pending.reason ?? '' })
                : confirmText('approve.move', { stage: stageName(pending.to, kase.process) })}
            </p>
          </ConfirmDialog>
        </form>
      ) : null}
    </section>
  );
}
