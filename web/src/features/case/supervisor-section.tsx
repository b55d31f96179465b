/**
 * What only supervisors see: assigning the case to one of the office's active workers (picked by
 * name from the users directory), handing it to another office (picked by name), accepting a
 * transfer addressed to their own office, and the audit trail (oldest first, reads included).
 */
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, errorMessage, type Page } from '../../shared/api-client';
import { useLabel, useStageName } from '../../shared/case-labels';
import { formatDate, formatTimestamp, useI18n, useTexts } from '../../shared/i18n/language';
import { LoadError } from '../../shared/load-error';
import { MoreButton } from '../../shared/more-button';
import { useAsync } from '../../shared/use-async';
import { useMore } from '../../shared/use-more';
import { formTitle } from '../forms/api';
import { useOfficeNamer, useOfficePeople, useOffices, usePersonNamer } from '../people/names';
import { peopleTexts } from '../people/texts';
import {
  type AuditEntry,
  acceptTransfer,
  assignCase,
  type CaseView,
  cancelTransfer,
  listAudit,
  listFormsForCase,
  rejectTransfer,
  transferCase,
} from './api';
import { type AuditWords, auditDetail } from './audit-detail';
import type { CaseAccess } from './case-access';
import { Section } from './section';
import { useTransferConfirm } from './transfer-confirm';
import { AUDIT_ACTION_LABELS, REFERRAL_STATUS_LABELS } from './vocabulary';

export function SupervisorSection({
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
  // One confirmation for the section: it outlives the form that caused it (accepting a transfer
  // makes this office the case's, so the accept button gives way to the office's own tools).
  const [done, setDone] = useState<string>();
  const changed = (next: CaseView, message: string) => {
    setDone(message);
    onChanged(next);
  };
  return (
    <Section id={id} title={t('supervisor.title')}>
      <p role="status" className="status-success">
        {done ?? ''}
      </p>
      {access.receiving ? <AcceptTransfer kase={kase} onChanged={changed} /> : null}
      {access.supervisor ? (
        <>
          <AssignForm kase={kase} onChanged={changed} onStale={onStale} />
          {kase.transfer ? (
            <CancelTransfer kase={kase} onChanged={changed} />
          ) : (
            <TransferForm kase={kase} onChanged={changed} />
          )}
          <AuditTrail kase={kase} />
        </>
      ) : null}
    </Section>
  );
}

type Changed = (next: CaseView, message: string) => void;

/** A small action with its busy state and error; success is reported to the section. */
function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (action: () => Promise<void>, onFailure?: (error: unknown) => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(errorMessage(caught));
      await onFailure?.(caught);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

function Failure({ error }: { error: string | undefined }): ReactNode {
  return error ? (
    <p className="alert alert-error" role="alert">
      {error}
    </p>
  ) : null;
}

/** A required reason (for a transfer, or for refusing one), with its message when left empty. */
function ReasonField({
  id,
  label,
  value,
  onChange,
  missing,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  missing: string | undefined;
}) {
  return (
    <>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <textarea
          id={id}
          rows={2}
          maxLength={2000}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      </div>
      {missing ? (
        <p className="alert alert-error" role="alert">
          {missing}
        </p>
      ) : null}
    </>
  );
}

function AssignForm({
  kase,
  onChanged,
  onStale,
}: {
  kase: CaseView;
  onChanged: Changed;
  onStale: () => Promise<void>;
}) {
  const { t } = useI18n();
  const people = useTexts(peopleTexts);
  const ids = useId();
  const directory = useOfficePeople(kase.office);
  const nameOf = usePersonNamer(kase.office);
  const officeName = useOfficeNamer();
  const workers = (directory ?? []).filter((person) => person.active && person.roles.includes('worker'));
  const [assignee, setAssignee] = useState('');
  const action = useAction();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const who = workers.find((person) => person.id === assignee);
    if (!who) return;
    void action.run(
      async () => {
        const next = await assignCase(kase.id, kase.version, who.id);
        setAssignee('');
        onChanged(next, people.t('assign.done', { name: who.name }));
      },
      async (error) => {
        if (error instanceof ApiError && error.status === 412) await onStale();
      },
    );
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('supervisor.assign')}</h3>
      <p>
        {t('supervisor.currentAssignee')}{' '}
        <strong>{kase.assignee ? nameOf(kase.assignee) : t('case.unassigned')}</strong>
      </p>
      <div className="inline-form">
        <div className="field">
          <label htmlFor={`${ids}-user`}>{people.t('assign.pick')}</label>
          <select
            id={`${ids}-user`}
            value={assignee}
            onChange={(event) => setAssignee(event.target.value)}
            aria-describedby={`${ids}-hint`}
          >
            <option value="">{people.t('assign.choose')}</option>
            {workers.map((person) => (
              <option key={person.id} value={person.id} disabled={person.id === kase.assignee}>
                {person.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={action.busy || assignee === ''}>
          {people.t('assign.submit')}
        </button>
      </div>
      <p id={`${ids}-hint`} className="hint">
        {directory === undefined
          ? people.t('loading')
          : workers.length === 0
            ? people.t('assign.none')
            : people.t('assign.hint', { office: officeName(kase.office) })}
      </p>
      <Failure error={action.error} />
    </form>
  );
}

function TransferForm({ kase, onChanged }: { kase: CaseView; onChanged: Changed }) {
  const { t, lang } = useI18n();
  const people = useTexts(peopleTexts);
  const ids = useId();
  const offices = useOffices();
  const targets = (offices ?? []).filter((office) => office.id !== kase.office);
  const [toOffice, setToOffice] = useState('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const action = useAction();
  const confirm = useTransferConfirm();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = targets.find((office) => office.id === toOffice);
    if (!target || reason.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    void action.run(async () => {
      if (!(await confirm.ask({ kind: 'send', office: target.name, reason: reason.trim() }))) return;
      const next = await transferCase(kase.id, { toOffice: target.id, reason: reason.trim() });
      const due = next.transfer?.due;
      onChanged(
        next,
        due
          ? t('supervisor.transferred', { office: target.name, due: formatDate(due, lang) })
          : t('supervisor.transferredOpen', { office: target.name }),
      );
    });
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('supervisor.transfer')}</h3>
      <div className="field">
        <label htmlFor={`${ids}-office`}>{people.t('transfer.office')}</label>
        <select
          id={`${ids}-office`}
          value={toOffice}
          onChange={(event) => setToOffice(event.target.value)}
          aria-describedby={`${ids}-office-hint`}
        >
          <option value="">{people.t('transfer.choose')}</option>
          {targets.map((office) => (
            <option key={office.id} value={office.id}>
              {office.name}
            </option>
          ))}
        </select>
        <p id={`${ids}-office-hint`} className="hint">
          {offices === undefined
            ? people.t('loading')
            : targets.length === 0
              ? people.t('transfer.none')
              : people.t('transfer.hint')}
        </p>
      </div>
      <ReasonField
        id={`${ids}-reason`}
        label={t('supervisor.transferReason')}
        value={reason}
        onChange={setReason}
        missing={missing ? t('supervisor.transferMissing') : undefined}
      />
      <div>
        <button type="submit" className="button" disabled={action.busy} aria-busy={action.busy}>
          {t('supervisor.transferSubmit')}
        </button>
      </div>
      {confirm.dialog}
      <Failure error={action.error} />
    </form>
  );
}

function AcceptTransfer({ kase, onChanged }: { kase: CaseView; onChanged: Changed }) {
  const { t, lang } = useI18n();
  const officeName = useOfficeNamer();
  const ids = useId();
  const navigate = useNavigate();
  const action = useAction();
  const confirm = useTransferConfirm();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const due = kase.transfer?.due;

  const reject = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    void action.run(async () => {
      if (!(await confirm.ask({ kind: 'reject', office: officeName(kase.office), reason: reason.trim() })))
        return;
      const next = await rejectTransfer(kase.id, reason.trim());
      // The case stays with the other office: this office has nothing more to do on it.
      navigate('/kasus', {
        state: { notice: t('supervisor.rejected', { office: officeName(next.office) }) },
      });
    });
  };

  return (
    <section className="stack" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('supervisor.accept')}</h3>
      <p>{t('supervisor.acceptIntro', { office: officeName(kase.office) })}</p>
      {kase.transfer?.reason ? (
        <p>{t('supervisor.transferReasonWas', { reason: kase.transfer.reason })}</p>
      ) : null}
      {due ? <p>{t('supervisor.decideBy', { due: formatDate(due, lang) })}</p> : null}
      <div className="inline-form">
        <button
          type="button"
          className="button button-primary"
          disabled={action.busy}
          aria-busy={action.busy}
          onClick={() =>
            void action.run(async () => {
              if (!(await confirm.ask({ kind: 'accept', office: officeName(kase.office) }))) return;
              const next = await acceptTransfer(kase.id);
              onChanged(next, t('supervisor.accepted', { office: officeName(next.office) }));
            })
          }
        >
          {t('supervisor.acceptSubmit')}
        </button>
        <button
          type="button"
          className="button"
          aria-expanded={rejecting}
          aria-controls={`${ids}-reject`}
          onClick={() => setRejecting((open) => !open)}
        >
          {t('supervisor.reject')}
        </button>
      </div>
      <div id={`${ids}-reject`}>
        {rejecting ? (
          <form className="stack" onSubmit={reject} noValidate>
            <ReasonField
              id={`${ids}-reason`}
              label={t('supervisor.rejectReason')}
              value={reason}
              onChange={setReason}
              missing={missing ? t('supervisor.rejectMissing') : undefined}
            />
            <div>
              <button type="submit" className="button" disabled={action.busy} aria-busy={action.busy}>
                {t('supervisor.rejectSubmit')}
              </button>
            </div>
          </form>
        ) : null}
      </div>
      {confirm.dialog}
      <Failure error={action.error} />
    </section>
  );
}

/** The sending office sees its pending transfer and may take it back, after confirming. */
function CancelTransfer({ kase, onChanged }: { kase: CaseView; onChanged: Changed }) {
  const { t, lang } = useI18n();
  const officeName = useOfficeNamer();
  const ids = useId();
  const action = useAction();
  const confirm = useTransferConfirm();
  const transfer = kase.transfer;
  if (!transfer) return null;
  return (
    <section className="stack" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('supervisor.pendingTransfer')}</h3>
      <p>
        {transfer.due
          ? t('supervisor.pendingTransferDue', {
              office: officeName(transfer.toOffice),
              due: formatDate(transfer.due, lang),
            })
          : t('supervisor.pendingTransferOpen', { office: officeName(transfer.toOffice) })}
      </p>
      <div>
        <button
          type="button"
          className="button"
          disabled={action.busy}
          aria-busy={action.busy}
          onClick={() =>
            void action.run(async () => {
              if (!(await confirm.ask({ kind: 'cancel', office: officeName(transfer.toOffice) }))) return;
              const next = await cancelTransfer(kase.id);
              onChanged(next, t('supervisor.cancelled', { office: officeName(transfer.toOffice) }));
            })
          }
        >
          {t('supervisor.cancelTransfer')}
        </button>
      </div>
      {confirm.dialog}
      <Failure error={action.error} />
    </section>
  );
}

function AuditTrail({ kase }: { kase: CaseView }) {
  const { t } = useI18n();
  const ids = useId();
  const [shown, setShown] = useState(false);
  return (
    <section aria-labelledby={`${ids}-title`} className="audit">
      <h3 id={`${ids}-title`}>{t('audit.title')}</h3>
      <p className="muted">{t('audit.intro')}</p>
      {shown ? (
        <AuditLoader kase={kase} />
      ) : (
        <button type="button" className="button" onClick={() => setShown(true)}>
          {t('audit.show')}
        </button>
      )}
    </section>
  );
}

function AuditLoader({ kase }: { kase: CaseView }) {
  const { t } = useI18n();
  const first = useAsync(`audit:${kase.id}`, (signal) => listAudit(kase.id, null, signal));
  if (first.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (first.status === 'failed') return <LoadError error={first.error} retry={first.retry} />;
  return <AuditTable kase={kase} first={first.data} />;
}

/** The words an audit entry's details are told in: names and titles, never ids. */
function useAuditWords(kase: CaseView): AuditWords {
  const { t, lang } = useI18n();
  const stageName = useStageName();
  const officeName = useOfficeNamer();
  const personName = usePersonNamer(kase.office);
  const label = useLabel();
  const forms = useAsync('case-forms', (signal) => listFormsForCase(signal));
  const formNames = new Map(
    forms.status === 'done' ? forms.data.map((form) => [form.id, formTitle(form, lang)]) : [],
  );
  const reasons = kase.process?.termination.reasons ?? [];
  return {
    t,
    stage: (id) => stageName(id, kase.process),
    office: officeName,
    person: personName,
    // A form the list could not name (it failed to load, or the form is gone): its id, not a wait.
    form: (id) => formNames.get(id) ?? (forms.status === 'loading' ? t('app.loading') : id),
    reason: (id) => reasons.find((reason) => reason.id === id)?.title ?? id,
    referralStatus: (status) => label(REFERRAL_STATUS_LABELS, status),
    date: (date) => formatDate(date, lang),
  };
}

function AuditTable({ kase, first }: { kase: CaseView; first: Page<AuditEntry> }) {
  const { t, lang } = useI18n();
  const words = useAuditWords(kase);
  const list = useMore(first, (cursor) => listAudit(kase.id, cursor));
  return (
    <>
      <div className="table-wrap">
        <table className="table audit-table">
          <caption className="sr-only">{t('audit.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((entry, index) => {
              const known = AUDIT_ACTION_LABELS[entry.action];
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: audit entries have no id; the trail only grows at its end
                <tr key={index}>
                  <td>
                    <time dateTime={entry.at}>{formatTimestamp(entry.at, lang)}</time>
                  </td>
                  <td>{words.person(entry.actor)}</td>
                  <td>{known ? t(known) : entry.action}</td>
                  <td className="detail">{auditDetail(entry.action, entry.detail, words)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <MoreButton list={list} />
    </>
  );
}
