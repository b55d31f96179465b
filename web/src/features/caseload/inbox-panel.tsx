/**
 * A supervisor's home screen starts with what waits on their office: transfers coming in (with the
 * office they come from and the date to decide by) and moves waiting for approval, each a link to
 * the case. A move (or a closing) can be approved or returned to the PK right from the list; a
 * return needs a comment, which the PK then sees on the case and in their caseload.
 */
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../shared/api-client';
import { decideApproval } from '../../shared/approvals-api';
import { useStageName } from '../../shared/case-labels';
import { CLOSED_STAGE } from '../../shared/case-view';
import { ConfirmDialog, confirmTexts } from '../../shared/confirm-dialog';
import { formatDate, useI18n, useTexts } from '../../shared/i18n/language';
import { LoadError } from '../../shared/load-error';
import { useAsync } from '../../shared/use-async';
import { useOfficeNamer, usePersonNamer } from '../people/names';
import { type InboxItem, listApprovals, listIncomingTransfers } from './api';
import { caseloadTexts } from './caseload-texts';

/** An approval as the inbox lists it: the waiting request's own fields beside the case's. */
type ApprovalItem = InboxItem & { id?: string; note?: string };

/** `folded` (on a phone): the lists wait behind a button that says how many requests wait. */
export function InboxPanel({ folded = false }: { folded?: boolean }) {
  const { t, lang } = useI18n();
  const texts = useTexts(caseloadTexts);
  const ids = useId();
  const stageName = useStageName();
  const personName = usePersonNamer(null);
  const officeName = useOfficeNamer();
  /** Bumped after a decision made here, so the approvals list is read again. */
  const [decisions, setDecisions] = useState(0);
  const [outcome, setOutcome] = useState('');
  const transfers = useAsync('inbox:transfers', (signal) => listIncomingTransfers(signal));
  const approvals = useAsync(`inbox:approvals:${decisions}`, (signal) => listApprovals(signal));
  const [open, setOpen] = useState(false);
  const waiting = [transfers, approvals].reduce(
    (sum, state) => sum + (state.status === 'done' ? state.data.items.length : 0),
    0,
  );

  const list = (
    state: typeof transfers,
    heading: (count: number) => string,
    empty: string,
    line: (item: ApprovalItem) => string,
    id: string,
    actions?: (item: ApprovalItem) => ReactNode,
  ) => (
    <div className="stack">
      {state.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {state.status === 'failed' ? <LoadError error={state.error} retry={state.retry} /> : null}
      {state.status === 'done' ? (
        <>
          <h3 id={id}>{heading(state.data.items.length)}</h3>
          {state.data.items.length === 0 ? (
            <p className="muted">{empty}</p>
          ) : (
            <ul aria-labelledby={id} className={actions ? 'inbox-list' : undefined}>
              {state.data.items.map((item: ApprovalItem) => (
                <li key={item.caseId}>
                  <Link to={`/kasus/${item.caseId}`}>{item.clientName}</Link> — {line(item)}
                  {actions?.(item)}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </div>
  );

  return (
    <section aria-labelledby={`${ids}-title`} className="section">
      <h2 id={`${ids}-title`} className={folded ? 'sr-only' : undefined}>
        {t('inbox.title')}
      </h2>
      {folded ? (
        <button
          type="button"
          className="button fold-toggle"
          aria-expanded={open}
          aria-controls={`${ids}-body`}
          onClick={() => setOpen((shown) => !shown)}
        >
          {texts.t('inboxToggle', { title: t('inbox.title'), count: waiting })}
        </button>
      ) : null}
      <div id={`${ids}-body`} hidden={folded && !open}>
        {list(
          transfers,
          (count) => t('inbox.transfers', { count }),
          t('inbox.noTransfers'),
          (item) =>
            [
              t('inbox.transferFrom', { office: item.fromOffice ? officeName(item.fromOffice) : '' }),
              item.due ? t('inbox.transferDue', { due: formatDate(item.due, lang) }) : '',
            ]
              .filter(Boolean)
              .join(', '),
          `${ids}-transfers`,
        )}
        <p role="status" className="status-success">
          {outcome}
        </p>
        {list(
          approvals,
          (count) => t('inbox.approvals', { count }),
          t('inbox.noApprovals'),
          (item) => {
            const who = personName(item.requestedBy ?? '');
            return item.to === CLOSED_STAGE
              ? texts.t('closingRequest', { who })
              : t('inbox.approvalMove', { stage: stageName(item.to ?? ''), who });
          },
          `${ids}-approvals`,
          (item) => (
            <ApprovalDecision
              item={item}
              onDecided={(message) => {
                setOutcome(message);
                setDecisions((n) => n + 1);
              }}
            />
          ),
        )}
      </div>
    </section>
  );
}

/** Approve (after a confirmation), or return with a comment, one waiting request from the list. */
function ApprovalDecision({ item, onDecided }: { item: ApprovalItem; onDecided: (message: string) => void }) {
  const { t } = useTexts(caseloadTexts);
  const confirmText = useTexts(confirmTexts).t;
  const common = useI18n();
  const stageName = useStageName();
  const ids = useId();
  const [confirming, setConfirming] = useState(false);
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [missing, setMissing] = useState(false);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (returning) commentRef.current?.focus();
  }, [returning]);

  const decide = async (decision: 'approve' | 'return') => {
    setBusy(true);
    setError(undefined);
    try {
      await decideApproval(item.caseId, item.id, {
        decision,
        ...(decision === 'return' ? { comment: comment.trim() } : {}),
      });
      setConfirming(false);
      onDecided(t(decision === 'approve' ? 'approvedFor' : 'returnedFor', { name: item.clientName }));
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  const onReturn = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!comment.trim()) {
      setMissing(true);
      commentRef.current?.focus();
      return;
    }
    void decide('return');
  };

  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of actions, not a form fieldset
    <div className="inbox-decision" role="group" aria-label={t('decideFor', { name: item.clientName })}>
      {item.note ? <p className="note-text meta">{common.t('approval.note', { note: item.note })}</p> : null}
      {returning ? (
        <form className="stack" onSubmit={onReturn} noValidate>
          <div className="field">
            <label htmlFor={`${ids}-comment`}>{t('returnComment')}</label>
            <textarea
              ref={commentRef}
              id={`${ids}-comment`}
              rows={2}
              maxLength={2000}
              value={comment}
              aria-invalid={missing && !comment.trim()}
              aria-describedby={missing && !comment.trim() ? `${ids}-missing` : undefined}
              onChange={(event) => setComment(event.target.value)}
            />
            {missing && !comment.trim() ? (
              <p id={`${ids}-missing`} className="field-error">
                {t('returnCommentNeeded')}
              </p>
            ) : null}
          </div>
          <div className="actions">
            <button type="submit" className="button button-small" disabled={busy} aria-busy={busy}>
              {t('returnFromList')}
            </button>
            <button
              type="button"
              className="button button-small button-link"
              disabled={busy}
              onClick={() => {
                setReturning(false);
                setMissing(false);
              }}
            >
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="button button-small button-primary"
            disabled={busy}
            aria-busy={busy}
            onClick={() => {
              setError(undefined);
              setConfirming(true);
            }}
          >
            {t('approveFromList')}
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() => setReturning(true)}
          >
            {t('returnFromList')}
          </button>
        </div>
      )}
      {error && !confirming ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={confirmText('approve.title')}
        confirmLabel={confirmText('approve.yes')}
        tone={item.to === CLOSED_STAGE ? 'danger' : 'primary'}
        busy={busy}
        error={confirming ? error : undefined}
        onConfirm={() => void decide('approve')}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {item.to === CLOSED_STAGE
            ? t('approveCloseFromList', { name: item.clientName })
            : confirmText('approve.move', { stage: stageName(item.to ?? '') })}
        </p>
      </ConfirmDialog>
    </div>
  );
}
