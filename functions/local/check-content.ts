/**
 * `npm run check:content`: checks the content packs in forms/, rules/ and rules/case-types/ without a database, the
 * way the server checks them on save and publish: every form definition and its example, every
 * ruleset against the forms here, every case type against both, every ruleset and case type test,
 * and that every fact a ruleset declares has a source in some case type. Exits 1 on a problem.
 */
import { join } from 'node:path';
import { readDefaultCaseTypes, readDefaultForms, readDefaultRulesets } from '../cases/content-packs';
import { caseTypeProblems, runCaseTypeTests } from '../decisions/case-type-check';
import { rulesetProblems } from '../decisions/check';
import { compileRuleset } from '../decisions/engine';
import { runRulesetTests } from '../decisions/tests';
import { applyCalculations } from '../validation/calculate';
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
      const calculated = await applyCalculations(form.schema, form.example);
      for (const error of calculated.errors) problems.push(`schema${error.pointer}: ${error.message}`);
      if (form.example === undefined) problems.push('example: tidak ada contoh data');
      else if (!validate(calculated.data)) {
        problems.push(...toDetails(validate.errors, 'id').map((d) => `example${d.path}: ${d.message}`));
      }
    }
    reports.push({ item: `forms/${form.id}.json`, problems });
  }

  const schemas = new Map(forms.map((form) => [form.id, form.schema]));
  const kinds = new Map<string, string>();
  for (const { id, title: _title, description: _description, ...content } of readDefaultRulesets(
    join(root, 'rules'),
  )) {
    const problems = (await rulesetProblems(content, schemas, 'id')).map((p) => `${p.path}: ${p.message}`);
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
    kinds.set(id, content.kind);
  }

  const provided = new Set<string>();
  for (const { id, title: _title, description: _description, ...content } of readDefaultCaseTypes(
    join(root, 'rules', 'case-types'),
  )) {
    const problems = (await caseTypeProblems(content, { formSchemas: schemas, rulesets: kinds }, 'id')).map(
      (p) => `${p.path}: ${p.message}`,
    );
    let tests: ContentReport['tests'];
    if (problems.length === 0) {
      const outcomes = await runCaseTypeTests(content);
      tests = { passed: outcomes.filter((o) => o.passed).length, total: outcomes.length };
      for (const outcome of outcomes.filter((o) => !o.passed)) {
        problems.push(
          `uji "${outcome.test}": diharapkan ${JSON.stringify(outcome.expected)}, terjadi ${JSON.stringify(outcome.actual)}`,
        );
      }
      for (const fact of content.facts ?? []) provided.add(fact.name);
      if (content.termination?.reasonFact) provided.add(content.termination.reasonFact);
      for (const reason of content.termination?.reasons ?? []) {
        const properties = (reason.data as { properties?: Record<string, unknown> } | undefined)?.properties;
        for (const name of Object.keys(properties ?? {})) provided.add(name);
      }
    }
    reports.push({ item: `rules/case-types/${id}.json`, problems, ...(tests ? { tests } : {}) });
  }

  // Every fact a default ruleset declares must be provided by a default case type: no rule without input.
  for (const { id, facts = [] } of readDefaultRulesets(join(root, 'rules'))) {
    const missing = facts.filter((fact) => !provided.has(fact.name)).map((fact) => fact.name);
    const report = reports.find((r) => r.item === `rules/${id}.json`);
    if (report && missing.length > 0) {
      report.problems.push(`fakta tanpa sumber di jenis kasus mana pun: ${missing.join(', ')}`);
    }
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
