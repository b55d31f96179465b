/**
 * "Formulir" on the case page: the forms the case type offers at the case's stage (`process.forms`,
 * titled from the forms list), one of them open for filling in. The form is rendered and checked
 * exactly as on the fill-form page (FormView); submitting files it on the case with an idempotency key
 * made once per attempt, so a double click or a retry after a lost answer never files it twice; the
 * server's field errors land on the fields; the work in progress is autosaved as a draft and comes
 * back when the form is opened again. A new form opens with what the case and the signed-in PK already
 * tell (`x-prefill`: the client's identity, the PK's name and NIP), and its heading takes the focus.
 */
import type { ErrorSchema } from '@rjsf/utils';
import { type FormEvent, memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import { translateForm } from '../../../../functions/validation/translations';
import { ApiError, errorMessage } from '../../shared/api-client';
import { formatDateTime, useI18n, useTexts } from '../../shared/i18n/language';
import { LoadError } from '../../shared/load-error';
import { type AsyncState, useAsync } from '../../shared/use-async';
import { useSession } from '../auth/session';
import { type FormSummary, formTitle, getForm, type PublishedForm } from '../forms/api';
import { FormView } from '../forms/form-view';
import { prefilled, prefillValuesFor } from '../forms/prefill';
import { type Refusal, RefusalAlerts } from '../forms/refusal-alerts';
import { serverErrorsToErrorSchema } from '../forms/server-errors';
import { formFillTexts } from '../forms/texts';
import type { FormValue } from '../forms/validator';
import { type CaseView, getDraft, type SubmissionResult, submitForm, type WorkDraft } from './api';
import { SubmissionDecisions } from './rule-explanation';
import { Section } from './section';
import { type AutosaveState, useAutosave } from './use-autosave';

interface Filed {
  title: string;
  result: SubmissionResult;
}

export function FormsSection({
  id,
  kase,
  forms,
  onSubmitted,
}: {
  id: string;
  kase: CaseView;
  forms: AsyncState<FormSummary[]>;
  onSubmitted: () => void;
}) {
  const { t, lang } = useI18n();
  const ids = useId();
  const [chosen, setChosen] = useState('');
  const [open, setOpen] = useState<string>();
  const [filed, setFiled] = useState<Filed>();
  const heading = useRef<HTMLHeadingElement>(null);
  const offered = offeredForms(kase.process?.forms ?? [], forms.status === 'done' ? forms.data : []);
  // A stage move can take the chosen form off the list, and close one that is open.
  const choice = offered.some((form) => form.id === chosen) ? chosen : '';
  const openForm =
    open !== undefined && (forms.status !== 'done' || offered.some((form) => form.id === open))
      ? open
      : undefined;

  const onOpen = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (choice === '') return;
    setFiled(undefined);
    setOpen(choice);
  };

  const optionText = (form: FormSummary) => {
    const last = kase.forms[form.id];
    return last
      ? t('caseForms.lastFiled', { title: formTitle(form, lang), date: formatDateTime(last.at, lang) })
      : formTitle(form, lang);
  };

  return (
    <Section id={id} title={t('caseForms.title')} headingRef={heading}>
      <p className="muted">{t('caseForms.intro')}</p>
      {forms.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {forms.status === 'failed' ? <LoadError error={forms.error} retry={forms.retry} /> : null}
      {forms.status === 'done' && offered.length === 0 ? (
        <p className="muted">{t('caseForms.noneOffered')}</p>
      ) : null}
      {forms.status === 'done' && offered.length > 0 ? (
        <form className="inline-form" onSubmit={onOpen}>
          <div className="field">
            <label htmlFor={`${ids}-form`}>{t('caseForms.choose')}</label>
            <select id={`${ids}-form`} value={choice} onChange={(event) => setChosen(event.target.value)}>
              <option value="">{t('caseForms.pick')}</option>
              {offered.map((form) => (
                <option key={form.id} value={form.id}>
                  {optionText(form)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button" disabled={choice === ''}>
            {t('caseForms.open')}
          </button>
        </form>
      ) : null}
      <p role="status" className="status-success">
        {filed ? t('caseForms.filed', { title: filed.title, version: filed.result.formVersion }) : ''}
      </p>
      {filed ? <SubmissionDecisions decisions={filed.result.decisions} /> : null}
      {openForm ? (
        <CaseFormLoader
          key={openForm}
          kase={kase}
          formId={openForm}
          onClose={() => {
            setOpen(undefined);
            heading.current?.focus();
          }}
          onFiled={(next) => {
            setOpen(undefined);
            setChosen('');
            setFiled(next);
            onSubmitted();
            heading.current?.focus();
          }}
        />
      ) : null}
    </Section>
  );
}

/** The forms offered at this stage, in the case type's order: those published (a title to show). */
function offeredForms(offered: readonly string[], forms: readonly FormSummary[]): FormSummary[] {
  const byId = new Map(forms.map((form) => [form.id, form]));
  return offered
    .map((id) => byId.get(id))
    .filter((form): form is FormSummary => form !== undefined && form.publishedVersion !== null);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Loaded {
  form: PublishedForm;
  draft: WorkDraft | null;
  /** A new form's data: what the case and the PK tell its prefilled fields. */
  initial: FormValue | undefined;
}

function CaseFormLoader({
  kase,
  formId,
  ...props
}: {
  kase: CaseView;
  formId: string;
  onClose: () => void;
  onFiled: (filed: Filed) => void;
}) {
  const { t } = useI18n();
  const session = useSession();
  const caseId = kase.id;
  const state = useAsync(`case-form:${caseId}:${formId}`, async (signal): Promise<Loaded> => {
    const draft = getDraft(caseId, formId, signal).catch((error: unknown) => {
      // No draft yet (404), or it cannot be read: the form opens empty either way.
      if (signal.aborted) throw error;
      return null;
    });
    const form = await getForm(formId, signal);
    const saved = await draft;
    if (restorable(saved)) return { form, draft: saved, initial: undefined };
    const values = await prefillValuesFor(
      form.schema,
      { client: kase.client, office: kase.office, workerName: session?.user.name ?? '' },
      signal,
    );
    return { form, draft: saved, initial: prefilled(form.schema, values) };
  });
  if (state.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (state.status === 'failed') return <LoadError error={state.error} retry={state.retry} />;
  return (
    <CaseFormFiller
      {...props}
      caseId={caseId}
      form={state.data.form}
      draft={state.data.draft}
      initial={state.data.initial}
    />
  );
}

type Outcome = Refusal;

function restorable(draft: WorkDraft | null): FormValue | undefined {
  return draft && isRecord(draft.data) ? draft.data : undefined;
}

function CaseFormFiller({
  caseId,
  form,
  draft,
  initial,
  onClose,
  onFiled,
}: {
  caseId: string;
  form: PublishedForm;
  draft: WorkDraft | null;
  initial: FormValue | undefined;
  onClose: () => void;
  onFiled: (filed: Filed) => void;
}) {
  const { t, lang } = useI18n();
  const fill = useTexts(formFillTexts);
  const ids = useId();
  // The title and description in the UI language where the form gives them.
  const shown = useMemo(() => translateForm(form, lang), [form, lang]);
  const restored = restorable(draft);
  const [formData, setFormData] = useState<FormValue | undefined>(restored ?? initial);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening a form puts the person at its start.
  useEffect(() => heading.current?.focus(), []);
  const [extraErrors, setExtraErrors] = useState<ErrorSchema<FormValue>>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [sending, setSending] = useState(false);
  const sendingNow = useRef(false);
  /** The idempotency key of the current attempt and the data it was made for. */
  const attempt = useRef<{ key: string; data: string } | undefined>(undefined);
  const autosave = useAutosave(caseId, form.id, restored ?? null);
  /** rjsf also reports the defaults it fills in on opening: only what the user did is autosaved. */
  const touched = useRef(false);

  const onChange = (data: FormValue | undefined) => {
    setFormData(data);
    if (touched.current) autosave.schedule(data ?? null);
  };
  const onTouch = () => {
    if (touched.current) return;
    touched.current = true;
    // A prefilled form becomes a draft from the first thing the person does in it, even a click.
    if (!restored && initial !== undefined) autosave.schedule(formData ?? null);
  };

  const onSubmit = async (data: FormValue) => {
    if (sendingNow.current) return;
    sendingNow.current = true;
    setSending(true);
    setOutcome(undefined);
    // The same data sent again (a double click, a retry after a lost answer) keeps its key, so the
    // server answers the first result instead of filing a second submission.
    const json = JSON.stringify(data);
    if (attempt.current?.data !== json) attempt.current = { key: crypto.randomUUID(), data: json };
    try {
      const result = await submitForm(caseId, { formId: form.id, data, idempotencyKey: attempt.current.key });
      attempt.current = undefined;
      void autosave.discard();
      onFiled({ title: shown.title, result });
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && error.details.length > 0) {
        setExtraErrors(serverErrorsToErrorSchema(error.details));
        setOutcome({ kind: 'rejected', count: error.details.length });
      } else {
        setOutcome({ kind: 'failed', message: errorMessage(error) });
      }
    } finally {
      sendingNow.current = false;
      setSending(false);
    }
  };

  // Drawn once, not on every key.
  const header = useMemo(
    () => (
      <header className="form-header">
        <h3 id={`${ids}-title`} ref={heading} tabIndex={-1}>
          {shown.title}
        </h3>
        <p className="meta">{t('form.version', { version: form.version })}</p>
        {shown.description ? (
          <details className="description">
            <summary>{t('caseForms.about')}</summary>
            <p>{shown.description}</p>
          </details>
        ) : null}
        {restored && draft ? (
          <p className="notice">{t('caseForms.restored', { date: formatDateTime(draft.updatedAt, lang) })}</p>
        ) : null}
        {!restored && initial ? <p className="notice">{fill.t('prefill.notice')}</p> : null}
      </header>
    ),
    [ids, form, shown, restored, draft, initial, t, fill.t, lang],
  );

  return (
    <section className="case-form" aria-labelledby={`${ids}-title`}>
      {header}
      <div onInputCapture={onTouch} onChangeCapture={onTouch} onClickCapture={onTouch}>
        <FormView
          form={form}
          formData={formData}
          onChange={onChange}
          onSubmit={(data) => void onSubmit(data)}
          onError={() => setOutcome(undefined)}
          extraErrors={extraErrors}
          sending={sending}
          headingLevel={4}
        />
      </div>
      <div className="outcome">
        <RefusalAlerts refusal={outcome} />
        <AutosaveNote state={autosave.state} />
        <button type="button" className="button button-link" onClick={onClose}>
          {t('caseForms.close')}
        </button>
      </div>
    </section>
  );
}

/** Drawn again only when the save state changes, not on every key. */
const AutosaveNote = memo(function AutosaveNote({ state }: { state: AutosaveState }) {
  const { t, lang } = useI18n();
  if (!state) return <p className="meta">{t('caseForms.autosave')}</p>;
  if (state.kind === 'saved')
    return <p className="meta">{t('caseForms.draftSaved', { time: formatDateTime(state.at, lang) })}</p>;
  return <p className="meta alert-text">{t('caseForms.draftFailed', { message: state.message })}</p>;
});
