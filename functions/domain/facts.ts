/**
 * The fact catalogue: every fact a rule may use without declaring it. `case` is the case head,
 * `form:<formId>` the data of the case's latest submission of that form, and the computed facts
 * below are pure functions of those (or of each other). A caller may supply any fact directly,
 * which is how ruleset tests state "41 months served" without building a whole case.
 */
import { ageInYears, completedMonths, isCalendarDate, todayIn } from './dates';
import { type RriAnswers, rriCategory, rriScore } from './rri';

export const FACT_TYPES = ['number', 'string', 'boolean', 'date', 'object', 'array'] as const;
export type FactType = (typeof FACT_TYPES)[number];

export interface FactDefinition {
  name: string;
  type: FactType;
  description: string;
  /** Where the value comes from: the case head, a form submission, a computation, or the ruleset. */
  source: 'case' | 'form' | 'computed' | 'declared';
}

export interface ComputedFact extends FactDefinition {
  source: 'computed';
  /** The facts it reads (for documentation and to resolve them before computing). */
  inputs: readonly string[];
  compute(inputs: Record<string, unknown>): unknown;
}

/** The prefix of form facts: `form:asesmen-risiko` is that form's latest submitted data. */
export const FORM_FACT_PREFIX = 'form:';

/** The JSON Schema of the `case` fact, so rule paths into it can be checked like form paths. */
export const CASE_FACT_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    stage: {
      type: 'string',
      enum: ['intake', 'assessment', 'planning', 'intervention', 'monitoring', 'accompaniment', 'terminated'],
    },
    caseType: { type: 'string' },
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
    supervision: {
      type: 'object',
      properties: {
        missedInARow: { type: 'number' },
        lastReport: { type: 'string', format: 'date' },
      },
    },
    lastPlanDate: { type: 'string', format: 'date' },
  },
} as const;

const get = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (current, key) =>
      current && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined,
    value,
  );
const date = (value: unknown) => (isCalendarDate(value) ? value : undefined);
const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

export const COMPUTED_FACTS: readonly ComputedFact[] = [
  {
    name: 'today',
    type: 'date',
    source: 'computed',
    description: 'Tanggal hari ini di zona waktu kantor kasus (bawaan Asia/Jakarta).',
    inputs: ['case'],
    compute: ({ case: head }) => {
      const zone = get(head, 'timeZone');
      return todayIn(typeof zone === 'string' ? zone : undefined);
    },
  },
  {
    name: 'ageYears',
    type: 'number',
    source: 'computed',
    description: 'Usia klien hari ini dalam tahun penuh, dari case.client.birthDate.',
    inputs: ['case', 'today'],
    compute: ({ case: head, today }) => {
      const birth = date(get(head, 'client', 'birthDate'));
      const at = date(today);
      return birth && at ? ageInYears(birth, at) : undefined;
    },
  },
  {
    name: 'ageAtOffenceYears',
    type: 'number',
    source: 'computed',
    description: 'Usia klien pada tanggal tindak pidana (case.offence.date), dalam tahun penuh.',
    inputs: ['case'],
    compute: ({ case: head }) => {
      const birth = date(get(head, 'client', 'birthDate'));
      const at = date(get(head, 'offence', 'date'));
      return birth && at ? ageInYears(birth, at) : undefined;
    },
  },
  {
    name: 'sentenceMonths',
    type: 'number',
    source: 'computed',
    description: 'Lama pidana dalam bulan (case.sentence.months).',
    inputs: ['case'],
    compute: ({ case: head }) => number(get(head, 'sentence', 'months')),
  },
  {
    name: 'sentenceTwoThirdsMonths',
    type: 'number',
    source: 'computed',
    description: 'Dua pertiga lama pidana, dalam bulan (sentenceMonths × 2/3).',
    inputs: ['sentenceMonths'],
    compute: ({ sentenceMonths }) => {
      const total = number(sentenceMonths);
      return total === undefined ? undefined : (total * 2) / 3;
    },
  },
  {
    name: 'sentenceHalfMonths',
    type: 'number',
    source: 'computed',
    description: 'Setengah lama pidana, dalam bulan (sentenceMonths / 2).',
    inputs: ['sentenceMonths'],
    compute: ({ sentenceMonths }) => {
      const total = number(sentenceMonths);
      return total === undefined ? undefined : total / 2;
    },
  },
  {
    name: 'threatenedSentenceMonths',
    type: 'number',
    source: 'computed',
    description:
      'Ancaman pidana tindak pidana yang didakwakan, dalam bulan (case.offence.threatenedSentenceMonths).',
    inputs: ['case'],
    compute: ({ case: head }) => number(get(head, 'offence', 'threatenedSentenceMonths')),
  },
  {
    name: 'repeatOffence',
    type: 'boolean',
    source: 'computed',
    description: 'Apakah tindak pidana ini pengulangan (case.offence.repeat).',
    inputs: ['case'],
    compute: ({ case: head }) => {
      const repeat = get(head, 'offence', 'repeat');
      return typeof repeat === 'boolean' ? repeat : undefined;
    },
  },
  {
    name: 'monthsServed',
    type: 'number',
    source: 'computed',
    description: 'Bulan penuh masa pidana yang telah dijalani, dari case.sentence.startDate sampai hari ini.',
    inputs: ['case', 'today'],
    compute: ({ case: head, today }) => {
      const start = date(get(head, 'sentence', 'startDate'));
      const at = date(today);
      return start && at ? Math.max(0, completedMonths(start, at)) : undefined;
    },
  },
  {
    name: 'fractionServed',
    type: 'number',
    source: 'computed',
    description: 'Bagian masa pidana yang telah dijalani (0–1): monthsServed / sentenceMonths.',
    inputs: ['monthsServed', 'sentenceMonths'],
    compute: ({ monthsServed, sentenceMonths }) => {
      const served = number(monthsServed);
      const total = number(sentenceMonths);
      return served !== undefined && total ? served / total : undefined;
    },
  },
  {
    name: 'monthsWithoutDisciplinary',
    type: 'number',
    source: 'computed',
    description:
      'Bulan penuh tanpa catatan pelanggaran (Register F): sejak case.sentence.lastDisciplinaryDate, ' +
      'atau sejak awal pidana bila tidak ada catatan.',
    inputs: ['case', 'today'],
    compute: ({ case: head, today }) => {
      const since =
        date(get(head, 'sentence', 'lastDisciplinaryDate')) ?? date(get(head, 'sentence', 'startDate'));
      const at = date(today);
      return since && at ? Math.max(0, completedMonths(since, at)) : undefined;
    },
  },
  {
    name: 'consecutiveMissedReports',
    type: 'number',
    source: 'computed',
    description:
      'Berapa kali berturut-turut terakhir klien tidak hadir wajib lapor (dari catatan pengawasan).',
    inputs: ['case'],
    compute: ({ case: head }) => number(get(head, 'supervision', 'missedInARow')) ?? (head ? 0 : undefined),
  },
  {
    name: 'monthsSinceLastPlanReview',
    type: 'number',
    source: 'computed',
    description:
      'Bulan penuh sejak rencana layanan terakhir dikirim (case.lastPlanDate); ditinjau paling lambat tiap 6 bulan.',
    inputs: ['case', 'today'],
    compute: ({ case: head, today }) => {
      const plan = date(get(head, 'lastPlanDate'));
      const at = date(today);
      return plan && at ? Math.max(0, completedMonths(plan, at)) : undefined;
    },
  },
  {
    name: 'rriScore',
    type: 'number',
    source: 'computed',
    description: 'Skor RRI bagian A (0–17) dari jawaban formulir asesmen-risiko.',
    inputs: ['form:asesmen-risiko'],
    compute: (inputs) => {
      const answers = get(inputs['form:asesmen-risiko'], 'bagianA');
      return answers && typeof answers === 'object' ? rriScore(answers as RriAnswers) : undefined;
    },
  },
  {
    name: 'rriCategory',
    type: 'string',
    source: 'computed',
    description: 'Kategori RRI: rendah (0–6), sedang (7–11), tinggi (12–15), sangat tinggi (16–17).',
    inputs: ['rriScore'],
    compute: ({ rriScore: score }) => {
      const value = number(score);
      return value === undefined ? undefined : rriCategory(value);
    },
  },
];

export const BASE_FACTS: readonly FactDefinition[] = [
  {
    name: 'case',
    type: 'object',
    source: 'case',
    description: 'Kepala kasus: tahap, jenis kasus, kantor, klien, tindak pidana, pidana.',
  },
  {
    name: `${FORM_FACT_PREFIX}<formId>`,
    type: 'object',
    source: 'form',
    description:
      'Data kiriman terakhir formulir <formId> pada kasus; gunakan path, mis. $.bagianA.jumlahPasal.',
  },
];

/** The catalogue as `GET /api/facts` serves it. */
export function factCatalogue(): FactDefinition[] {
  return [
    ...BASE_FACTS,
    ...COMPUTED_FACTS.map(({ name, type, description, source }) => ({ name, type, description, source })),
  ];
}

/** The catalogue's definition of a fact name, if it has one (form facts match by prefix). */
export function catalogueFact(name: string): FactDefinition | undefined {
  if (name.startsWith(FORM_FACT_PREFIX) && name.length > FORM_FACT_PREFIX.length) {
    return { name, type: 'object', source: 'form', description: '' };
  }
  return [...BASE_FACTS, ...COMPUTED_FACTS].find((fact) => fact.name === name);
}
