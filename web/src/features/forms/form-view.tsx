/**
 * One published form rendered by @rjsf/core the Kawal way: the validator shared with the server, the
 * accessible radio group, the error list that names fields by title in form order, rjsf's own texts in
 * the UI language, unanswered questions left unanswered, calculated fields (`x-calculate`) computed
 * live and shown read-only, and a long form in steps (see `steps.ts`). The fill-form page, the case
 * page and the studio's preview use it; what happens on submit (validate only, or file a submission
 * on a case) is the caller's.
 *
 * Checking happens when the person asks for it, never while typing: "Berikutnya" checks the current
 * step (only its errors keep the person there), "Kirim" checks everything and opens the first step
 * with an error, and while errors are on show each one goes as soon as the person puts it right.
 * Typing stays fast on a long form: only the current step is mounted, and the data the form reports
 * is not handed back into rjsf (which would derive its whole state a second time per key); data from
 * elsewhere (a calculation, a restored draft) is.
 */
import Form, { type IChangeEvent } from '@rjsf/core';
import {
  type ErrorSchema,
  getDefaultFormState,
  mergeObjects,
  type RJSFSchema,
  type RJSFValidationError,
  toErrorList,
  toErrorSchema,
  type UiSchema,
} from '@rjsf/utils';
import pointer from 'json-pointer';
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CalculatedField } from '../../../../functions/validation/calculate';
import { formToShow } from '../../../../functions/validation/translations';
import type { Lang } from '../../shared/i18n/dictionary';
import { useI18n, useTexts } from '../../shared/i18n/language';
import type { PublishedForm } from './api';
import { ErrorList, type ErrorListContext, segmentsOf } from './error-list';
import { type FormSteps, FormStepsContext, ObjectFieldTemplate } from './form-steps';
import { RadioWidget } from './radio-widget';
import { rjsfTranslator } from './rjsf-strings';
import { comparePositions, formPosition, planSteps, stepSchema } from './steps';
import { formFillTexts } from './texts';
import { useCalculations } from './use-calculations';
import {
  type FormValidator,
  type FormValue,
  publishedValidatorSource,
  useFormValidator,
  type ValidatorSource,
} from './validator';

const templates = { ErrorListTemplate: ErrorList, ObjectFieldTemplate };
const widgets = { RadioWidget };

/**
 * An unanswered question must stay unanswered so `required` catches it. By default rjsf pre-fills the
 * first `const` of a `oneOf` and `false` for a required boolean, so every Ya/Tidak item of an
 * assessment would start out answered.
 */
const defaultFormStateBehavior = { constAsDefaults: 'skipOneOf', requiredBooleanDefault: 'skip' } as const;

/**
 * Errors as the server reports them: without ajv's "must match the then schema", which only repeats
 * that a part opened by an `if` has errors of its own (listed beside it), and each message once per
 * field (a field's own message may answer for several keywords).
 */
const transformErrors = (errors: RJSFValidationError[]) => {
  const seen = new Set<string>();
  return errors.filter((error) => {
    if (error.name === 'if') return false;
    const key = `${error.property ?? ''}\u0000${error.message ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

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

/** The first element a person can type into or choose at `element` (itself, or inside it). */
function focusableIn(element: HTMLElement): HTMLElement | null {
  if (element.matches('input, select, textarea, button')) return element;
  return element.querySelector<HTMLElement>(
    'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])',
  );
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
  /** The level of the error list's and the step's heading: 2 on a page of its own, deeper inside a section. */
  headingLevel?: ErrorListContext['headingLevel'];
  /** Whether a long form is shown in steps (the default); false keeps every form on one page. */
  steps?: boolean;
  /** A top-level field whose step to show (the studio's preview follows the field chosen in the outline). */
  openStepOf?: string | undefined;
  /** Where the validators come from in a language (the studio's preview: its draft's); by default the published version's. */
  validatorSource?: ((lang: Lang) => ValidatorSource) | undefined;
}

/** What a check found, and whether it was of one step or of the whole form. */
interface Shown {
  scope: 'step' | 'all';
  errors: RJSFValidationError[];
}

/** Where the focus goes after the next render. */
type FocusTarget = { kind: 'heading' } | { kind: 'field'; segments: readonly string[] };

export function FormView({
  form: written,
  formData,
  onChange,
  onSubmit,
  onError,
  extraErrors,
  sending,
  headingLevel = 2,
  steps: allowSteps = true,
  openStepOf,
  validatorSource,
}: FormViewProps) {
  const { t, lang } = useI18n();
  const { t: stepText } = useTexts(formFillTexts);
  // The form's own texts in the UI language where it carries them (x-translations).
  const form = useMemo(() => formToShow(written, lang), [written, lang]);
  const source = useMemo(
    () => (validatorSource ? validatorSource(lang) : publishedValidatorSource(written, lang)),
    [validatorSource, written, lang],
  );
  // The module arrives after the form is drawn: checks wait for it (`ready`), rjsf gets a pending one.
  const { validator, loaded, ready } = useFormValidator(source);
  const schema = form.schema as RJSFSchema;
  const calculations = useCalculations(form.schema, formData, onChange);
  const fields = calculations.fields;
  const wrapper = useRef<HTMLDivElement>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const latest = useRef(formData);
  latest.current = formData;
  const calculationsRef = useRef(calculations);
  calculationsRef.current = calculations;
  const callbacks = useRef({ onChange, onSubmit, onError });
  callbacks.current = { onChange, onSubmit, onError };

  const plan = useMemo(
    () => (allowSteps ? planSteps(form.schema, form.uiSchema) : undefined),
    [allowSteps, form.schema, form.uiSchema],
  );
  const [step, setStep] = useState(0);
  const [shown, setShown] = useState<Shown>();
  const [focus, setFocus] = useState<{ target: FocusTarget; serial: number }>();
  const last = plan ? plan.steps.length - 1 : 0;
  const current = Math.min(step, last);
  /** What rjsf renders: the current step's own schema where the form allows it, else the whole form. */
  const shownSchema = useMemo(
    () =>
      plan
        ? ((stepSchema(form.schema, plan.steps[current]?.fields ?? []) as RJSFSchema | undefined) ?? schema)
        : schema,
    [plan, current, form.schema, schema],
  );

  // Shows the step of the field another part of the screen points at (the focus stays where it is).
  useEffect(() => {
    const index = openStepOf === undefined ? undefined : plan?.stepOf.get(openStepOf);
    if (index !== undefined) setStep(index);
  }, [openStepOf, plan]);

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
        // On a step before the last, Berikutnya is the main way on; Kirim stays for whoever is done.
        props: {
          disabled: sending,
          className: plan && current < last ? 'submit-before-end' : 'button-primary',
        },
      },
    };
  }, [form.uiSchema, fields, t, sending, plan, current, last]);
  const translateString = useMemo(() => rjsfTranslator(lang), [lang]);
  const formContext = useMemo((): ErrorListContext => ({ headingLevel }), [headingLevel]);

  /** The position of a field in the form, to sort errors the way a person meets them. */
  const firstOf = useCallback(
    (errors: readonly RJSFValidationError[]): readonly string[] | undefined => {
      let first: { segments: string[]; position: number[] } | undefined;
      for (const error of errors) {
        const segments = segmentsOf(error);
        const position = formPosition(segments, form.schema, form.uiSchema);
        if (!first || comparePositions(position, first.position) < 0) first = { segments, position };
      }
      return first?.segments;
    },
    [form.schema, form.uiSchema],
  );

  const stepOfError = useCallback(
    (error: RJSFValidationError): number | undefined => {
      const name = segmentsOf(error)[0];
      return name === undefined ? undefined : plan?.stepOf.get(name);
    },
    [plan],
  );

  /**
   * The data as the whole form holds it: with the empty parts rjsf adds for the steps the person has not
   * opened yet (on one page it adds them all), so a missing part is checked, and sent, field by field.
   */
  const complete = useCallback(
    (checker: FormValidator, data: FormValue | undefined): FormValue =>
      (getDefaultFormState<FormValue, RJSFSchema>(
        checker,
        schema,
        data ?? {},
        schema,
        false,
        defaultFormStateBehavior,
      ) as FormValue | undefined) ?? {},
    [schema],
  );

  /** Every browser-side error of `data` (the same rules and words as the server). */
  const check = useCallback(
    (checker: FormValidator, data: FormValue | undefined): RJSFValidationError[] =>
      checker.validateFormData(complete(checker, data), schema, undefined, transformErrors, uiSchema).errors,
    [schema, uiSchema, complete],
  );

  /** The current data with its calculated values. */
  const currentData = useCallback(async () => {
    const calculating = calculationsRef.current;
    return calculating.pending() ? await calculating.flush() : latest.current;
  }, []);

  const goToStep = useCallback((index: number, target: FocusTarget = { kind: 'heading' }) => {
    setStep(index);
    // A step's errors are of that step: they go with it.
    setShown((previous) => (previous?.scope === 'step' ? undefined : previous));
    setFocus((previous) => ({ target, serial: (previous?.serial ?? 0) + 1 }));
  }, []);

  const goToField = useCallback(
    (segments: readonly string[]) => {
      const name = segments[0];
      const index = name === undefined ? undefined : plan?.stepOf.get(name);
      if (index !== undefined && index !== current) setStep(index);
      setFocus((previous) => ({ target: { kind: 'field', segments }, serial: (previous?.serial ?? 0) + 1 }));
    },
    [plan, current],
  );

  const next = useCallback(() => {
    void Promise.all([currentData(), ready()]).then(([data, checker]) => {
      // Without its validator the step is not checked here; the server checks on sending.
      const all = checker ? check(checker, data) : [];
      const here = all.filter((error) => stepOfError(error) === current);
      const scope = shown?.scope === 'all' ? 'all' : 'step';
      if (here.length > 0) {
        setShown({ scope, errors: scope === 'all' ? all : here });
        const first = firstOf(here);
        if (first) goToField(first);
        return;
      }
      setShown(scope === 'all' && all.length > 0 ? { scope, errors: all } : undefined);
      setStep(current + 1);
      setFocus((previous) => ({ target: { kind: 'heading' }, serial: (previous?.serial ?? 0) + 1 }));
    });
  }, [currentData, ready, check, stepOfError, current, shown, firstOf, goToField]);

  /**
   * While errors are on show, a change takes away those it put right, at once and without adding any
   * (new ones wait for the next check), so nothing moves under a pointer between press and release.
   */
  const shownRef = useRef(shown);
  shownRef.current = shown;
  const settle = useCallback(
    (data: FormValue | undefined) => {
      const showing = shownRef.current;
      if (!showing || !loaded) return;
      const still = new Set(
        check(loaded, data).map((error) => `${error.property ?? ''}\u0000${error.message ?? ''}`),
      );
      const errors = showing.errors.filter((error) =>
        still.has(`${error.property ?? ''}\u0000${error.message ?? ''}`),
      );
      if (errors.length === showing.errors.length) return;
      const next = errors.length > 0 ? { scope: showing.scope, errors } : undefined;
      shownRef.current = next;
      setShown(next);
    },
    [check, loaded],
  );

  /** Checks everything once the validator is in (without it, the server's check is the one). */
  const submit = useCallback(
    (data: FormValue) => {
      void ready().then((checker) => {
        const whole = complete(checker ?? validator, data);
        const errors = checker ? check(checker, whole) : [];
        if (errors.length === 0) {
          setShown(undefined);
          callbacks.current.onSubmit(whole);
          return;
        }
        setShown({ scope: 'all', errors });
        const first = firstOf(errors);
        if (first) goToField(first);
        callbacks.current.onError?.();
      });
    },
    [ready, complete, validator, check, firstOf, goToField],
  );

  // The server's verdict: the first field it refused is shown, on its step.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new verdict moves the person, not a step taken since
  useEffect(() => {
    if (!extraErrors) return;
    const first = firstOf(toErrorList(extraErrors));
    if (first) goToField(first);
  }, [extraErrors]);

  // After a move, the focus goes to the step heading or into the field asked for. A field of another
  // step appears once rjsf has taken the step's schema (a render or two later): it is waited for.
  useEffect(() => {
    if (!focus) return;
    if (focus.target.kind === 'heading') {
      stepHeading.current?.focus();
      return;
    }
    const id = ['root', ...focus.target.segments].join('_');
    let frame = 0;
    let tries = 0;
    const attempt = () => {
      const element = wrapper.current?.querySelector<HTMLElement>(`form [id="${CSS.escape(id)}"]`);
      const target = element ? focusableIn(element) : null;
      if (target) {
        target.focus();
        target.scrollIntoView({ block: 'center' });
      } else if (tries++ < 30) {
        frame = requestAnimationFrame(attempt);
      }
    };
    attempt();
    return () => cancelAnimationFrame(frame);
  }, [focus]);

  const errorsShown = useMemo(() => (shown ? toErrorSchema<FormValue>(shown.errors) : undefined), [shown]);
  const allErrors = useMemo((): ErrorSchema<FormValue> | undefined => {
    if (!errorsShown) return extraErrors;
    if (!extraErrors) return errorsShown;
    return mergeObjects(extraErrors, errorsShown, 'preventDuplicates') as ErrorSchema<FormValue>;
  }, [errorsShown, extraErrors]);

  const stepsWithErrors = useMemo(() => {
    const found = new Set<number>();
    for (const error of shown?.errors ?? []) {
      const index = stepOfError(error);
      if (index !== undefined) found.add(index);
    }
    return found;
  }, [shown, stepOfError]);

  const stepTitle = useCallback(
    (index: number) => {
      const item = plan?.steps[index];
      return (
        item?.title ??
        stepText(item && item.fields.length > 1 ? 'step.otherFields' : 'step.untitled', { number: index + 1 })
      );
    },
    [plan, stepText],
  );

  const context = useMemo(
    (): FormSteps => ({
      plan,
      step: current,
      stepsWithErrors,
      stepTitle,
      goToStep,
      next,
      goToField,
      headingLevel,
      headingRef: stepHeading,
      schema,
      uiSchema,
    }),
    [plan, current, stepsWithErrors, stepTitle, goToStep, next, goToField, headingLevel, schema, uiSchema],
  );

  /**
   * What rjsf gets as `formData`: the data from elsewhere, never its own report handed back (that
   * would make it derive its state twice per key). With any other prop changing, it gets the current
   * data, so what it derives from them starts from what the person typed.
   */
  const reported = useRef<{ data: FormValue | undefined } | undefined>(undefined);
  const given = useRef(formData);
  const otherProps = [shownSchema, uiSchema, allErrors, formContext, translateString, validator];
  const previousOther = useRef(otherProps);
  if (
    reported.current?.data !== formData ||
    otherProps.some((value, index) => value !== previousOther.current[index])
  ) {
    given.current = formData;
  }
  previousOther.current = otherProps;
  const rjsfData = given.current;

  const handlers = useRef({ submit, settle });
  handlers.current = { submit, settle };

  const rendered = useMemo(
    () => (
      <Form<FormValue, RJSFSchema, ErrorListContext>
        schema={shownSchema}
        uiSchema={uiSchema}
        validator={validator}
        formData={rjsfData}
        formContext={formContext}
        onChange={(event) => {
          reported.current = { data: event.formData };
          callbacks.current.onChange(event.formData);
          handlers.current.settle(event.formData);
        }}
        onSubmit={({ formData: data }: IChangeEvent<FormValue, RJSFSchema, ErrorListContext>) =>
          handlers.current.submit(data ?? {})
        }
        extraErrors={allErrors}
        // Kawal checks itself (a step, or everything on Kirim): rjsf only shows what it found.
        noValidate
        showErrorList="top"
        noHtml5Validate
        experimental_defaultFormStateBehavior={defaultFormStateBehavior}
        templates={templates}
        widgets={widgets}
        translateString={translateString}
      />
    ),
    [shownSchema, uiSchema, validator, rjsfData, formContext, allErrors, translateString],
  );

  return (
    <div ref={wrapper} onSubmitCapture={onSubmitCapture}>
      <FormStepsContext.Provider value={context}>{rendered}</FormStepsContext.Provider>
      {calculations.errors.length > 0 ? (
        <p className="notice" role="status">
          {t('form.calculationFailed', { count: calculations.errors.length })}
        </p>
      ) : null}
    </div>
  );
}
