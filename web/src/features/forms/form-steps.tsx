/**
 * A long form in steps, inside the one rjsf form: the root object renders only the current step's
 * parts, under a heading that says where the person is ("Langkah 2 dari 6: Riwayat keluarga"), with
 * a progress bar, a list of every step to jump to, and Sebelumnya / Berikutnya. FormView owns the
 * step and the checks; the templates here read them from `FormStepsContext`. Without steps, every
 * object renders as rjsf's own.
 */
import { getDefaultRegistry } from '@rjsf/core';
import type { ObjectFieldTemplateProps, RJSFSchema, UiSchema } from '@rjsf/utils';
import { createContext, memo, type RefObject, useContext, useId } from 'react';
import { useTexts } from '../../shared/i18n/language';
import './form-steps.css';
import type { StepPlan } from './steps';
import { formFillTexts } from './texts';
import type { FormValue } from './validator';

export interface FormSteps {
  plan: StepPlan | undefined;
  /** The current step (0 without steps). */
  step: number;
  /** The steps holding errors now on show. */
  stepsWithErrors: ReadonlySet<number>;
  /** The title a person reads for a step. */
  stepTitle(index: number): string;
  goToStep(index: number): void;
  /** Checks the current step and moves on when it has no errors. */
  next(): void;
  /** Shows the field at `segments` (its step first) and puts the focus in it. */
  goToField(segments: readonly string[]): void;
  headingLevel: 2 | 3 | 4;
  headingRef: RefObject<HTMLHeadingElement | null>;
  /** The whole form (rjsf may be rendering one step's part of it). */
  schema: RJSFSchema;
  uiSchema: UiSchema<FormValue, RJSFSchema>;
}

export const FormStepsContext = createContext<FormSteps | undefined>(undefined);

export function useFormSteps(): FormSteps | undefined {
  return useContext(FormStepsContext);
}

const DefaultObjectFieldTemplate = getDefaultRegistry<FormValue, RJSFSchema>().templates.ObjectFieldTemplate;

/** rjsf's object template, except for the root of a form in steps and the part a step stands for. */
export function ObjectFieldTemplate(props: ObjectFieldTemplateProps<FormValue, RJSFSchema>) {
  const steps = useFormSteps();
  const plan = steps?.plan;
  if (!steps || !plan) return <DefaultObjectFieldTemplate {...props} />;
  const depth = props.fieldPathId.path.length;
  if (depth === 0) return <StepsRoot {...props} steps={steps} plan={plan} />;
  if (depth === 1) {
    const name = String(props.fieldPathId.path[0]);
    const index = plan.stepOf.get(name);
    // The step heading carries the part's title.
    if (index !== undefined && plan.steps[index]?.section)
      return <DefaultObjectFieldTemplate {...props} title="" />;
  }
  return <DefaultObjectFieldTemplate {...props} />;
}

function StepsRoot({
  properties,
  steps,
  plan,
}: ObjectFieldTemplateProps<FormValue, RJSFSchema> & { steps: FormSteps; plan: StepPlan }) {
  const { t } = useTexts(formFillTexts);
  const headingId = `${useId()}-step`;
  const { step, headingRef } = steps;
  const shown = new Set(plan.steps[step]?.fields ?? []);
  const contents = properties.filter((property) => shown.has(property.name));
  const visible = contents.some((property) => !property.hidden);
  return (
    <div className="form-steps">
      <StepHeader steps={steps} plan={plan} headingRef={headingRef} headingId={headingId} />
      <section className="step-body" aria-labelledby={headingId}>
        {contents.map((property) => property.content)}
        {visible ? null : <p className="muted">{t('step.empty')}</p>}
      </section>
      <StepButtons steps={steps} plan={plan} />
    </div>
  );
}

/** Where the person is and every step to jump to; drawn again when the step changes, not per key. */
const StepHeader = memo(function StepHeader({
  steps,
  plan,
  headingRef,
  headingId,
}: {
  steps: FormSteps;
  plan: StepPlan;
  headingRef: RefObject<HTMLHeadingElement | null>;
  headingId: string;
}) {
  const { t } = useTexts(formFillTexts);
  const { step, stepsWithErrors, stepTitle, goToStep, headingLevel } = steps;
  const count = plan.steps.length;
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="step-header">
      <Heading id={headingId} ref={headingRef} tabIndex={-1} className="step-heading">
        {t('step.heading', { number: step + 1, count, title: stepTitle(step) })}
      </Heading>
      <div className="step-progress" aria-hidden="true">
        <span style={{ width: `${((step + 1) / count) * 100}%` }} />
      </div>
      <details className="step-list">
        <summary>{t('step.list', { count })}</summary>
        <nav aria-label={t('step.nav')}>
          <ol>
            {plan.steps.map((item, index) => (
              <li key={item.fields.join(' ')}>
                <button
                  type="button"
                  aria-current={index === step ? 'step' : undefined}
                  onClick={(event) => {
                    event.currentTarget.closest('details')?.removeAttribute('open');
                    goToStep(index);
                  }}
                >
                  {t('step.item', { number: index + 1, title: stepTitle(index) })}
                </button>
                {stepsWithErrors.has(index) ? (
                  <span className="step-error-mark"> ({t('step.hasErrors')})</span>
                ) : null}
              </li>
            ))}
          </ol>
        </nav>
      </details>
    </div>
  );
});

const StepButtons = memo(function StepButtons({ steps, plan }: { steps: FormSteps; plan: StepPlan }) {
  const { t } = useTexts(formFillTexts);
  const { step, goToStep, next } = steps;
  return (
    <div className="step-buttons">
      {step > 0 ? (
        <button type="button" className="button" onClick={() => goToStep(step - 1)}>
          {t('step.previous')}
        </button>
      ) : null}
      {step === plan.steps.length - 1 ? null : (
        <button type="button" className="button button-primary" onClick={next}>
          {t('step.next')}
        </button>
      )}
    </div>
  );
});
