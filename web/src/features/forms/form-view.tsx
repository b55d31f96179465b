/**
 * One published form rendered by @rjsf/core the Kawal way: the validator shared with the server, the
 * accessible radio group, the error list that names fields by title, rjsf's own texts in the UI
 * language, and unanswered questions left unanswered. The fill-form page and the case page both use
 * it; what happens on submit (validate only, or file a submission on a case) is the caller's.
 */
import Form, { type IChangeEvent } from '@rjsf/core';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import { useMemo } from 'react';
import { useI18n } from '../../shared/i18n/language';
import type { PublishedForm } from './api';
import { ErrorList, type ErrorListContext } from './error-list';
import { RadioWidget } from './radio-widget';
import { rjsfTranslator } from './rjsf-strings';
import { type FormValue, validatorFor } from './validator';

const templates = { ErrorListTemplate: ErrorList };
const widgets = { RadioWidget };

/**
 * An unanswered question must stay unanswered so `required` catches it. By default rjsf pre-fills the
 * first `const` of a `oneOf` and `false` for a required boolean, so every Ya/Tidak item of an
 * assessment would start out answered.
 */
const defaultFormStateBehavior = { constAsDefaults: 'skipOneOf', requiredBooleanDefault: 'skip' } as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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

  const uiSchema = useMemo((): UiSchema<FormValue, RJSFSchema> => {
    const own = form.uiSchema['ui:submitButtonOptions'];
    return {
      ...form.uiSchema,
      'ui:submitButtonOptions': {
        ...(isRecord(own) ? own : {}),
        submitText: t('form.submit'),
        props: { disabled: sending, className: 'button-primary' },
      },
    };
  }, [form.uiSchema, t, sending]);
  const translateString = useMemo(() => rjsfTranslator(lang), [lang]);
  const formContext = useMemo((): ErrorListContext => ({ headingLevel }), [headingLevel]);

  return (
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
      showErrorList="top"
      noHtml5Validate
      focusOnFirstError
      experimental_defaultFormStateBehavior={defaultFormStateBehavior}
      templates={templates}
      widgets={widgets}
      translateString={translateString}
    />
  );
}
