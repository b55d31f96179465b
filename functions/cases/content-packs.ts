/**
 * The default content packs shipped in forms/, rules/ and rules/case-types/ (one JSON file per form,
 * ruleset or case type), and publishing them into an installation. What does not exist yet is
 * created; a default that only Kawal has ever published (no administrator's version or draft) is
 * brought up to date when the shipped file changed; an agency's own edits are never overwritten.
 * Local mode seeds on start; in AWS a job runs after each deploy.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { SYSTEM_USER } from '../platform/claims';
import { type ContentFields, type ContentKind, contentRepo } from '../store/content-repo';
import { type CaseTypeInput, caseTypeContent, publishCaseType, saveCaseTypeDraft } from './case-types';
import { openStagesOf } from './daily';
import { type FormDefinition, publishForm, saveFormDraft } from './forms';
import { publishRuleset, type RulesetInput, saveRulesetDraft } from './rulesets';

export interface DefaultForm extends FormDefinition {
  id: string;
  /** Valid sample data, used by the tests and benchmarks; not stored. */
  example?: unknown;
}

export interface DefaultRuleset extends RulesetInput {
  id: string;
}

function readJsonFiles<T extends { id: string }>(dir: string): T[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const content = JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
      if (`${content.id}.json` !== file) throw new Error(`${join(dir, file)}: "id" must match the file name`);
      return content;
    });
}

/** The form definitions shipped in `dir` (forms/*.json), sorted by id. */
export const readDefaultForms = (dir: string) => readJsonFiles<DefaultForm>(dir);

/** The rulesets shipped in `dir` (rules/*.json), sorted by id. */
export const readDefaultRulesets = (dir: string) => readJsonFiles<DefaultRuleset>(dir);

export interface DefaultCaseType extends CaseTypeInput {
  id: string;
}

/** The case types shipped in `dir` (rules/case-types/*.json), sorted by id. */
export const readDefaultCaseTypes = (dir: string) => readJsonFiles<DefaultCaseType>(dir);

/**
 * Whether a default should be (re)published: it does not exist, or only Kawal has published it and
 * the shipped file now says something else. Returns 'create', 'update' or undefined (leave it).
 */
async function seedAction(
  kind: ContentKind,
  id: string,
  fields: ContentFields,
): Promise<'create' | 'update' | undefined> {
  const repo = contentRepo(kind);
  const head = await repo.getHead(id);
  if (!head) return 'create';
  if (head.hasDraft || head.publishedVersion === null) return undefined;
  const versions = await repo.listVersions(id, 100);
  if (versions.nextCursor || versions.items.some((version) => version.publishedBy !== SYSTEM_USER.id))
    return undefined;
  const current = await repo.getVersion(id, head.publishedVersion);
  if (!current) return undefined;
  const same =
    current.title === fields.title &&
    current.description === fields.description &&
    isDeepStrictEqual(current.body, fields.body);
  return same ? undefined : 'update';
}

const NOTES = {
  form: { create: 'Formulir bawaan Kawal', update: 'Pembaruan formulir bawaan Kawal' },
  ruleset: { create: 'Aturan bawaan Kawal', update: 'Pembaruan aturan bawaan Kawal' },
  caseType: { create: 'Jenis kasus bawaan Kawal', update: 'Pembaruan jenis kasus bawaan Kawal' },
} as const;

/** Publishes each default form that is new or only Kawal's and changed; returns the ids it published. */
export async function seedForms(forms: DefaultForm[]): Promise<string[]> {
  const created: string[] = [];
  for (const { id, example: _example, ...definition } of forms) {
    const body = { schema: definition.schema, uiSchema: definition.uiSchema ?? {} };
    const action = await seedAction('FORM', id, {
      title: definition.title,
      description: definition.description ?? '',
      body,
    });
    if (!action) continue;
    const draft = await contentRepo('FORM').getDraft(id);
    await saveFormDraft(id, definition, SYSTEM_USER, draft?.version ?? 0, 'id');
    await publishForm(id, { note: NOTES.form[action] }, SYSTEM_USER);
    created.push(id);
  }
  return created;
}

/** Publishes each default ruleset that is new or only Kawal's and changed (after its checks and tests). */
export async function seedRulesets(rulesets: DefaultRuleset[]): Promise<string[]> {
  const created: string[] = [];
  for (const { id, ...input } of rulesets) {
    const { title, description = '', kind, caseTypes, facts = [], rules, tests = [] } = input;
    const body = { kind, ...(caseTypes ? { caseTypes } : {}), facts, rules, tests };
    const action = await seedAction('RULESET', id, { title, description, body });
    if (!action) continue;
    await saveRulesetDraft(id, input, SYSTEM_USER, 0, 'id');
    await publishRuleset(id, { note: NOTES.ruleset[action] }, SYSTEM_USER, 'id');
    created.push(id);
  }
  return created;
}

/** Publishes each default case type that is new or only Kawal's and changed (after its checks and tests). */
export async function seedCaseTypes(caseTypes: DefaultCaseType[]): Promise<string[]> {
  const created: string[] = [];
  for (const { id, ...input } of caseTypes) {
    const { title, description, content } = caseTypeContent(input);
    const action = await seedAction('CASETYPE', id, {
      title,
      description,
      body: content as unknown as Record<string, unknown>,
    });
    if (!action) continue;
    await saveCaseTypeDraft(id, input, SYSTEM_USER, 0, 'id');
    await publishCaseType(id, { note: NOTES.caseType[action] }, SYSTEM_USER, 'id', () => openStagesOf(id));
    created.push(id);
  }
  return created;
}

/** Seeds the packs from a folder holding forms/, rules/ and rules/case-types/ (in that order: each is checked against the ones before). */
export async function seedContentPacks(
  root: string,
): Promise<{ forms: string[]; rulesets: string[]; caseTypes: string[] }> {
  const forms = await seedForms(readDefaultForms(join(root, 'forms')));
  const rulesets = await seedRulesets(readDefaultRulesets(join(root, 'rules')));
  const caseTypes = await seedCaseTypes(readDefaultCaseTypes(join(root, 'rules', 'case-types')));
  return { forms, rulesets, caseTypes };
}
