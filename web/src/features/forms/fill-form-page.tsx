/**
 * `/formulir/:id`: fills in the published version of a form. The browser validates first (same rules
 * and messages as the server); then the server checks the data, and its errors are shown on the fields.
 */
import type { ErrorSchema } from '@rjsf/utils';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { translateForm } from '../../../../functions/validation/translations';
import { errorMessage } from '../../shared/api-client';
import { formatDateTime, useI18n } from '../../shared/i18n/language';
import { LoadError } from '../../shared/load-error';
import { useAsync } from '../../shared/use-async';
import { useDocumentTitle } from '../../shared/use-document-title';
import { getForm, type PublishedForm, validateFormData } from './api';
import { FormView } from './form-view';
import { type Refusal, RefusalAlerts } from './refusal-alerts';
import { serverErrorsToErrorSchema } from './server-errors';
import type { FormValue } from './validator';

type Outcome = { kind: 'accepted'; version: number | 'draft' } | Refusal;

export function FillFormPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const state = useAsync(`form:${id}`, (signal) => getForm(id, signal));
  useDocumentTitle(state.status === 'done' ? translateForm(state.data, lang).title : t('forms.title'));

  return (
    <>
      <p className="back">
        <Link to="/formulir">{t('form.back')}</Link>
      </p>
      {state.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {state.status === 'failed' ? <LoadError error={state.error} retry={state.retry} /> : null}
      {state.status === 'done' ? (
        <FormFiller key={`${state.data.id}@${state.data.version}`} form={state.data} />
      ) : null}
    </>
  );
}

function FormFiller({ form }: { form: PublishedForm }) {
  const { t, lang } = useI18n();
  const [formData, setFormData] = useState<FormValue>();
  const [extraErrors, setExtraErrors] = useState<ErrorSchema<FormValue>>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [sending, setSending] = useState(false);

  const onSubmit = async (data: FormValue) => {
    setSending(true);
    setOutcome(undefined);
    try {
      const result = await validateFormData(form.id, data, form.version);
      if (result.valid) {
        setExtraErrors(undefined);
        setOutcome({ kind: 'accepted', version: result.version });
      } else {
        setExtraErrors(serverErrorsToErrorSchema(result.errors));
        setOutcome({ kind: 'rejected', count: result.errors.length });
      }
    } catch (error) {
      setOutcome({ kind: 'failed', message: errorMessage(error) });
    } finally {
      setSending(false);
    }
  };

  // The title and description in the UI language where the form gives them.
  const shown = useMemo(() => translateForm(form, lang), [form, lang]);
  // Drawn once, not on every key.
  const header = useMemo(
    () => (
      <header className="form-header">
        <h1>{shown.title}</h1>
        <p className="meta">
          {t('form.version', { version: form.version })}
          {form.publishedAt
            ? ` · ${t('form.published', { date: formatDateTime(form.publishedAt, lang) })}`
            : ''}
        </p>
        {shown.description ? <p className="description">{shown.description}</p> : null}
      </header>
    ),
    [form, shown, t, lang],
  );

  return (
    <article className="form-page">
      {header}
      <FormView
        form={form}
        formData={formData}
        onChange={setFormData}
        onSubmit={onSubmit}
        onError={() => setOutcome(undefined)}
        extraErrors={extraErrors}
        sending={sending}
      />
      <div className="outcome">
        <p role="status" className="status-success">
          {outcome?.kind === 'accepted' ? t('form.accepted', { version: outcome.version }) : ''}
        </p>
        <RefusalAlerts refusal={outcome?.kind === 'accepted' ? undefined : outcome} />
      </div>
    </article>
  );
}
