/**
 * An audit entry's details in words: stages, offices, people and forms by their names, a referral's
 * statuses, the reason or note given, the deadline set. Internal references (the ids of submissions,
 * notes, referrals and rulesets, version counters, raw data) are left out: the trail tells a
 * supervisor who did what to the case, and the rest of the case page shows the things themselves.
 */
import type { MessageKey, MessageParams } from '../../shared/i18n/dictionary';

export interface AuditWords {
  t: (key: MessageKey, params?: MessageParams) => string;
  stage: (id: string) => string;
  office: (id: string) => string;
  person: (id: string) => string;
  form: (id: string) => string;
  /** A termination reason of the case type, by its title. */
  reason: (id: string) => string;
  referralStatus: (status: string) => string;
  date: (date: string) => string;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** What was changed by a case edit, by its field: only the fields a person recognises. */
const FIELD_WORDS: Readonly<Record<string, MessageKey>> = {
  assignee: 'audit.field.assignee',
  client: 'audit.field.client',
};

export function auditDetail(
  action: string,
  detail: Readonly<Record<string, unknown>>,
  words: AuditWords,
): string {
  const { t } = words;
  const parts: string[] = [];
  const from = text(detail.from);
  const to = text(detail.to);
  if (action.startsWith('referral.')) {
    if (from && to)
      parts.push(t('audit.about.status', { from: words.referralStatus(from), to: words.referralStatus(to) }));
  } else if (from && to) {
    parts.push(t('audit.about.move', { from: words.stage(from), to: words.stage(to) }));
  } else if (to) {
    parts.push(t('audit.about.to', { stage: words.stage(to) }));
  } else if (from) {
    parts.push(t('audit.about.from', { stage: words.stage(from) }));
  }
  const formId = text(detail.formId);
  if (formId) {
    const version = typeof detail.formVersion === 'number' ? detail.formVersion : undefined;
    parts.push(
      version === undefined
        ? t('audit.about.form', { form: words.form(formId) })
        : t('audit.about.formVersion', { form: words.form(formId), version }),
    );
  }
  const office = text(detail.office);
  if (office && action === 'case.created')
    parts.push(t('audit.about.office', { office: words.office(office) }));
  const fromOffice = text(detail.fromOffice);
  if (fromOffice) parts.push(t('audit.about.fromOffice', { office: words.office(fromOffice) }));
  const toOffice = text(detail.toOffice);
  if (toOffice) parts.push(t('audit.about.toOffice', { office: words.office(toOffice) }));
  const due = text(detail.due);
  if (due) parts.push(t('audit.about.due', { date: words.date(due) }));
  if (Array.isArray(detail.fields)) {
    const fields = detail.fields.flatMap((field) =>
      typeof field === 'string' && FIELD_WORDS[field] ? [t(FIELD_WORDS[field])] : [],
    );
    if (fields.length > 0) parts.push(t('audit.about.fields', { fields: fields.join(', ') }));
  }
  const assignee = text(detail.assignee);
  if (assignee) parts.push(t('audit.about.assignee', { person: words.person(assignee) }));
  const reason = text(detail.reason);
  if (reason) {
    // A transfer's reason is the supervisor's own words; a move's is one of the case type's reasons.
    parts.push(
      action.startsWith('transfer.')
        ? t('audit.about.said', { text: reason })
        : t('audit.about.reason', { reason: words.reason(reason) }),
    );
  }
  const note = text(detail.note) ?? text(detail.comment);
  if (note) parts.push(t('audit.about.note', { text: note }));
  return parts.join('; ');
}
