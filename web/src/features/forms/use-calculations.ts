/**
 * Calculated fields (`x-calculate`) computed live while a form is filled in. After a short pause in
 * typing the expressions run (asynchronously, each within its time budget) over the form data, with the
 * same module the server runs before validating; when a result differs from what the form holds, the
 * new data goes up through `onChange`, so the form shows it, the `if`/`then` branches that read it open
 * or close, and the validator checks it. Typing never waits for a calculation, and a result computed
 * for data the user has changed since is dropped. The expression engine is loaded only for a form
 * that has calculated fields.
 */
import pointer from 'json-pointer';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CalculatedField, CalculationError } from '../../../../functions/validation/calculate';
import type { FormValue } from './validator';

/** The pause in typing before the calculations run. */
const DELAY_MS = 150;

type CalculateModule = typeof import('../../../../functions/validation/calculate');
let calculateModule: Promise<CalculateModule> | undefined;
/** The calculation module with its expression engine, loaded once, the first time a form needs it. */
const loadCalculate = () => {
  calculateModule ??= import('../../../../functions/validation/calculate');
  return calculateModule;
};

/** Whether a schema may have calculated fields (a cheap look before loading the engine). */
const mentionsCalculation = (schema: Record<string, unknown>) =>
  JSON.stringify(schema).includes('"x-calculate"');

/** Today in the browser, `YYYY-MM-DD`: the expressions' `$today`. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const valueAt = (data: object, at: string): unknown =>
  pointer.has(data, at) ? pointer.get(data, at) : undefined;

/** Whether `after` holds the same calculated values as `before` (JSON values: compared as JSON). */
function sameCalculated(fields: readonly CalculatedField[], before: object, after: object): boolean {
  return fields.every(
    (field) =>
      JSON.stringify(valueAt(before, field.pointer)) === JSON.stringify(valueAt(after, field.pointer)),
  );
}

const sameErrors = (a: readonly CalculationError[], b: readonly CalculationError[]) =>
  a.length === b.length && a.every((error, index) => error.pointer === b[index]?.pointer);

export interface Calculations {
  /** The calculated fields of the schema, in document order. */
  fields: readonly CalculatedField[];
  /** Expressions that failed on the current data (the field is left empty). */
  errors: readonly CalculationError[];
  /** Whether the current data may not hold its calculated values yet. */
  pending(): boolean;
  /** Calculates now over the current data; resolves with the data once it is up to date. */
  flush(): Promise<FormValue | undefined>;
}

export function useCalculations(
  schema: Record<string, unknown>,
  formData: FormValue | undefined,
  onChange: (data: FormValue | undefined) => void,
): Calculations {
  const calculates = useMemo(() => mentionsCalculation(schema), [schema]);
  const [engine, setEngine] = useState<CalculateModule>();
  const fields = useMemo(() => engine?.calculatedFields(schema) ?? [], [engine, schema]);
  const [errors, setErrors] = useState<readonly CalculationError[]>([]);
  const latest = useRef(formData);
  latest.current = formData;
  const report = useRef(onChange);
  report.current = onChange;
  /** The data known to hold its calculated values (null: none yet). */
  const settled = useRef<FormValue | undefined | null>(null);

  useEffect(() => {
    if (!calculates) return;
    let live = true;
    loadCalculate().then(
      (loaded) => {
        if (live) setEngine(loaded);
      },
      () => {
        // Not loaded (offline): the server calculates when the form is sent.
        calculateModule = undefined;
      },
    );
    return () => {
      live = false;
    };
  }, [calculates]);

  const calculate = useCallback(
    async (data: FormValue | undefined): Promise<FormValue | undefined> => {
      const loaded = await loadCalculate();
      const result = await loaded.applyCalculations(schema, data ?? {}, { bindings: { today: today() } });
      // The user has changed the data since: a newer calculation follows.
      if (latest.current !== data) return latest.current;
      setErrors((previous) => (sameErrors(previous, result.errors) ? previous : result.errors));
      if (sameCalculated(loaded.calculatedFields(schema), data ?? {}, result.data)) {
        settled.current = data;
        return data;
      }
      settled.current = result.data;
      report.current(result.data);
      return result.data;
    },
    [schema],
  );

  useEffect(() => {
    if (!calculates || formData === settled.current) return;
    const timer = setTimeout(() => void calculate(formData).catch(() => undefined), DELAY_MS);
    return () => clearTimeout(timer);
  }, [formData, calculates, calculate]);

  return {
    fields,
    errors,
    pending: () => calculates && latest.current !== settled.current,
    flush: () => calculate(latest.current).catch(() => latest.current),
  };
}
