/**
 * The printable report of one submission (e.g. a litmas), fit to file: the office, the case header
 * (client, case type and stage by their titles, the headline facts of the case type such as the RRI
 * score and category), the form's fields in the order its uiSchema gives, each with the title the
 * schema gives it wherever it is declared (conditional `if/then/else`, `allOf`, `dependencies`), dates
 * as Indonesians write them, and a signature block with the PK's and the office head's names and NIP.
 * Nothing internal is shown (no ids, keys or empty values). Plain HTML and CSS for A4: rows never
 * break across pages and table headers repeat on each page. Sensitive fields are left out for those
 * not allowed to see them.
 */
import escapeHtml from 'escape-html';
import { formatCalendarDate } from '../decisions/sentences';
import { type CaseHead, seesSensitive } from '../domain/case-file';
import { stageTitle } from '../domain/case-type';
import { resolveSchemaRef } from '../domain/schema-walk';
import { redactSensitive } from '../domain/sensitive';
import type { User } from '../platform/claims';
import { AppError } from '../platform/errors';
import type { Lang } from '../platform/messages';
import { appendAudit, getCaseItem } from '../store/cases-repo';
import { getOffice } from '../store/offices-repo';
import { getUser, listUsers } from '../store/users-repo';
import { translateForm } from '../validation/translations';
import { auditEntry, latestData, loadCase } from './case-context';
import { publishedCaseType } from './case-types';
import { factsFor, type HeadlineFact, headlineFacts } from './evaluate-case';
import { getFormVersion } from './forms';

type Schema = Record<string, unknown>;
type Ui = Record<string, unknown>;

const TEXT = {
  id: {
    client: 'Nama klien',
    birthDate: 'Tanggal lahir',
    nik: 'NIK',
    office: 'Kantor',
    caseType: 'Jenis kasus',
    stage: 'Tahap',
    formVersion: 'Versi formulir',
    submitted: 'Dikirim',
    by: 'oleh',
    field: 'Isian',
    answer: 'Keterangan',
    yes: 'Ya',
    no: 'Tidak',
    empty: '—',
    withheldValue: 'dirahasiakan',
    officer: 'Pembimbing Kemasyarakatan',
    head: 'Mengetahui, Kepala Bapas',
    nip: 'NIP',
    withheld: 'Beberapa isian rahasia tidak ditampilkan.',
    at: 'pukul',
  },
  en: {
    client: 'Client',
    birthDate: 'Date of birth',
    nik: 'NIK',
    office: 'Office',
    caseType: 'Case type',
    stage: 'Stage',
    formVersion: 'Form version',
    submitted: 'Submitted',
    by: 'by',
    field: 'Field',
    answer: 'Answer',
    yes: 'Yes',
    no: 'No',
    empty: '—',
    withheldValue: 'confidential',
    officer: 'Probation officer (PK)',
    head: 'Acknowledged, Head of Bapas',
    nip: 'NIP',
    withheld: 'Some confidential fields are not shown.',
    at: 'at',
  },
} as const;

type Words = (typeof TEXT)[Lang];

const e = (value: unknown) => escapeHtml(String(value));
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A calendar date in `lang`: "1 Desember 2026" / "1 December 2026". */
export function longDate(date: string, lang: Lang): string {
  if (lang === 'id') return formatCalendarDate(date);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime())
    ? date
    : new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(parsed);
}

/** A timestamp in the office's time zone: "1 Desember 2026 pukul 09.30". */
export function longDateTime(iso: string, lang: Lang, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const locale = lang === 'id' ? 'id-ID' : 'en-GB';
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(date);
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(date);
  return `${day} ${TEXT[lang].at} ${time}`;
}

/** A property name as a person reads it when no schema gives it a title ("bagianB" → "Bagian B"). */
export function humanize(key: string): string {
  const words = key
    .replace(/[-_]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2')
    .trim()
    .split(/\s+/)
    // A lone capital or an acronym ("B", "NIK") stays as written.
    .map((word) => (word.length === 1 || word === word.toUpperCase() ? word : word.toLowerCase()))
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The subschemas whose properties also describe an object: `allOf`/`anyOf`/`oneOf`, `if`/`then`/`else`, `dependencies`. */
function branchesOf(schema: Schema): Schema[] {
  const out: Schema[] = [];
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) out.push(...list.filter(isRecord));
  }
  for (const key of ['if', 'then', 'else'] as const) if (isRecord(schema[key])) out.push(schema[key]);
  for (const key of ['dependencies', 'dependentSchemas'] as const) {
    const map = schema[key];
    if (isRecord(map)) out.push(...Object.values(map).filter(isRecord));
  }
  return out;
}

/**
 * Every schema fragment that describes each property of an object, wherever it is declared: its own
 * `properties` first, then those of its conditional and combined branches (in order), `$ref`s followed.
 */
export function propertyFragments(root: Schema, nodes: readonly Schema[]): Map<string, Schema[]> {
  const out = new Map<string, Schema[]>();
  const seen = new Set<Schema>();
  const visit = (raw: Schema, depth: number) => {
    const node = resolveSchemaRef(root, raw);
    if (seen.has(node) || depth > 16) return;
    seen.add(node);
    if (isRecord(node.properties)) {
      for (const [key, value] of Object.entries(node.properties)) {
        if (!isRecord(value)) continue;
        out.set(key, [...(out.get(key) ?? []), resolveSchemaRef(root, value)]);
      }
    }
    for (const branch of branchesOf(node)) visit(branch, depth + 1);
  };
  for (const node of nodes) visit(node, 0);
  return out;
}

/** The first of the fragments that has `key` set. */
function first<T>(fragments: readonly Schema[], key: string, guard: (value: unknown) => value is T) {
  for (const fragment of fragments) if (guard(fragment[key])) return fragment[key] as T;
  return undefined;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** The title an option has among the fragments (oneOf/anyOf const + title). */
function optionTitle(fragments: readonly Schema[], value: unknown): string | undefined {
  for (const fragment of fragments) {
    for (const key of ['oneOf', 'anyOf'] as const) {
      const options = fragment[key];
      if (!Array.isArray(options)) continue;
      const found = options.find((option) => isRecord(option) && option.const === value);
      if (isRecord(found) && isText(found.title)) return found.title;
    }
  }
  return undefined;
}

/** Property names in the order the uiSchema gives ('*' stands for the rest), else the schema's. */
export function orderedKeys(
  declared: readonly string[],
  uiSchema: Ui,
  data: Record<string, unknown>,
): string[] {
  const present = [...new Set([...declared, ...Object.keys(data)])];
  const order = Array.isArray(uiSchema['ui:order']) ? (uiSchema['ui:order'] as string[]) : [];
  if (order.length === 0) return present;
  const rest = present.filter((key) => !order.includes(key));
  return order
    .flatMap((key) => (key === '*' ? rest : present.includes(key) ? [key] : []))
    .concat(order.includes('*') ? [] : rest);
}

// Made on first use: the first formatter of a locale loads its ICU data (milliseconds of a cold start).
const numberFormats = new Map<string, Intl.NumberFormat>();

/** Up to two decimals; thousands grouped from 10 000 on (a year or a count stays "2026"). */
function formatNumber(value: number, lang: Lang): string {
  const grouping = Math.abs(value) >= 10_000;
  const key = `${lang}:${grouping}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
      maximumFractionDigits: 2,
      useGrouping: grouping,
    });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

interface Context {
  root: Schema;
  words: Words;
  lang: Lang;
  timeZone: string;
}

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (isRecord(value) && Object.values(value).every(isEmpty));

function renderValue(context: Context, fragments: readonly Schema[], ui: Ui, value: unknown): string {
  const { words, lang } = context;
  if (isEmpty(value)) return `<span class="empty">${words.empty}</span>`;
  if (Array.isArray(value)) {
    const items = fragments
      .map((fragment) => fragment.items)
      .filter(isRecord)
      .map((items) => resolveSchemaRef(context.root, items));
    const itemUi = isRecord(ui.items) ? ui.items : {};
    return `<ol>${value
      .filter((item) => !isEmpty(item))
      .map((item) => `<li>${renderValue(context, items, itemUi, item)}</li>`)
      .join('')}</ol>`;
  }
  if (isRecord(value)) return renderTable(context, fragments, ui, value, 'nested');
  const titled = optionTitle(fragments, value);
  if (titled) return e(titled);
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'number') return e(formatNumber(value, lang));
  const text = String(value);
  const format = first(fragments, 'format', isText);
  if (format === 'date' || (format === undefined && /^\d{4}-\d{2}-\d{2}$/.test(text)))
    return e(longDate(text, lang));
  if (format === 'date-time' || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text))
    return e(longDateTime(text, lang, context.timeZone));
  return ui['ui:widget'] === 'textarea' ? `<div class="long">${e(text)}</div>` : e(text);
}

/**
 * One object's fields as a table. At the top level an object field becomes a titled section of its
 * own; the top table and each section's table repeat their header row on every page they run over.
 */
function renderTable(
  context: Context,
  fragments: readonly Schema[],
  ui: Ui,
  data: Record<string, unknown>,
  level: 'top' | 'section' | 'nested',
): string {
  const properties = propertyFragments(context.root, fragments);
  const rows: string[] = [];
  const sections: string[] = [];
  for (const key of orderedKeys([...properties.keys()], ui, data)) {
    const value = data[key];
    if (!(key in data) || isEmpty(value)) continue;
    const own = properties.get(key) ?? [];
    const label = e(first(own, 'title', isText) ?? humanize(key));
    const childUi = isRecord(ui[key]) ? ui[key] : {};
    if (level === 'top' && isRecord(value)) {
      sections.push(
        `<section><h2>${label}</h2>${renderTable(context, own, childUi, value, 'section')}</section>`,
      );
      continue;
    }
    rows.push(`<tr><th scope="row">${label}</th><td>${renderValue(context, own, childUi, value)}</td></tr>`);
  }
  if (rows.length === 0) return sections.join('');
  const { field, answer } = context.words;
  const head =
    level === 'nested'
      ? ''
      : `<thead><tr><th scope="col">${e(field)}</th><th scope="col">${e(answer)}</th></tr></thead>`;
  return `<table${level === 'nested' ? '' : ' class="fields"'}>${head}<tbody>${rows.join('')}</tbody></table>${sections.join('')}`;
}

/** A headline fact's value as the report prints it. */
function headlineValue(fact: HeadlineFact, context: Context): string {
  if (fact.withheld) return context.words.withheldValue;
  if (fact.value === null || fact.value === undefined || fact.value === '') return context.words.empty;
  if (typeof fact.value === 'number') return formatNumber(fact.value, context.lang);
  if (typeof fact.value === 'boolean') return fact.value ? context.words.yes : context.words.no;
  if (typeof fact.value === 'string')
    return fact.type === 'date' ? longDate(fact.value, context.lang) : fact.value;
  return context.words.empty;
}

interface Signer {
  name: string;
  nip?: string;
}

/** A person of the directory by id: their full name and NIP when the directory has them. */
async function person(id: string): Promise<Signer | undefined> {
  const found = await getUser(id);
  return found ? { name: found.name, ...(found.nip ? { nip: found.nip } : {}) } : undefined;
}

/** The office's supervisor (the head who acknowledges the report): the first active one by name. */
async function officeHead(office: string): Promise<Signer | undefined> {
  const heads = (await listUsers(office, 'supervisor')).filter((user) => user.active !== false);
  const head = heads[0];
  return head ? { name: head.name, ...(head.nip ? { nip: head.nip } : {}) } : undefined;
}

function signature(label: string, signer: Signer | undefined, words: Words): string {
  const nip = signer?.nip ? `${words.nip} ${e(signer.nip)}` : `${words.nip} <span class="blank"></span>`;
  return `<div class="signer"><p>${e(label)}</p><div class="line"><strong>${signer ? e(signer.name) : '<span class="blank"></span>'}</strong><br>${nip}</div></div>`;
}

const STYLE = `
@page { size: A4; margin: 20mm 18mm 20mm 18mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Serif", Georgia, serif; font-size: 11pt; line-height: 1.45; color: #111; max-width: 180mm; margin: 0 auto; }
.agency { text-align: center; font-weight: 600; text-transform: uppercase; letter-spacing: 0.02em; margin: 0 0 2mm; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 2mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; break-after: avoid; page-break-after: avoid; }
.meta { text-align: center; color: #444; margin: 0 0 6mm; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { text-align: left; vertical-align: top; padding: 1mm 2mm; border-bottom: 1px solid #ddd; overflow-wrap: anywhere; }
th { width: 40%; font-weight: 600; }
thead th { border-bottom: 1px solid #999; color: #444; font-size: 9.5pt; }
td table th { width: 45%; font-weight: 500; }
.header th { width: 32%; }
.long { white-space: pre-wrap; }
.empty { color: #888; }
ol { margin: 0; padding-left: 5mm; }
li { break-inside: avoid; }
.note { font-style: italic; color: #555; }
.place { margin-top: 10mm; text-align: right; }
.signatures { display: flex; justify-content: space-between; gap: 10mm; margin-top: 4mm; break-inside: avoid; page-break-inside: avoid; }
.signer { width: 45%; text-align: center; }
.signer p { margin: 0; }
.signer .line { margin-top: 22mm; border-top: 1px solid #111; padding-top: 1mm; }
.blank { display: inline-block; min-width: 40mm; }
`;

/** Who sent the submission, by the directory, else the name the submission recorded. */
async function signerOf(item: Record<string, unknown>, user: User): Promise<Signer | undefined> {
  const id = String(item.submittedBy ?? '');
  const found = id ? await person(id) : undefined;
  if (found) return found;
  if (isText(item.submittedByName)) return { name: item.submittedByName };
  return id === user.id ? { name: user.name } : undefined;
}

/** The report as an HTML document. */
export async function submissionReport(
  user: User,
  caseId: string,
  submissionId: string,
  lang: Lang,
): Promise<string> {
  const head: CaseHead = await loadCase(user, caseId, 'read');
  const item = await getCaseItem(caseId, 'SUB', submissionId);
  if (!item) throw new AppError('submission_not_found', { params: { id: submissionId } });
  const stored = await getFormVersion(String(item.formId), Number(item.formVersion));
  // Titles and options in the reader's language where the form gives them (x-translations).
  const form = translateForm(stored, lang);
  const words = TEXT[lang];
  const allowed = seesSensitive(user, head);
  const data = (allowed ? item.data : redactSensitive(stored.schema, item.data)) as Record<string, unknown>;
  const [type, office, signer, supervisor] = await Promise.all([
    publishedCaseType(head.caseType),
    getOffice(head.office),
    signerOf(item, user),
    officeHead(head.office),
  ]);
  let headline: HeadlineFact[] = [];
  if (type) {
    const { facts, visible } = await factsFor(user, type, head, await latestData(caseId));
    headline = headlineFacts(type, facts, visible);
  }
  await appendAudit(caseId, auditEntry(user, 'report.read', { submissionId }));

  const context: Context = { root: form.schema, words, lang, timeZone: head.timeZone };
  const officeName = office?.name ?? head.office;
  const rows: [string, string][] = [
    [words.client, head.client.name],
    [words.birthDate, longDate(head.client.birthDate, lang)],
    ...(head.client.nik ? [[words.nik, head.client.nik] as [string, string]] : []),
    [words.office, officeName],
    [words.caseType, type?.title ?? humanize(head.caseType)],
    [words.stage, type ? stageTitle(type.content, head.stage) : humanize(head.stage)],
    ...headline.map((fact): [string, string] => [fact.title, headlineValue(fact, context)]),
  ];
  const header = rows
    .map(([label, value]) => `<tr><th scope="row">${e(label)}</th><td>${e(value)}</td></tr>`)
    .join('');
  const submittedAt = String(item.submittedAt ?? '');
  const submittedDay = longDate(submittedAt.slice(0, 10), lang);
  const body = renderTable(context, [form.schema], form.uiSchema, data ?? {}, 'top');
  const by = signer ? ` ${e(words.by)} ${e(signer.name)}` : '';
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${e(form.title)} — ${e(head.client.name)}</title><style>${STYLE}</style></head>
<body>
<p class="agency">${e(officeName)}</p>
<h1>${e(form.title)}</h1>
<p class="meta">${e(words.formVersion)} ${e(form.version)} · ${e(words.submitted)} ${e(longDateTime(submittedAt, lang, head.timeZone))}${by}</p>
<table class="header"><tbody>${header}</tbody></table>
${allowed ? '' : `<p class="note">${e(words.withheld)}</p>`}
${body}
<p class="place">${e(officeName)}, ${e(submittedDay)}</p>
<div class="signatures">
  ${signature(words.head, supervisor, words)}
  ${signature(words.officer, signer, words)}
</div>
</body>
</html>`;
}
