/**
 * `npm run check:content`: checks the content packs in forms/ and rules/ without a database, the
 * way the server checks them on save and publish: every form definition and its example, every
 * ruleset against the catalogue and the forms here, and every ruleset test. Exits 1 on a problem.
 */
import { join } from 'node:path';
import { readDefaultForms, readDefaultRulesets } from '../cases/content-packs';
import { rulesetProblems } from '../decisions/check';
import { compileRuleset } from '../decisions/engine';
import { runRulesetTests } from '../decisions/tests';
import { compileSchema } from '../validation/compile';
import { toDetails } from '../validation/errors';
import { formDefinitionProblems } from '../validation/form-definition';
import { ROOT } from './app';

export interface ContentReport {
  item: string;
  problems: string[];
  tests?: { passed: number; total: number };
}

/** Checks every file in `forms/` and `rules/` under `root`. */
export async function checkContent(root = ROOT): Promise<ContentReport[]> {
  const forms = readDefaultForms(join(root, 'forms'));
  const reports: ContentReport[] = [];
  for (const form of forms) {
    const problems = formDefinitionProblems(form, 'id').map((p) => `${p.path}: ${p.message}`);
    if (problems.length === 0) {
      const validate = compileSchema(form.schema);
      if (form.example === undefined) problems.push('example: tidak ada contoh data');
      else if (!validate(form.example)) {
        problems.push(...toDetails(validate.errors, 'id').map((d) => `example${d.path}: ${d.message}`));
      }
    }
    reports.push({ item: `forms/${form.id}.json`, problems });
  }

  const schemas = new Map(forms.map((form) => [form.id, form.schema]));
  for (const { id, title: _title, description: _description, ...content } of readDefaultRulesets(
    join(root, 'rules'),
  )) {
    const problems = rulesetProblems(content, schemas, 'id').map((p) => `${p.path}: ${p.message}`);
    let tests: ContentReport['tests'];
    if (problems.length === 0) {
      const outcomes = await runRulesetTests(compileRuleset(content), content.tests ?? []);
      tests = { passed: outcomes.filter((o) => o.passed).length, total: outcomes.length };
      for (const outcome of outcomes.filter((o) => !o.passed)) {
        problems.push(
          `uji "${outcome.test}": diharapkan ${JSON.stringify(outcome.expected)}, terjadi ${JSON.stringify(outcome.actual)}`,
        );
      }
    }
    reports.push({ item: `rules/${id}.json`, problems, ...(tests ? { tests } : {}) });
  }
  return reports;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const reports = await checkContent();
  console.table(
    reports.map((r) => ({
      berkas: r.item,
      masalah: r.problems.length,
      uji: r.tests ? `${r.tests.passed}/${r.tests.total}` : '',
    })),
  );
  for (const report of reports.filter((r) => r.problems.length > 0)) {
    console.error(`\n${report.item}`);
    for (const problem of report.problems) console.error(`  - ${problem}`);
  }
  process.exit(reports.some((r) => r.problems.length > 0) ? 1 : 0);
}
