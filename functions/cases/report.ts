/**
 * The printable report of one submission (e.g. a litmas): the case header, the form's sections in the
 * order its uiSchema gives, and a signature block for the PK and the Kabapas. Plain HTML and CSS that
 * print on A4; sensitive fields are left out for those not allowed to see them.
 */
import escapeHtml from 'escape-html';
import { seesSensitive } from '../domain/case-file';
import { resolveSchemaRef } from '../domain/schema-walk';
import { redactSensitive } from '../domain/sensitive';
import type { User } from '../platform/claims';
import { AppError } from '../platform/errors';
import type { Lang } from '../platform/messages';
import { appendAudit, getCaseItem } from '../store/cases-repo';
import { auditEntry, loadCase } from './case-context';
import { getFormVersion } from './forms';

type Schema = Record<string, unknown>;

const TEXT = {
  id: {
    report: 'Laporan',
    caseId: 'Nomor kasus',
    client: 'Klien',
    birthDate: 'Tanggal lahir',
    nik: 'NIK',
    office: 'Kantor',
    caseType: 'Jenis kasus',
    stage: 'Tahap',
    form: 'Formulir',
    version: 'versi',
    submitted: 'Dikirim',
    by: 'oleh',
    yes: 'Ya',
    no: 'Tidak',
    empty: '—',
    officer: 'Pembimbing Kemasyarakatan',
    head: 'Mengetahui, Kepala Bapas',
    nip: 'NIP',
    withheld: 'Beberapa isian rahasia tidak ditampilkan.',
  },
  en: {
    report: 'Report',
    caseId: 'Case number',
    client: 'Client',
    birthDate: 'Date of birth',
    nik: 'NIK',
    office: 'Office',
    caseType: 'Case type',
    stage: 'Stage',
    form: 'Form',
    version: 'version',
    submitted: 'Submitted',
    by: 'by',
    yes: 'Yes',
    no: 'No',
    empty: '—',
    officer: 'Probation officer (PK)',
    head: 'Acknowledged, Head of Bapas',
    nip: 'NIP',
    withheld: 'Some confidential fields are not shown.',
  },
} as const;

type Words = (typeof TEXT)[Lang];

const e = (value: unknown) => escapeHtml(String(value));

/** Property names in the order the uiSchema gives ('*' stands for the rest), else the schema's. */
export function orderedKeys(
  schema: Schema,
  uiSchema: Record<string, unknown>,
  data: Record<string, unknown>,
): string[] {
  const declared = Object.keys((schema.properties ?? {}) as Record<string, unknown>);
  const present = [...new Set([...declared, ...Object.keys(data)])];
  const order = Array.isArray(uiSchema['ui:order']) ? (uiSchema['ui:order'] as string[]) : [];
  if (order.length === 0) return present;
  const rest = present.filter((key) => !order.includes(key));
  return order
    .flatMap((key) => (key === '*' ? rest : present.includes(key) ? [key] : []))
    .concat(order.includes('*') ? [] : rest);
}

/** The title an enum value has in the schema (oneOf const/title), or the value itself. */
function optionTitle(schema: Schema, value: unknown): string | undefined {
  const options = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  return options?.find((option) => option.const === value)?.title as string | undefined;
}

function renderValue(
  root: Schema,
  node: Schema,
  ui: Record<string, unknown>,
  value: unknown,
  words: Words,
  depth: number,
): string {
  const schema = resolveSchemaRef(root, node);
  if (value === undefined || value === null || value === '')
    return `<span class="empty">${words.empty}</span>`;
  if (Array.isArray(value)) {
    const items = resolveSchemaRef(root, (schema.items ?? {}) as Schema);
    if (value.length === 0) return `<span class="empty">${words.empty}</span>`;
    return `<ol>${value.map((item) => `<li>${renderValue(root, items, (ui.items ?? {}) as Record<string, unknown>, item, words, depth + 1)}</li>`).join('')}</ol>`;
  }
  if (typeof value === 'object')
    return renderObject(root, schema, ui, value as Record<string, unknown>, words, depth + 1);
  if (typeof value === 'boolean') return optionTitle(schema, value) ?? (value ? words.yes : words.no);
  const title = optionTitle(schema, value);
  const text = e(title ?? value);
  return ui['ui:widget'] === 'textarea' ? `<div class="long">${text}</div>` : text;
}

function renderObject(
  root: Schema,
  schema: Schema,
  ui: Record<string, unknown>,
  data: Record<string, unknown>,
  words: Words,
  depth: number,
): string {
  const properties = (resolveSchemaRef(root, schema).properties ?? {}) as Record<string, Schema>;
  const rows = orderedKeys(resolveSchemaRef(root, schema), ui, data)
    .filter((key) => key in data)
    .map((key) => {
      const property = resolveSchemaRef(root, properties[key] ?? {});
      const label = e(property.title ?? key);
      const value = data[key];
      const childUi = (ui[key] ?? {}) as Record<string, unknown>;
      if (value && typeof value === 'object' && !Array.isArray(value) && depth === 0) {
        return `<section><h2>${label}</h2>${renderObject(root, property, childUi, value as Record<string, unknown>, words, depth + 1)}</section>`;
      }
      return `<tr><th scope="row">${label}</th><td>${renderValue(root, property, childUi, value, words, depth)}</td></tr>`;
    });
  const sections = rows.filter((row) => row.startsWith('<section'));
  const fields = rows.filter((row) => !row.startsWith('<section'));
  return `${fields.length > 0 ? `<table>${fields.join('')}</table>` : ''}${sections.join('')}`;
}

const STYLE = `
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "DejaVu Serif", Georgia, serif; font-size: 11pt; line-height: 1.45; color: #111; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 4mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; }
.meta { text-align: center; color: #444; margin-bottom: 6mm; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0; }
th, td { text-align: left; vertical-align: top; padding: 1mm 2mm; border-bottom: 1px solid #ddd; }
th { width: 38%; font-weight: 600; }
.header th { width: 25%; }
.long { white-space: pre-wrap; }
.empty { color: #888; }
ol { margin: 0; padding-left: 5mm; }
.note { font-style: italic; color: #555; }
.signatures { display: flex; justify-content: space-between; margin-top: 14mm; page-break-inside: avoid; }
.signatures div { width: 45%; text-align: center; }
.signatures .line { margin-top: 22mm; border-top: 1px solid #111; padding-top: 1mm; }
`;

/** The report as an HTML document. */
export async function submissionReport(
  user: User,
  caseId: string,
  submissionId: string,
  lang: Lang,
): Promise<string> {
  const head = await loadCase(user, caseId, 'read');
  const item = await getCaseItem(caseId, 'SUB', submissionId);
  if (!item) throw new AppError('submission_not_found', { params: { id: submissionId } });
  const form = await getFormVersion(String(item.formId), Number(item.formVersion));
  const words = TEXT[lang];
  const allowed = seesSensitive(user, head);
  const data = (allowed ? item.data : redactSensitive(form.schema, item.data)) as Record<string, unknown>;
  await appendAudit(caseId, auditEntry(user, 'report.read', { submissionId }));

  const header = [
    [words.caseId, head.id],
    [words.client, head.client.name],
    [words.birthDate, head.client.birthDate],
    [words.nik, head.client.nik ?? words.empty],
    [words.office, head.office],
    [words.caseType, head.caseType],
    [words.stage, head.stage],
  ]
    .map(([label, value]) => `<tr><th scope="row">${e(label)}</th><td>${e(value)}</td></tr>`)
    .join('');
  const body = renderObject(form.schema, form.schema, form.uiSchema, data ?? {}, words, 0);
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${e(form.title)} — ${e(head.client.name)}</title><style>${STYLE}</style></head>
<body>
<h1>${e(form.title)}</h1>
<p class="meta">${e(words.form)} ${e(form.id)} ${e(words.version)} ${e(form.version)} · ${e(words.submitted)} ${e(String(item.submittedAt).slice(0, 10))} ${e(words.by)} ${e(item.submittedBy)}</p>
<table class="header">${header}</table>
${allowed ? '' : `<p class="note">${e(words.withheld)}</p>`}
${body}
<div class="signatures">
  <div>${e(words.head)}<div class="line">${e(words.nip)}</div></div>
  <div>${e(words.officer)}<div class="line">${e(String(item.submittedBy))}<br>${e(words.nip)}</div></div>
</div>
</body>
</html>`;
}
