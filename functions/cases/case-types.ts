/**
 * Case types as versioned content: drafts checked on save against the published forms and rulesets,
 * publishing gated by the type's own tests and by the open cases (a stage that open cases are in may
 * only disappear when the draft maps it to another), and the published version compiled once per
 * process and followed by every running process within the content TTL.
 */
import type { CompiledCaseType } from '../decisions/fact-sources';
import { loadCaseTypeChecks, loadFactSources } from '../decisions/lazy';
import { type CaseTypeContent, type FactSpec, ruleSelections } from '../domain/case-type';
import { BUILTIN_FACTS, type FactDefinition, type FactType } from '../domain/facts';
import { BoundedCache } from '../platform/bounded-cache';
import type { User } from '../platform/claims';
import { AppError, type ErrorDetail } from '../platform/errors';
import type { Lang } from '../platform/messages';
import type { ContentFields, Draft, Head, Version } from '../store/content-repo';
import type { Page } from '../store/cursor';
import { assertTestsPassed, contentService } from './content';
import { publishedFormSchema } from './forms';
import { publishedRulesetFacts, publishedRulesetKinds, rulesetIdsSelected } from './rulesets';

const caseTypes = contentService('CASETYPE', {
  notFound: 'case_type_not_found',
  notPublished: 'case_type_not_published',
  versionNotFound: 'case_type_version_not_found',
  draftNotFound: 'case_type_draft_not_found',
});
const compiledCache = new BoundedCache<CompiledCaseType>(100);

export interface CaseTypeInput extends CaseTypeContent {
  title: string;
  description?: string;
}

export type CaseTypeView = CaseTypeContent & {
  id: string;
  version: number;
  title: string;
  description: string;
} & (
    | { publishedAt: string; publishedBy: string; note: string | null; fromVersion: number | null }
    | { updatedAt: string; updatedBy: string }
  );

export interface CaseTypeSummary {
  id: string;
  title: string;
  description: string;
  publishedVersion: number | null;
  hasDraft: boolean;
  updatedAt: string;
}

const contentOf = (fields: ContentFields): CaseTypeContent => fields.body as unknown as CaseTypeContent;

function view(item: Version | Draft): CaseTypeView {
  const meta =
    'publishedAt' in item
      ? {
          publishedAt: item.publishedAt,
          publishedBy: item.publishedBy,
          note: item.note,
          fromVersion: item.fromVersion,
        }
      : { updatedAt: item.updatedAt, updatedBy: item.updatedBy };
  return {
    id: item.id,
    version: item.version,
    title: item.title,
    description: item.description,
    ...contentOf(item),
    ...meta,
  };
}

const summary = ({
  id,
  title,
  description,
  publishedVersion,
  hasDraft,
  updatedAt,
}: Head): CaseTypeSummary => ({
  id,
  title,
  description,
  publishedVersion,
  hasDraft,
  updatedAt,
});

/** Splits the stored fields from an input (title and description beside the content). */
export function caseTypeContent(input: CaseTypeInput): {
  title: string;
  description: string;
  content: CaseTypeContent;
} {
  // What GET adds (id, version, who published or saved it) is read back harmlessly, never stored.
  const {
    title,
    description = '',
    id: _id,
    version: _version,
    publishedAt: _publishedAt,
    publishedBy: _publishedBy,
    note: _note,
    fromVersion: _fromVersion,
    updatedAt: _updatedAt,
    updatedBy: _updatedBy,
    ...content
  } = input as CaseTypeInput & Record<string, unknown>;
  return { title, description, content: content as unknown as CaseTypeContent };
}

/** Every problem with the content against the forms and rulesets published now. */
export async function caseTypeContentProblems(content: unknown, lang: Lang): Promise<ErrorDetail[]> {
  const formSchemas = new Map<string, Record<string, unknown> | undefined>();
  const { caseTypeProblems, formsToCheck } = await loadCaseTypeChecks();
  for (const form of formsToCheck(content)) formSchemas.set(form, await publishedFormSchema(form));
  return caseTypeProblems(content, { formSchemas, rulesets: await publishedRulesetKinds() }, lang);
}

async function assertValid(content: unknown, lang: Lang): Promise<void> {
  const details = await caseTypeContentProblems(content, lang);
  if (details.length > 0) throw new AppError('invalid_case_type', { details });
}

export async function listCaseTypes(limit: number, cursor?: string): Promise<Page<CaseTypeSummary>> {
  const page = await caseTypes.repo.listHeads(limit, cursor);
  return { items: page.items.map(summary), nextCursor: page.nextCursor };
}

export const getPublishedCaseType = async (id: string) => view(await caseTypes.published(id));
export const getCaseTypeVersion = async (id: string, version: number) =>
  view(await caseTypes.versionOf(id, version));
export const listCaseTypeVersions = (id: string, limit: number, cursor?: string) =>
  caseTypes.versions(id, limit, cursor);
export const getCaseTypeDraft = async (id: string) => view(await caseTypes.draft(id));

/** The content of a draft or a version (for replaying it over open cases before publishing). */
export async function caseTypeContentOf(id: string, target: number | 'draft'): Promise<CaseTypeContent> {
  return contentOf(target === 'draft' ? await caseTypes.draft(id) : await caseTypes.versionOf(id, target));
}

export async function saveCaseTypeDraft(
  id: string,
  input: CaseTypeInput,
  user: User,
  expectedVersion: number | undefined,
  lang: Lang,
): Promise<CaseTypeView> {
  const { title, description, content } = caseTypeContent(input);
  await assertValid(content, lang);
  const draft = await caseTypes.saveDraft(
    id,
    { title, description, body: content as unknown as Record<string, unknown> },
    user,
    expectedVersion,
  );
  return view(draft);
}

/**
 * Publishes after checking again, running the type's tests, and making sure no open case is left in
 * a stage the new version no longer has (unless `stageMap` sends it elsewhere). `openStages` lists the
 * stages open cases of this type are in.
 */
export function publishCaseType(
  id: string,
  request: { note?: string; fromVersion?: number },
  user: User,
  lang: Lang,
  openStages: () => Promise<Set<string>>,
): Promise<{ version: number }> {
  return caseTypes.publish(id, request, user, async (fields) => {
    const content = contentOf(fields);
    await assertValid(content, lang);
    assertTestsPassed(await (await loadCaseTypeChecks()).runCaseTypeTests(content), content.tests ?? []);
    const declared = new Set(content.stages.map((stage) => stage.id));
    const orphaned = [...(await openStages())].filter(
      (stage) => !declared.has(stage) && !content.stageMap?.[stage],
    );
    if (orphaned.length > 0) {
      throw new AppError('stage_in_use', {
        details: orphaned.map((stage) => ({ path: '/stages', message: stage, stage })),
      });
    }
  });
}

export interface PublishedCaseType {
  id: string;
  version: number;
  title: string;
  content: CaseTypeContent;
  compiled: CompiledCaseType;
}

/** The published version of a case type, compiled once per version; undefined when there is none. */
export async function publishedCaseType(id: string): Promise<PublishedCaseType | undefined> {
  const version = await caseTypes.publishedOrNothing(id);
  if (!version) return undefined;
  const content = contentOf(version);
  const { compileCaseType } = await loadFactSources();
  const compiled = compiledCache.get(`${id}@${version.version}`, () => compileCaseType(content));
  return { id, version: version.version, title: version.title, content, compiled };
}

/** The published case type a case needs; 422 when it has none (a case cannot run without its process). */
export async function requireCaseType(id: string): Promise<PublishedCaseType> {
  const found = await publishedCaseType(id);
  if (!found) throw new AppError('case_type_not_published', { params: { id } });
  return found;
}

/** Every published case type (for the fact catalogue and the wiring checks). */
export async function allPublishedCaseTypes(): Promise<PublishedCaseType[]> {
  const out: PublishedCaseType[] = [];
  let cursor: string | undefined;
  do {
    const page = await caseTypes.repo.listHeads(100, cursor);
    for (const head of page.items) {
      if (head.publishedVersion === null) continue;
      const found = await publishedCaseType(head.id);
      if (found) out.push(found);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/** Where a case type's fact comes from, as the catalogue and the wiring view show it. */
function sourceOf(fact: FactSpec): FactDefinition['source'] {
  const { case: casePointer, form, pointer, expression } = fact.source;
  if (expression !== undefined) return { kind: 'expression', expression };
  if (casePointer !== undefined) return { kind: 'case', pointer: casePointer };
  return { kind: 'form', form: form ?? '', pointer: pointer ?? '' };
}

/** The fact catalogue: the built-ins, then every fact a published case type provides, with its source. */
export async function factCatalogue(): Promise<FactDefinition[]> {
  const byName = new Map<string, FactDefinition>();
  for (const type of await allPublishedCaseTypes()) {
    for (const fact of type.content.facts ?? []) {
      const source = sourceOf(fact);
      const key = `${fact.name}\u0000${JSON.stringify(source)}`;
      const known = byName.get(key);
      if (known) known.caseTypes = [...(known.caseTypes ?? []), type.id];
      else
        byName.set(key, {
          name: fact.name,
          type: fact.type as FactType,
          description: fact.description ?? '',
          source,
          caseTypes: [type.id],
        });
    }
  }
  return [...BUILTIN_FACTS, ...[...byName.values()].sort((a, b) => a.name.localeCompare(b.name))];
}

/** The names of the facts each published case type provides (termination data included). */
export async function providedFacts(): Promise<Map<string, string[]>> {
  const provided = new Map<string, string[]>();
  const add = (name: string, type: string) => provided.set(name, [...(provided.get(name) ?? []), type]);
  for (const type of await allPublishedCaseTypes()) {
    for (const fact of type.content.facts ?? []) add(fact.name, type.id);
    const termination = type.content.termination;
    if (termination?.reasonFact) add(termination.reasonFact, type.id);
    for (const reason of termination?.reasons ?? []) {
      const properties = (reason.data as { properties?: Record<string, unknown> } | undefined)?.properties;
      for (const name of Object.keys(properties ?? {})) add(name, type.id);
    }
  }
  return provided;
}

export interface Wiring {
  caseType: string;
  version: number;
  rulesets: {
    id: string;
    title: string;
    kind: string;
    facts: {
      name: string;
      type: string;
      /** Where the case type gets it; null when nothing provides it (the rule has no input here). */
      source: FactDefinition['source'] | { kind: 'termination'; reason: string } | null;
    }[];
  }[];
}

/** For each ruleset the case type runs: its facts and where each comes from, or that nothing does. */
export async function wiring(id: string): Promise<Wiring> {
  const type = await requireCaseType(id);
  const content = type.content;
  const rulesets = await publishedRulesetFacts();
  const runs = await rulesetIdsSelected(ruleSelections(content), id);
  const facts = new Map((content.facts ?? []).map((fact) => [fact.name, fact]));
  const reasonData = new Map<string, string>();
  for (const reason of content.termination?.reasons ?? []) {
    const properties = (reason.data as { properties?: Record<string, unknown> } | undefined)?.properties;
    for (const name of Object.keys(properties ?? {})) reasonData.set(name, reason.id);
  }
  return {
    caseType: id,
    version: type.version,
    rulesets: [...runs].sort().map((rulesetId) => {
      const info = rulesets.get(rulesetId);
      return {
        id: rulesetId,
        title: info?.title ?? rulesetId,
        kind: info?.kind ?? '',
        facts: (info?.facts ?? []).map((declared) => {
          const fact = facts.get(declared.name);
          let source: Wiring['rulesets'][number]['facts'][number]['source'] = null;
          if (fact) {
            source = sourceOf(fact);
          } else if (declared.name === content.termination?.reasonFact) {
            source = { kind: 'termination', reason: '*' };
          } else if (reasonData.has(declared.name)) {
            source = { kind: 'termination', reason: reasonData.get(declared.name) ?? '' };
          }
          return { name: declared.name, type: declared.type, source };
        }),
      };
    }),
  };
}
