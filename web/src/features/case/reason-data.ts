/**
 * The data a termination reason needs, as its case type declares it (a small JSON Schema object whose
 * properties have titles): the inputs to ask for, and the title of a field a rule says is missing.
 * Content is read defensively: a property that is not a schema is skipped.
 */
import type { TerminationReason } from '../../shared/case-view';

export type Kind = 'text' | 'date' | 'number' | 'boolean' | 'choice';

export interface Choice {
  value: unknown;
  label: string;
}

export interface DataField {
  name: string;
  title: string;
  description: string | undefined;
  kind: Kind;
  required: boolean;
  choices: Choice[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const nonEmpty = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** The JSON Schema type of a property (the first that is not null). */
function typeOf(schema: Record<string, unknown>): string | undefined {
  const type = schema.type;
  if (Array.isArray(type))
    return type.find((item): item is string => typeof item === 'string' && item !== 'null');
  return nonEmpty(type);
}

function choicesOf(schema: Record<string, unknown>): Choice[] {
  const options = Array.isArray(schema.oneOf) ? schema.oneOf.filter(isRecord) : [];
  if (options.length > 0 && options.every((option) => 'const' in option)) {
    return options.map((option) => ({
      value: option.const,
      label: nonEmpty(option.title) ?? String(option.const),
    }));
  }
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => ({ value, label: String(value) }));
  return [];
}

/** The inputs of a reason's data schema, in the schema's order. */
export function dataFields(reason: TerminationReason | undefined): DataField[] {
  const data = isRecord(reason?.data) ? reason.data : {};
  const properties = isRecord(data.properties) ? data.properties : {};
  const required = new Set(Array.isArray(data.required) ? data.required : []);
  return Object.entries(properties)
    .filter((entry): entry is [string, Record<string, unknown>] => isRecord(entry[1]))
    .map(([name, schema]) => {
      const choices = choicesOf(schema);
      const type = typeOf(schema);
      const kind: Kind =
        choices.length > 0
          ? 'choice'
          : type === 'boolean'
            ? 'boolean'
            : type === 'integer' || type === 'number'
              ? 'number'
              : schema.format === 'date'
                ? 'date'
                : 'text';
      return {
        name,
        title: nonEmpty(schema.title) ?? name,
        description: nonEmpty(schema.description),
        kind,
        required: required.has(name),
        choices,
      };
    });
}

/** The title a reason's data schema gives `name` (for a rule saying what is missing). */
export function dataFieldTitle(reasons: readonly TerminationReason[], name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  for (const reason of reasons) {
    const field: DataField | undefined = dataFields(reason).find((candidate) => candidate.name === name);
    if (field && field.title !== name) return field.title;
  }
  return undefined;
}
