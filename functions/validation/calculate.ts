/**
 * Calculated form fields. A property may carry `"x-calculate": "<JSONata over the form's data>"`: the
 * browser shows its result live (read-only) and the server computes it again before validating, so
 * whatever a client sends for such a field is never trusted. One module for both sides, so a
 * calculation gives the same result in the browser and on the server.
 *
 * The expressions run in document order over the whole form data, each seeing the results of those
 * before it, and within the expression budget (functions/domain/expression.ts).
 */
import pointer from 'json-pointer';
import {
  compileExpression,
  type Expression,
  ExpressionError,
  evaluateExpression,
} from '../domain/expression';
import { resolveSchemaRef } from '../domain/schema-walk';
import { BoundedCache } from '../platform/bounded-cache';

/** The schema keyword that makes a property calculated. */
export const CALCULATE_KEYWORD = 'x-calculate';

type Schema = Record<string, unknown>;

export interface CalculatedField {
  /** JSON Pointer of the calculated property in the form data. */
  pointer: string;
  /** The JSONata expression that computes it. */
  expression: string;
}

export interface CalculationError {
  pointer: string;
  expression: string;
  /** JSONata's error code (e.g. `S0201` syntax, `U1001` stack, `D1040` time), or ours (`parent_not_object`). */
  code: string;
  message: string;
  /** Where in the expression a syntax error is. */
  position?: number;
}

export interface Calculation<T> {
  /** A new copy of the data holding each calculated value (and none that failed). */
  data: T;
  errors: CalculationError[];
}

export interface CalculationOptions {
  /** Extra `$name` variables for the expressions (e.g. `today`). */
  bindings?: Record<string, unknown>;
}

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `$ref` chains deeper than this (or cycles) are not followed. */
const MAX_DEPTH = 32;

const fieldsBySchema = new WeakMap<Schema, readonly CalculatedField[]>();

/**
 * Every property carrying `x-calculate`, through nested objects, `allOf`, `then`/`else` branches and
 * local `$ref`s, in document order; a pointer declared twice counts once (its first declaration).
 */
export function calculatedFields(schema: Schema): readonly CalculatedField[] {
  const known = fieldsBySchema.get(schema);
  if (known) return known;
  const found = new Map<string, string>();
  const visit = (node: Schema, path: readonly string[], trail: readonly Schema[]): void => {
    const resolved = resolveSchemaRef(schema, node);
    // A $ref that leads back to a schema being walked would nest forever.
    if (trail.includes(resolved) || trail.length > MAX_DEPTH) return;
    const inside = [...trail, resolved];
    for (const [keyword, value] of Object.entries(resolved)) {
      if (keyword === 'properties' && isSchema(value)) {
        for (const [name, declared] of Object.entries(value)) {
          if (!isSchema(declared)) continue;
          const at = [...path, name];
          const expression = calculationOf(schema, declared);
          const key = pointer.compile(at);
          if (expression !== undefined && !found.has(key)) found.set(key, expression);
          visit(declared, at, inside);
        }
      } else if (keyword === 'allOf' && Array.isArray(value)) {
        for (const branch of value) if (isSchema(branch)) visit(branch, path, inside);
      } else if ((keyword === 'then' || keyword === 'else') && isSchema(value)) {
        visit(value, path, inside);
      }
    }
  };
  visit(schema, [], []);
  const fields = [...found].map(([key, expression]) => ({ pointer: key, expression }));
  fieldsBySchema.set(schema, fields);
  return fields;
}

/** The expression of a declaration, or of what its `$ref` points at. */
function calculationOf(root: Schema, declared: Schema): string | undefined {
  const own = declared[CALCULATE_KEYWORD];
  if (typeof own === 'string') return own;
  const target = resolveSchemaRef(root, declared)[CALCULATE_KEYWORD];
  return typeof target === 'string' ? target : undefined;
}

type Compiled = { ok: true; expression: Expression } | { ok: false; error: ExpressionError };

/** Compiled expressions by their text; a text that does not parse is remembered as such. */
const compiled = new BoundedCache<Compiled>(500);

function compiledFor(text: string): Compiled {
  return compiled.get(text, () => {
    try {
      return { ok: true, expression: compileExpression(text) };
    } catch (error) {
      return {
        ok: false,
        error: error instanceof ExpressionError ? error : new ExpressionError(String(error), 'unknown'),
      };
    }
  });
}

/** Sets an own property, even for names like `__proto__`. */
function define(node: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Puts `value` at `segments` in `root`, or removes the property when it is undefined. Missing parents
 * are created only for a value; a parent that is there but not an object blocks a value.
 */
function place(root: Record<string, unknown>, segments: readonly string[], value: unknown): boolean {
  let node = root;
  for (const segment of segments.slice(0, -1)) {
    const next = Object.hasOwn(node, segment) ? node[segment] : undefined;
    if (isSchema(next)) {
      node = next;
      continue;
    }
    if (value === undefined) return true;
    if (next !== undefined) return false;
    const created: Record<string, unknown> = {};
    define(node, segment, created);
    node = created;
  }
  const last = segments.at(-1);
  if (last === undefined) return false;
  if (value === undefined) delete node[last];
  else define(node, last, value);
  return true;
}

/**
 * A copy of `data` with every calculated field of `schema` computed from it. A result of undefined
 * removes the property; an expression that does not parse, fails or runs out of its budget removes it
 * too and is reported in `errors`. Never throws for an expression.
 */
export async function applyCalculations(
  schema: Schema,
  data: Record<string, unknown>,
  options?: CalculationOptions,
): Promise<Calculation<Record<string, unknown>>>;
export async function applyCalculations(
  schema: Schema,
  data: unknown,
  options?: CalculationOptions,
): Promise<Calculation<unknown>>;
export async function applyCalculations(
  schema: Schema,
  data: unknown,
  options: CalculationOptions = {},
): Promise<Calculation<unknown>> {
  const copy: unknown = structuredClone(data);
  const fields = calculatedFields(schema);
  // Calculated values live in an object; anything else fails validation on its own.
  if (!isSchema(copy) || fields.length === 0) return { data: copy, errors: [] };
  const errors: CalculationError[] = [];
  for (const field of fields) {
    const segments = pointer.parse(field.pointer);
    const failed = (error: ExpressionError) => {
      place(copy, segments, undefined);
      errors.push({
        pointer: field.pointer,
        expression: field.expression,
        code: error.code,
        message: error.message,
        ...(error.position === undefined ? {} : { position: error.position }),
      });
    };
    const entry = compiledFor(field.expression);
    if (!entry.ok) {
      failed(entry.error);
      continue;
    }
    let value: unknown;
    try {
      value = await evaluateExpression(entry.expression, copy, options.bindings);
    } catch (error) {
      failed(error instanceof ExpressionError ? error : new ExpressionError(String(error), 'unknown'));
      continue;
    }
    if (!place(copy, segments, value)) {
      failed(new ExpressionError(`the parent of ${field.pointer} is not an object`, 'parent_not_object'));
    }
  }
  return { data: copy, errors };
}
