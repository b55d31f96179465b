/** The default content shipped in forms/ and rules/: one JSON file per form or ruleset. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormDefinition } from '../cases/forms';
import type { RulesetInput } from '../cases/rulesets';

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
