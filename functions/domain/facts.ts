/**
 * The built-in facts every rule may read: `case` (the case head), `today` (the office's date) and
 * `form:<formId>` (the data of the case's latest submission of that form). Every other fact is
 * declared by the ruleset that reads it and provided by a case type (a pointer into the case head or
 * a form, or a JSONata calculation): see `case-type.ts`. A caller may supply any fact directly, which
 * is how ruleset tests state "41 months served" without building a whole case.
 */
import { isCalendarDate } from './dates';

export const FACT_TYPES = ['number', 'string', 'boolean', 'date', 'object', 'array'] as const;
export type FactType = (typeof FACT_TYPES)[number];

/** Where a fact comes from, as `GET /api/facts` shows it. */
export type FactSource =
  | { kind: 'builtin' }
  | { kind: 'case'; pointer: string }
  | { kind: 'form'; form: string; pointer: string }
  | { kind: 'expression'; expression: string };

export interface FactDefinition {
  name: string;
  type: FactType;
  description: string;
  source: FactSource;
  /** The case types that provide it (with this source). */
  caseTypes?: string[];
}

/** The prefix of form facts: `form:<formId>` is that form's latest submitted data. */
export const FORM_FACT_PREFIX = 'form:';

/** The JSON Schema of the `case` fact, so rule paths and fact pointers into it can be checked. */
export const CASE_FACT_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    stage: { type: 'string' },
    caseType: { type: 'string' },
    caseTypeVersion: { type: 'number' },
    office: { type: 'string' },
    timeZone: { type: 'string' },
    client: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        birthDate: { type: 'string', format: 'date' },
        sex: { type: 'string' },
        nik: { type: 'string' },
      },
    },
    offence: {
      type: 'object',
      properties: {
        date: { type: 'string', format: 'date' },
        category: { type: 'string' },
        threatenedSentenceMonths: { type: 'number' },
        repeat: { type: 'boolean' },
      },
    },
    sentence: {
      type: 'object',
      properties: {
        months: { type: 'number' },
        startDate: { type: 'string', format: 'date' },
        lastDisciplinaryDate: { type: 'string', format: 'date' },
      },
    },
    counters: { type: 'object' },
    forms: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: {
          submissionId: { type: 'string' },
          formVersion: { type: 'number' },
          at: { type: 'string' },
        },
      },
    },
    createdAt: { type: 'string' },
  },
} as const;

export const BUILTIN_FACTS: readonly FactDefinition[] = [
  {
    name: 'case',
    type: 'object',
    source: { kind: 'builtin' },
    description: 'Kepala kasus: tahap, jenis kasus, kantor, klien, tindak pidana, pidana, penghitung.',
  },
  {
    name: 'today',
    type: 'date',
    source: { kind: 'builtin' },
    description: 'Tanggal hari ini di zona waktu kantor kasus.',
  },
  {
    name: `${FORM_FACT_PREFIX}<formId>`,
    type: 'object',
    source: { kind: 'builtin' },
    description:
      'Data kiriman terakhir formulir <formId> pada kasus; gunakan path, mis. $.bagianA.jumlahPasal.',
  },
];

/** The built-in definition of a fact name, if it is one (form facts match by prefix). */
export function builtinFact(name: string): FactDefinition | undefined {
  if (name.startsWith(FORM_FACT_PREFIX) && name.length > FORM_FACT_PREFIX.length) {
    return { name, type: 'object', source: { kind: 'builtin' }, description: '' };
  }
  return BUILTIN_FACTS.find((fact) => fact.name === name);
}

/** Whether `value` has fact type `type` (a date is a YYYY-MM-DD string). */
export function hasFactType(value: unknown, type: FactType): boolean {
  switch (type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return isCalendarDate(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}
