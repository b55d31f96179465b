/**
 * "Rujukan": referrals to services of the directory, newest first. A new one names a service (chosen
 * from the directory, grouped by type), a reason and the client's explicit consent; the server
 * refuses it without consent and its message is shown. A referral's status then moves on (accepted,
 * rejected, completed, cancelled) with an outcome.
 */
import { type FormEvent, useId, useState } from 'react';
import { errorMessage, type Page } from '../../shared/api-client';
import { useLabel } from '../../shared/case-labels';
import { formatDateTime, useI18n } from '../../shared/i18n/language';
import { LoadError } from '../../shared/load-error';
import { MoreButton } from '../../shared/more-button';
import { useAsync } from '../../shared/use-async';
import { useMore } from '../../shared/use-more';
import { usePersonNamer } from '../people/names';
import { addReferral, listReferrals, listServices, type Referral, type Service, updateReferral } from './api';
import { Section } from './section';
import {
  REFERRAL_MOVES,
  REFERRAL_STATUS_LABELS,
  type ReferralStatus,
  SERVICE_TYPE_LABELS,
} from './vocabulary';

export function ReferralsSection({
  id,
  caseId,
  canWrite,
}: {
  id: string;
  caseId: string;
  canWrite: boolean;
}) {
  const { t } = useI18n();
  const first = useAsync(`referrals:${caseId}`, (signal) => listReferrals(caseId, null, signal));
  return (
    <Section id={id} title={t('referrals.title')}>
      {first.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {first.status === 'failed' ? <LoadError error={first.error} retry={first.retry} /> : null}
      {first.status === 'done' ? <Referrals caseId={caseId} first={first.data} canWrite={canWrite} /> : null}
    </Section>
  );
}

function Referrals({
  caseId,
  first,
  canWrite,
}: {
  caseId: string;
  first: Page<Referral>;
  canWrite: boolean;
}) {
  const { t, lang } = useI18n();
  const personName = usePersonNamer(null);
  const label = useLabel();
  const list = useMore(first, (cursor) => listReferrals(caseId, cursor));
  const [changed, setChanged] = useState<Referral>();
  return (
    <>
      <p role="status" className="status-success">
        {changed
          ? t('referrals.statusChanged', {
              service: changed.serviceName,
              status: label(REFERRAL_STATUS_LABELS, changed.status),
            })
          : ''}
      </p>
      {list.items.length === 0 ? (
        <p className="muted">{t('referrals.empty')}</p>
      ) : (
        <ul className="item-list">
          {list.items.map((referral) => (
            <li key={referral.id} className="item item-stacked">
              <p className="item-title">
                {referral.serviceName}{' '}
                <span className="meta">({label(SERVICE_TYPE_LABELS, referral.serviceType)})</span>{' '}
                <span className={`badge status-${referral.status}`}>
                  {label(REFERRAL_STATUS_LABELS, referral.status)}
                </span>
              </p>
              <p>{referral.reason}</p>
              {referral.outcome ? <p>{t('referrals.outcomeIs', { outcome: referral.outcome })}</p> : null}
              <p className="meta">
                {t('referrals.by', {
                  by: personName(referral.createdBy),
                  at: formatDateTime(referral.createdAt, lang),
                })}
              </p>
              {canWrite && REFERRAL_MOVES[referral.status].length > 0 ? (
                <StatusForm
                  key={referral.version}
                  caseId={caseId}
                  referral={referral}
                  onChanged={(next) => {
                    list.replace((item) => item.id === next.id, next);
                    setChanged(next);
                  }}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <MoreButton list={list} />
      {canWrite ? <ReferralForm caseId={caseId} onAdded={list.prepend} /> : null}
    </>
  );
}

function StatusForm({
  caseId,
  referral,
  onChanged,
}: {
  caseId: string;
  referral: Referral;
  onChanged: (next: Referral) => void;
}) {
  const { t } = useI18n();
  const label = useLabel();
  const ids = useId();
  const moves = REFERRAL_MOVES[referral.status];
  const [status, setStatus] = useState<ReferralStatus | ''>('');
  const [outcome, setOutcome] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (status === '') {
      setError(t('referrals.statusMissing'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onChanged(
        await updateReferral(caseId, referral, {
          status,
          ...(outcome.trim() ? { outcome: outcome.trim() } : {}),
        }),
      );
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="inline-form status-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${ids}-status`}>
          {t('referrals.newStatus')}
          <span className="sr-only"> ({referral.serviceName})</span>
        </label>
        <select
          id={`${ids}-status`}
          value={status}
          onChange={(event) => {
            const value = event.target.value;
            setStatus(moves.find((move) => move === value) ?? '');
          }}
        >
          <option value="">{t('referrals.pickStatus')}</option>
          {moves.map((move) => (
            <option key={move} value={move}>
              {label(REFERRAL_STATUS_LABELS, move)}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-grow">
        <label htmlFor={`${ids}-outcome`}>{t('referrals.outcome')}</label>
        <input
          id={`${ids}-outcome`}
          type="text"
          maxLength={4000}
          value={outcome}
          onChange={(event) => setOutcome(event.target.value)}
        />
      </div>
      <button type="submit" className="button" disabled={busy} aria-busy={busy}>
        {t('referrals.saveStatus')}
      </button>
      {error ? (
        <p className="alert alert-error form-wide" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function ReferralForm({ caseId, onAdded }: { caseId: string; onAdded: (referral: Referral) => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const ids = useId();
  const services = useAsync('services', (signal) => listServices(signal));
  const [serviceId, setServiceId] = useState('');
  const [reason, setReason] = useState('');
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [added, setAdded] = useState<string>();

  const all = services.status === 'done' ? services.data.items : [];
  const groups = new Map<string, Service[]>();
  for (const service of all) groups.set(service.type, [...(groups.get(service.type) ?? []), service]);
  const byType = [...groups.entries()]
    .map(([type, items]) => ({
      type,
      label: label(SERVICE_TYPE_LABELS, type),
      items: items.sort((a, b) => a.name.localeCompare(b.name)),
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const chosen = all.find((service) => service.id === serviceId);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAdded(undefined);
    if (serviceId === '' || reason.trim() === '') {
      setError(t('referrals.missing'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      // Sent as ticked: the server is the one that refuses a referral without consent.
      const referral = await addReferral(caseId, { serviceId, reason: reason.trim(), consent });
      onAdded(referral);
      setAdded(referral.serviceName);
      setServiceId('');
      setReason('');
      setConsent(false);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack referral-form" onSubmit={submit} noValidate aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('referrals.add')}</h3>
      {services.status === 'failed' ? <LoadError error={services.error} retry={services.retry} /> : null}
      <div className="field">
        <label htmlFor={`${ids}-service`}>{t('referrals.service')}</label>
        <select
          id={`${ids}-service`}
          value={serviceId}
          onChange={(event) => setServiceId(event.target.value)}
          aria-describedby={chosen ? `${ids}-service-info` : undefined}
        >
          <option value="">
            {services.status === 'loading' ? t('app.loading') : t('referrals.pickService')}
          </option>
          {byType.map((group) => (
            <optgroup key={group.type} label={group.label}>
              {group.items.map((service) => (
                <option key={service.id} value={service.id}>
                  {service.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {chosen ? (
          <p id={`${ids}-service-info`} className="hint">
            {[chosen.address, chosen.contact, chosen.hours].filter(Boolean).join(' · ')}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${ids}-reason`}>{t('referrals.reason')}</label>
        <textarea
          id={`${ids}-reason`}
          rows={3}
          maxLength={4000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
      <div className="field field-check">
        <input
          id={`${ids}-consent`}
          type="checkbox"
          checked={consent}
          onChange={(event) => setConsent(event.target.checked)}
        />
        <label htmlFor={`${ids}-consent`}>{t('referrals.consent')}</label>
      </div>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      <p role="status" className="status-success">
        {added ? t('referrals.added', { service: added }) : ''}
      </p>
      <div>
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
          {t('referrals.submit')}
        </button>
      </div>
    </form>
  );
}
