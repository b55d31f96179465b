/**
 * One published form rendered by @rjsf/core the Kawal way: the validator shared with the server, the
 * accessible radio group, the error list that names fields by title, rjsf's own texts in the UI
 * language, unanswered questions left unanswered, and calculated fields (`x-calculate`) computed live
 * and shown read-only. The fill-form page and the case page both use it; what happens on submit
 * (validate only, or file a submission on a case) is the caller's.
 */
import Form, { type IChangeEvent } from '@rjsf/core';
import type { ErrorSchema, RJSFSchema, RJSFValidationError, UiSchema } from '@rjsf/utils';
import pointer from 'json-pointer';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { CalculatedField } from '../../../../functions/validation/calculate';
import { useI18n } from '../../shared/i18n/language';
import type { PublishedForm } from './api';
import { ErrorList, type ErrorListContext } from './error-list';
import { RadioWidget } from './radio-widget';
import { rjsfTranslator } from './rjsf-strings';
import { useCalculations } from './use-calculations';
import { type FormValue, validatorFor } from './validator';

const templates = { ErrorListTemplate: ErrorList };
const widgets = { RadioWidget };

/**
 * An unanswered question must stay unanswered so `required` catches it. By default rjsf pre-fills the
 * first `const` of a `oneOf` and `false` for a required boolean, so every Ya/Tidak item of an
 * assessment would start out answered.
 */
const defaultFormStateBehavior = { constAsDefaults: 'skipOneOf', requiredBooleanDefault: 'skip' } as const;

/**
 * Errors as the server reports them: without ajv's "must match the then schema", which only repeats
 * that a part opened by an `if` has errors of its own (listed beside it).
 */
const transformErrors = (errors: RJSFValidationError[]) => errors.filter((error) => error.name !== 'if');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The uiSchema with each calculated field read-only (whatever the schema says), and a hint that it is
 * calculated where the form gives it no help text of its own.
 */
function withCalculatedFields(
  uiSchema: Record<string, unknown>,
  fields: readonly CalculatedField[],
  hint: string,
): Record<string, unknown> {
  const root: Record<string, unknown> = { ...uiSchema };
  for (const field of fields) {
    let node = root;
    for (const segment of pointer.parse(field.pointer)) {
      const own = Object.hasOwn(node, segment) ? node[segment] : undefined;
      const next: Record<string, unknown> = { ...(isRecord(own) ? own : {}) };
      Object.defineProperty(node, segment, {
        value: next,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      node = next;
    }
    node['ui:readonly'] = true;
    if (node['ui:help'] === undefined) node['ui:help'] = hint;
  }
  return root;
}

export interface FormViewProps {
  form: PublishedForm;
  formData: FormValue | undefined;
  onChange(data: FormValue | undefined): void;
  /** Called with the data once the browser-side validation passed. */
  onSubmit(data: FormValue): void;
  /** Called when the browser-side validation failed. */
  onError?(): void;
  /** Errors from the server, shown on their fields (see `serverErrorsToErrorSchema`). */
  extraErrors: ErrorSchema<FormValue> | undefined;
  /** While true the submit button is disabled. */
  sending: boolean;
  /** The level of the error list's heading: 2 on a page of its own, deeper inside a page section. */
  headingLevel?: ErrorListContext['headingLevel'];
}

export function FormView({
  form,
  formData,
  onChange,
  onSubmit,
  onError,
  extraErrors,
  sending,
  headingLevel = 2,
}: FormViewProps) {
  const { t, lang } = useI18n();
  const validator = validatorFor(form);
  const schema = form.schema as RJSFSchema;
  const calculations = useCalculations(form.schema, formData, onChange);
  const fields = calculations.fields;
  const wrapper = useRef<HTMLDivElement>(null);
  /** Bumped when a submit waited for the calculations: sends the form again once they are in. */
  const [resubmit, setResubmit] = useState(0);

  useEffect(() => {
    if (resubmit === 0) return;
    // After rjsf has taken the calculated data into its own state.
    const timer = setTimeout(() => wrapper.current?.querySelector('form')?.requestSubmit(), 0);
    return () => clearTimeout(timer);
  }, [resubmit]);

  /** The submit sent again after the calculations: it goes through whatever they did. */
  const resubmitting = useRef(false);

  /** A submit in the pause before the calculations ran waits for them, so what is checked is current. */
  const onSubmitCapture = (event: FormEvent<HTMLDivElement>) => {
    if (resubmitting.current) {
      resubmitting.current = false;
      return;
    }
    if (!calculations.pending()) return;
    event.preventDefault();
    event.stopPropagation();
    void calculations.flush().then(() => {
      resubmitting.current = true;
      setResubmit((n) => n + 1);
    });
  };

  const uiSchema = useMemo((): UiSchema<FormValue, RJSFSchema> => {
    const own = form.uiSchema['ui:submitButtonOptions'];
    return {
      ...withCalculatedFields(form.uiSchema, fields, t('form.calculated')),
      'ui:submitButtonOptions': {
        ...(isRecord(own) ? own : {}),
        submitText: t('form.submit'),
        props: { disabled: sending, className: 'button-primary' },
      },
    };
  }, [form.uiSchema, fields, t, sending]);
  const translateString = useMemo(() => rjsfTranslator(lang), [lang]);
  const formContext = useMemo((): ErrorListContext => ({ headingLevel }), [headingLevel]);

  return (
    <div ref={wrapper} onSubmitCapture={onSubmitCapture}>
      <Form<FormValue, RJSFSchema, ErrorListContext>
        schema={schema}
        uiSchema={uiSchema}
        validator={validator}
        formData={formData}
        formContext={formContext}
        onChange={(event) => onChange(event.formData)}
        onSubmit={({ formData: data }: IChangeEvent<FormValue, RJSFSchema, ErrorListContext>) =>
          onSubmit(data ?? {})
        }
        onError={() => onError?.()}
        extraErrors={extraErrors}
        transformErrors={transformErrors}
        showErrorList="top"
        noHtml5Validate
        focusOnFirstError
        experimental_defaultFormStateBehavior={defaultFormStateBehavior}
        templates={templates}
        widgets={widgets}
        translateString={translateString}
      />
      {calculations.errors.length > 0 ? (
        <p className="notice" role="status">
          {t('form.calculationFailed', { count: calculations.errors.length })}
        </p>
      ) : null}
    </div>
  );
}
