/**
 * Content packs: every published form, ruleset and case type as one JSON document (with versions
 * and notes), and loading such a document as drafts, each checked as on save, so agencies can share
 * content without a deploy. An import answers, per item, whether it is new, changed or the same as
 * what is published; with `dryRun` nothing is written.
 */
import { isDeepStrictEqual } from 'node:util';
import type { User } from '../platform/claims';
import { AppError, type ErrorDetail } from '../platform/errors';
import type { Lang } from '../platform/messages';
import type { ContentKind } from '../store/content-repo';
import { contentRepo, type Version } from '../store/content-repo';
import { loadFormDefinition } from '../validation/lazy';
import {
  type CaseTypeInput,
  caseTypeContentProblems,
  publishCaseType,
  saveCaseTypeDraft,
} from './case-types';
import { openStagesOf } from './daily';
import { type FormDefinition, publishForm, saveFormDraft } from './forms';
import { publishRuleset, type RulesetInput, saveRulesetDraft } from './rulesets';

export const PACK_FORMAT = 'kawal-pack/1';

export interface PackItem {
  id: string;
  title: string;
  description: string;
  /** The published content (what a draft PUT takes, without title and description). */
  content: Record<string, unknown>;
  version: number;
  versions: { version: number; publishedAt: string; publishedBy: string; note: string | null }[];
}

export interface Pack {
  format: typeof PACK_FORMAT;
  exportedAt: string;
  forms: PackItem[];
  rulesets: PackItem[];
  caseTypes: PackItem[];
}

const KINDS: { key: 'forms' | 'rulesets' | 'caseTypes'; kind: ContentKind }[] = [
  { key: 'forms', kind: 'FORM' },
  { key: 'rulesets', kind: 'RULESET' },
  { key: 'caseTypes', kind: 'CASETYPE' },
];

async function exportKind(kind: ContentKind): Promise<PackItem[]> {
  const repo = contentRepo(kind);
  const items: PackItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await repo.listHeads(100, cursor);
    for (const head of page.items) {
      if (head.publishedVersion === null) continue;
      const version = (await repo.getVersion(head.id, head.publishedVersion)) as Version;
      const versions: PackItem['versions'] = [];
      let at: string | undefined;
      do {
        const list = await repo.listVersions(head.id, 100, at);
        versions.push(
          ...list.items.map(({ version: n, publishedAt, publishedBy, note }) => ({
            version: n,
            publishedAt,
            publishedBy,
            note,
          })),
        );
        at = list.nextCursor ?? undefined;
      } while (at);
      items.push({
        id: head.id,
        title: version.title,
        description: version.description,
        content: version.body,
        version: version.version,
        versions,
      });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

export async function exportPack(): Promise<Pack> {
  const [forms, rulesets, caseTypes] = await Promise.all(KINDS.map(({ kind }) => exportKind(kind)));
  return {
    format: PACK_FORMAT,
    exportedAt: new Date().toISOString(),
    forms: forms ?? [],
    rulesets: rulesets ?? [],
    caseTypes: caseTypes ?? [],
  };
}

export interface ImportRow {
  kind: 'form' | 'ruleset' | 'caseType';
  id: string;
  change: 'new' | 'changed' | 'same';
}

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * Loads a pack as drafts: forms first (rulesets and case types are checked against the published
 * forms), then rulesets, then case types. Items equal to what is published are left alone. With
 * `publish`, each draft is published as soon as it is saved (its tests run as on any publish), so a
 * whole pack can furnish an empty installation: the forms are in force before the rules that read them.
 */
export async function importPack(
  raw: unknown,
  user: User,
  lang: Lang,
  options: { dryRun: boolean; publish?: boolean },
): Promise<{ items: ImportRow[]; dryRun: boolean; published: boolean }> {
  const { dryRun, publish = false } = options;
  const pack = raw as Partial<Pack>;
  const problems: ErrorDetail[] = [];
  if (pack?.format !== PACK_FORMAT) problems.push({ path: '/format', message: PACK_FORMAT });
  for (const { key } of KINDS) {
    const list = pack?.[key];
    if (list !== undefined && !Array.isArray(list)) problems.push({ path: `/${key}`, message: 'array' });
    (Array.isArray(list) ? list : []).forEach((item, i) => {
      if (!item || typeof item !== 'object' || typeof item.id !== 'string' || !ID.test(item.id))
        problems.push({ path: `/${key}/${i}/id`, message: 'id' });
      else if (typeof item.title !== 'string' || !item.content || typeof item.content !== 'object')
        problems.push({ path: `/${key}/${i}`, message: 'title, content' });
    });
  }
  if (problems.length > 0) throw new AppError('invalid_pack', { details: problems });

  const rows: ImportRow[] = [];
  for (const { key, kind } of KINDS) {
    const repo = contentRepo(kind);
    for (const [i, item] of (pack[key] ?? []).entries()) {
      const head = await repo.getHead(item.id);
      const published = head?.publishedVersion
        ? await repo.getVersion(item.id, head.publishedVersion)
        : undefined;
      const same =
        published !== undefined &&
        published.title === item.title &&
        published.description === (item.description ?? '') &&
        isDeepStrictEqual(published.body, item.content);
      const label = key === 'forms' ? 'form' : key === 'rulesets' ? 'ruleset' : 'caseType';
      rows.push({ kind: label, id: item.id, change: same ? 'same' : published ? 'changed' : 'new' });
      if (same) continue;
      const input = { title: item.title, description: item.description ?? '', ...item.content };
      try {
        if (dryRun) {
          if (kind === 'FORM') {
            const found = (await loadFormDefinition()).formDefinitionProblems(
              input as unknown as FormDefinition,
              lang,
            );
            if (found.length > 0) throw new AppError('invalid_form_schema', { details: found });
          } else if (kind === 'CASETYPE') {
            const { title: _t, description: _d, ...content } = input;
            const found = await caseTypeContentProblems(content, lang);
            if (found.length > 0) throw new AppError('invalid_case_type', { details: found });
          }
          continue;
        }
        const draft = await repo.getDraft(item.id);
        const expected = draft?.version ?? 0;
        if (kind === 'FORM')
          await saveFormDraft(item.id, input as unknown as FormDefinition, user, expected, lang);
        else if (kind === 'RULESET')
          await saveRulesetDraft(item.id, input as unknown as RulesetInput, user, expected, lang);
        else await saveCaseTypeDraft(item.id, input as unknown as CaseTypeInput, user, expected, lang);
        if (publish) {
          const note = `Impor paket${item.versions?.at(-1)?.note ? `: ${item.versions.at(-1)?.note}` : ''}`;
          if (kind === 'FORM') await publishForm(item.id, { note }, user);
          else if (kind === 'RULESET') await publishRuleset(item.id, { note }, user, lang);
          else await publishCaseType(item.id, { note }, user, lang, () => openStagesOf(item.id));
        }
      } catch (error) {
        if (!(error instanceof AppError) || !error.details) throw error;
        problems.push(...error.details.map((d) => ({ ...d, path: `/${key}/${i}/content${d.path}` })));
      }
    }
  }
  if (problems.length > 0) throw new AppError('invalid_pack', { details: problems });
  return { items: rows, dryRun, published: publish && !dryRun };
}
