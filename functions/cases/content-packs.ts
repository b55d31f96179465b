/**
 * The default content packs shipped in forms/ and rules/ (one JSON file per form or ruleset), and
 * publishing them into a new installation: only what does not exist yet, so an agency's own edits
 * are never overwritten. Local mode seeds on start; in AWS a job runs after each deploy.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { User } from '../platform/claims';
import { contentRepo } from '../store/content-repo';
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

const SYSTEM: User = { id: 'system', name: 'Kawal', roles: ['admin'], office: null };

/** Publishes each default form that does not exist yet; returns the ids it created. */
export async function seedForms(forms: DefaultForm[]): Promise<string[]> {
  const repo = contentRepo('FORM');
  const created: string[] = [];
  for (const { id, example: _example, ...definition } of forms) {
    if (await repo.getHead(id)) continue;
    await saveFormDraft(id, definition, SYSTEM, 0, 'id');
    await publishForm(id, { note: 'Formulir bawaan Kawal' }, SYSTEM);
    created.push(id);
  }
  return created;
}

/** Publishes each default ruleset that does not exist yet (after its checks and tests); returns the ids. */
export async function seedRulesets(rulesets: DefaultRuleset[]): Promise<string[]> {
  const repo = contentRepo('RULESET');
  const created: string[] = [];
  for (const { id, ...input } of rulesets) {
    if (await repo.getHead(id)) continue;
    await saveRulesetDraft(id, input, SYSTEM, 0, 'id');
    await publishRuleset(id, { note: 'Aturan bawaan Kawal' }, SYSTEM, 'id');
    created.push(id);
  }
  return created;
}

/** Seeds both packs from a folder holding forms/ and rules/ (forms first: rules are checked against them). */
export async function seedContentPacks(root: string): Promise<{ forms: string[]; rulesets: string[] }> {
  const forms = await seedForms(readDefaultForms(join(root, 'forms')));
  const rulesets = await seedRulesets(readDefaultRulesets(join(root, 'rules')));
  return { forms, rulesets };
}
