/**
 * The live preview: the form as a worker will get it (the workers' `FormView`: same steps, widgets,
 * error list, calculated fields and messages), filled with example data (the schema's `examples[0]`
 * when it has one) that the administrator can change there or as JSON. What is wrong with that data
 * is listed live above the form, by field titles; "Kirim" checks it the way a worker's form does and
 * shows the errors at the fields (nothing is sent). The live list never moves the focus, so the
 * editor keeps it while typing. The preview follows the draft after a short pause in typing: the
 * form object is rebuilt only then (memoized on the schema and uiSchema objects, which the editor
 * replaces only when they change), so a key press in the editor costs nothing here.
 */
import { Component, type ReactNode, useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { Lang } from '../../../shared/i18n/dictionary';
import { useI18n, useTexts } from '../../../shared/i18n/language';
import type { PublishedForm } from '../../forms/api';
import { FormView } from '../../forms/form-view';
import { type FormValue, loadValidator, SourceRefused, SourceWithdrawn } from '../../forms/validator';
import { JsonEditor } from '../json-editor';
import type { FormDoc } from './outline';
import { checkPreview, type PreviewCheck, previewValidatorSource, titlesOfData } from './preview-validation';
import { formsTexts } from './texts';

/** The pause in typing after which the preview follows. */
export const PREVIEW_DELAY_MS = 40;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The schema's first example, when it is an object. */
export function exampleOf(schema: Record<string, unknown>): FormValue | undefined {
  const examples = schema.examples;
  const first: unknown = Array.isArray(examples) ? examples[0] : undefined;
  return isRecord(first) ? first : undefined;
}

/** `value` once it has stayed the same for `delay` ms. */
function useSettled<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (Object.is(value, settled)) return;
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, settled, delay]);
  return settled;
}

/** Catches what rjsf throws on a schema it cannot render; tried again when the schema changes. */
class PreviewBoundary extends Component<
  { resetKey: object; fallback: (error: Error) => ReactNode; children: ReactNode },
  { error?: Error; key?: object }
> {
  override state: { error?: Error; key?: object } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  static getDerivedStateFromProps(
    props: { resetKey: object },
    state: { error?: Error; key?: object },
  ): { error?: Error; key?: object } | null {
    return state.key === props.resetKey ? null : { key: props.resetKey, error: undefined };
  }
  override render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}

export function FormPreview({
  formId,
  doc,
  onUseAsExample,
  showing,
}: {
  formId: string;
  doc: FormDoc;
  /** The top-level field chosen in the outline: a long form's preview opens its step. */
  showing?: string | undefined;
  /** Stores the preview's data as the schema's `examples[0]`. */
  onUseAsExample: (data: FormValue) => void;
}) {
  const { t } = useTexts(formsTexts);
  const { lang } = useI18n();
  const headingId = useId();
  const problemsId = useId();
  const dataId = useId();
  const schema = useSettled(doc.schema, PREVIEW_DELAY_MS);
  const uiSchema = useSettled(doc.uiSchema, PREVIEW_DELAY_MS);
  const example = useMemo(() => exampleOf(schema), [schema]);
  const [data, setData] = useState<FormValue | undefined>(() => exampleOf(doc.schema));
  const [showData, setShowData] = useState(false);
  const [passed, setPassed] = useState(false);

  // A schema the server cannot compile (its meta-schema refuses it, or ajv does) puts the preview back
  // on the last good one. Both are found out after the form is drawn (the server compiles the draft
  // into its validators, see preview-validation.ts), and so is what is wrong with the example data.
  const [refused, setRefused] = useState<{ schema: object; message: string }>();
  const usable = refused?.schema !== schema;
  const [good, setGood] = useState(schema);
  if (usable && good !== schema) setGood(schema);
  const shownSchema = usable ? schema : good;
  const [check, setCheck] = useState<PreviewCheck>();
  useEffect(() => {
    let live = true;
    let idle: number | undefined;
    loadValidator(previewValidatorSource(formId, schema, lang)).then(
      (validator) => {
        if (!live) return;
        // When the browser is idle (not between two keys), and within half a second.
        idle = requestIdleCallback(() => setCheck(checkPreview(validator, schema, data)), { timeout: 500 });
      },
      (error: unknown) => {
        if (!live || error instanceof SourceWithdrawn) return;
        const message = error instanceof SourceRefused ? error.message : t('preview.unchecked');
        if (error instanceof SourceRefused) setRefused({ schema, message });
        setCheck({ ok: false, message });
      },
    );
    return () => {
      live = false;
      if (idle !== undefined) cancelIdleCallback(idle);
    };
  }, [formId, schema, data, lang, t]);
  const invalid = refused?.schema === schema ? refused.message : undefined;
  const validatorSource = useCallback(
    (language: Lang) => previewValidatorSource(formId, shownSchema, language),
    [formId, shownSchema],
  );

  const form = useMemo(
    (): PublishedForm => ({
      id: `studio-preview:${formId}`,
      version: 0,
      title: '',
      description: '',
      schema: shownSchema,
      uiSchema,
      publishedAt: '',
      publishedBy: '',
      note: null,
      fromVersion: null,
    }),
    [formId, shownSchema, uiSchema],
  );

  const onSubmit = useCallback(() => setPassed(true), []);
  const dataText = useMemo(() => JSON.stringify(data ?? {}, null, 2), [data]);
  const problems = check?.ok ? check.problems : [];
  const change = useCallback((next: FormValue | undefined) => {
    setData(next);
    setPassed(false);
  }, []);

  // The form is rendered again only when what it shows changes, not when the page around it does.
  const frame = useMemo(
    () => (
      <section
        className="studio-preview-frame"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
        tabIndex={0}
        aria-label={t('preview.frame')}
      >
        <PreviewBoundary
          resetKey={form}
          fallback={(error) => (
            <p className="alert alert-error" role="alert">
              {t('preview.failed', { reason: error.message })}
            </p>
          )}
        >
          <FormView
            form={form}
            formData={data}
            onChange={change}
            onSubmit={onSubmit}
            extraErrors={undefined}
            sending={false}
            headingLevel={3}
            openStepOf={showing}
            validatorSource={validatorSource}
          />
        </PreviewBoundary>
      </section>
    ),
    [form, data, t, change, onSubmit, showing, validatorSource],
  );

  return (
    <section className="studio-preview" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('preview.title')}</h2>
      <p className="hint">{t('preview.intro')}</p>
      <div className="studio-preview-actions">
        <button
          type="button"
          className="button button-small"
          onClick={() => change(example)}
          disabled={!example}
        >
          {t('preview.useExample')}
        </button>
        <button type="button" className="button button-small" onClick={() => change(undefined)}>
          {t('preview.clear')}
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => onUseAsExample(data ?? {})}
          disabled={data === undefined || data === example}
        >
          {t('preview.keepAsExample')}
        </button>
        <button
          type="button"
          className="button button-small"
          aria-expanded={showData}
          aria-controls={dataId}
          onClick={() => setShowData((on) => !on)}
        >
          {t('preview.dataJson')}
        </button>
      </div>
      <div id={dataId} hidden={!showData}>
        {showData ? <DataEditor text={dataText} onData={change} /> : null}
      </div>
      <div className="studio-preview-check" aria-live="polite">
        {invalid !== undefined ? (
          <>
            <p className="alert alert-error">{t('preview.invalidSchema')}</p>
            <p className="hint studio-preview-reason">{invalid}</p>
          </>
        ) : check === undefined ? null : !check.ok ? (
          <p className="hint">{check.message}</p>
        ) : problems.length === 0 ? (
          <p className="notice">{passed ? t('preview.submitted') : t('preview.valid')}</p>
        ) : (
          <details className="studio-preview-problems">
            <summary id={problemsId}>{t('preview.errors', { count: problems.length })}</summary>
            <ul aria-labelledby={problemsId}>
              {problems.slice(0, MAX_PROBLEMS).map((problem) => (
                <li key={`${problem.segments.join('/')}:${problem.message}`}>
                  {problem.segments.length > 0 ? (
                    <strong>{titlesOfData(shownSchema, problem.segments).join(' › ')}: </strong>
                  ) : null}
                  {problem.message}
                </li>
              ))}
            </ul>
            {problems.length > MAX_PROBLEMS ? (
              <p className="hint">{t('preview.moreErrors', { count: problems.length - MAX_PROBLEMS })}</p>
            ) : null}
          </details>
        )}
      </div>
      {frame}
    </section>
  );
}

/** How many of the example data's problems are listed (the count says how many there are). */
const MAX_PROBLEMS = 12;

/** The example data as JSON; a change that parses to an object goes into the preview. */
function DataEditor({ text, onData }: { text: string; onData: (data: FormValue) => void }) {
  const { t } = useTexts(formsTexts);
  const [value, setValue] = useState(text);
  const [emitted, setEmitted] = useState(text);
  // The data changed in the form: show it, unless it is what was typed here.
  if (text !== emitted) {
    setEmitted(text);
    setValue(text);
  }
  return (
    <JsonEditor
      label={t('preview.dataJsonLabel')}
      value={value}
      height="14rem"
      onChange={(next) => {
        setValue(next);
        try {
          const parsed: unknown = JSON.parse(next);
          if (isRecord(parsed)) {
            setEmitted(JSON.stringify(parsed, null, 2));
            onData(parsed);
          }
        } catch {
          // Not JSON yet: the editor marks where.
        }
      }}
    />
  );
}
