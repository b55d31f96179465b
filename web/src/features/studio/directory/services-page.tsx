/**
 * `/admin/layanan`: the referral directory PKs choose from when they refer a client, grouped by
 * service type and filtered by one (`?jenis=`, the server's `?type=`). Services are added, edited
 * (saved with If-Match on the version loaded; a 412 says so and loads the service again) and removed
 * after a confirmation.
 */
import { useCallback, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../../shared/api-client';
import { formatDateTime, useI18n, useTexts } from '../../../shared/i18n/language';
import { LoadError } from '../../../shared/load-error';
import { useAsync } from '../../../shared/use-async';
import { useDocumentTitle } from '../../../shared/use-document-title';
import { listServices, removeService, type Service } from './api';
import { isServiceType, SERVICE_TYPE_LABELS, SERVICE_TYPE_LIST } from './labels';
import { ServiceForm } from './service-form';
import { directoryTexts } from './texts';
import './directory.css';

type Editing = { service?: Service; notice?: string };

export function ServicesPage() {
  const { t, lang } = useTexts(directoryTexts);
  const common = useI18n();
  useDocumentTitle(t('services.title'));
  const [params, setParams] = useSearchParams();
  const raw = params.get('jenis');
  const filter = isServiceType(raw) ? raw : undefined;
  const [reload, setReload] = useState(0);
  const services = useAsync(`services:${filter ?? ''}:${reload}`, (signal) => listServices(filter, signal));
  const [editing, setEditing] = useState<Editing>();
  const [editorKey, setEditorKey] = useState(0);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const dirty = useRef(false);
  const onDirty = useCallback((value: boolean) => {
    dirty.current = value;
  }, []);
  const typeLabel = (type: string) => (isServiceType(type) ? common.t(SERVICE_TYPE_LABELS[type]) : type);

  const open = (next: Editing) => {
    if (!next.notice && dirty.current && !window.confirm(t('form.discard'))) return;
    dirty.current = false;
    setStatus('');
    setFailure(undefined);
    setEditing(next);
    setEditorKey((n) => n + 1);
  };

  const close = (message: string) => {
    dirty.current = false;
    setEditing(undefined);
    setStatus(message);
    setReload((n) => n + 1);
    headingRef.current?.focus();
  };

  /** Someone saved the service after it was opened here: load theirs into the form, and say so. */
  const reloadConflicting = async (id: string) => {
    try {
      const latest = (await listServices(undefined)).find((candidate) => candidate.id === id);
      setReload((n) => n + 1);
      if (latest) open({ service: latest, notice: t('services.conflict') });
      else close(t('services.goneMeanwhile'));
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };

  const remove = async (service: Service) => {
    if (!window.confirm(t('services.removeConfirm', { name: service.name }))) return;
    setFailure(undefined);
    try {
      await removeService(service.id);
      if (editing?.service?.id === service.id) setEditing(undefined);
      close(t('services.removed', { name: service.name }));
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };

  const all = services.status === 'done' ? services.data : [];
  const groups = SERVICE_TYPE_LIST.map((type) => ({
    type,
    items: all.filter((service) => service.type === type).sort((a, b) => a.name.localeCompare(b.name)),
  })).filter((group) => group.items.length > 0);

  return (
    <>
      <div className="page-heading">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('services.title')}
        </h1>
        <button type="button" className="button button-primary" onClick={() => open({})}>
          {t('services.addButton')}
        </button>
      </div>
      <p className="directory-intro">{t('services.intro')}</p>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="directory-type-filter">{t('services.filter')}</label>
          <select
            id="directory-type-filter"
            value={filter ?? ''}
            onChange={(event) => {
              const next = new URLSearchParams(params);
              if (event.target.value) next.set('jenis', event.target.value);
              else next.delete('jenis');
              setParams(next);
            }}
          >
            <option value="">{t('services.allTypes')}</option>
            {SERVICE_TYPE_LIST.map((type) => (
              <option key={type} value={type}>
                {typeLabel(type)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <p role="status" className="status-success">
        {status}
      </p>
      {failure ? (
        <p className="alert alert-error" role="alert">
          {failure}
        </p>
      ) : null}
      {editing ? (
        <ServiceForm
          key={editorKey}
          {...(editing.service ? { service: editing.service } : {})}
          {...(filter ? { defaultType: filter } : {})}
          {...(editing.notice ? { notice: editing.notice } : {})}
          onSaved={(saved, added) =>
            close(t(added ? 'services.added' : 'services.saved', { name: saved.name }))
          }
          onCancel={() => {
            dirty.current = false;
            setEditing(undefined);
            headingRef.current?.focus();
          }}
          onConflict={(id) => void reloadConflicting(id)}
          onDirty={onDirty}
        />
      ) : null}
      {services.status === 'loading' ? <p role="status">{t('loading')}</p> : null}
      {services.status === 'failed' ? <LoadError error={services.error} retry={services.retry} /> : null}
      {services.status === 'done' && groups.length === 0 ? (
        <p className="muted">
          {filter ? t('services.emptyType', { type: typeLabel(filter) }) : t('services.empty')}
        </p>
      ) : null}
      {services.status === 'done' && groups.length > 0 ? (
        <p className="meta">{t('services.count', { total: all.length })}</p>
      ) : null}
      {groups.map((group) => (
        <section key={group.type} className="section" aria-labelledby={`directory-group-${group.type}`}>
          <h2 id={`directory-group-${group.type}`}>
            {typeLabel(group.type)} <span className="meta">({group.items.length})</span>
          </h2>
          <ul className="card-list">
            {group.items.map((service) => (
              <li key={service.id} className="card directory-card">
                <h3 className="card-title">{service.name}</h3>
                <dl className="facts directory-facts">
                  {service.address ? (
                    <div>
                      <dt>{t('services.address')}</dt>
                      <dd>{service.address}</dd>
                    </div>
                  ) : null}
                  {service.contact ? (
                    <div>
                      <dt>{t('services.contact')}</dt>
                      <dd>{service.contact}</dd>
                    </div>
                  ) : null}
                  {service.hours ? (
                    <div>
                      <dt>{t('services.hours')}</dt>
                      <dd>{service.hours}</dd>
                    </div>
                  ) : null}
                </dl>
                {service.notes ? <p className="directory-notes">{service.notes}</p> : null}
                <p className="meta">
                  {t('services.updatedAt', { at: formatDateTime(service.updatedAt, lang) })}
                </p>
                <div className="actions">
                  <button type="button" className="button button-small" onClick={() => open({ service })}>
                    {t('services.edit')}
                    <span className="sr-only"> {service.name}</span>
                  </button>
                  <button
                    type="button"
                    className="button button-small button-danger"
                    onClick={() => void remove(service)}
                  >
                    {t('services.remove')}
                    <span className="sr-only"> {service.name}</span>
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
