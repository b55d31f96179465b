/**
 * A ruleset's tests as a table: the facts each gives, the decisions it expects, and after "run all"
 * (each test evaluated against the saved draft, matched as publishing matches them) or a refused
 * publish (422 `tests_failed`), whether it passed and what the rules decided instead. Rows are added,
 * edited (facts typed per declared fact, expected decisions ticked from what the rules can decide)
 * and removed here; a failing row can take the actual outcome as its expectation.
 */
import { useId, useState } from 'react';
import { errorMessage } from '../../../shared/api-client';
import { useTexts } from '../../../shared/i18n/language';
import { type EventJson, evaluateFacts, type RuleJson, type RulesetTest } from './api';
import { eventMatches, eventsMatch, eventVariants, expectationFrom, sameJson } from './events';
import { EventList, valueInWords } from './explanation-tree';
import { FactsEditor } from './facts-editor';
import type { FieldInfo } from './fields';
import { rulesTexts } from './texts';

export type TestResult = { passed: boolean; expected: EventJson[]; actual: EventJson[] } | { error: string };

/** Runs every test against the draft (or the published version), a few at a time. */
export async function runTests(
  rulesetId: string,
  tests: readonly RulesetTest[],
  draft: boolean,
): Promise<Record<string, TestResult>> {
  const results: Record<string, TestResult> = {};
  let next = 0;
  const worker = async () => {
    while (next < tests.length) {
      const test = tests[next++];
      if (!test) continue;
      try {
        const { events } = await evaluateFacts(rulesetId, test.facts, draft);
        results[test.name] = {
          passed: eventsMatch(test.expect.events, events),
          expected: test.expect.events,
          actual: events,
        };
      } catch (error) {
        results[test.name] = { error: errorMessage(error) };
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return results;
}

function ExpectedEditor({
  events,
  rules,
  onChange,
  testName,
}: {
  events: readonly EventJson[];
  rules: readonly RuleJson[];
  onChange: (events: EventJson[]) => void;
  testName: string;
}) {
  const { t } = useTexts(rulesTexts);
  const variants = eventVariants(rules);
  const others = events.filter((event) => !variants.some((variant) => eventMatches(event, variant.event)));
  return (
    <fieldset className="rules-expected">
      <legend>{t('tests.expectedOf', { test: testName })}</legend>
      {variants.map(({ event }) => {
        const on = events.some((want) => eventMatches(want, event));
        return (
          <label key={JSON.stringify(event)} className="rules-expected-item">
            <input
              type="checkbox"
              checked={on}
              onChange={() =>
                onChange(on ? events.filter((want) => !eventMatches(want, event)) : [...events, event])
              }
            />{' '}
            <EventList events={[event]} rules={rules} empty="" />
          </label>
        );
      })}
      {others.map((event) => (
        <div key={JSON.stringify(event)} className="rules-expected-item">
          <EventList events={[event]} rules={rules} empty="" />{' '}
          <button
            type="button"
            className="button button-small"
            onClick={() => onChange(events.filter((want) => !sameJson(want, event)))}
          >
            {t('tests.removeExpected')}
          </button>
        </div>
      ))}
    </fieldset>
  );
}

export function TestsTable({
  tests,
  rules,
  factFields,
  results,
  onChange,
  onResults,
  run,
}: {
  tests: readonly RulesetTest[];
  rules: readonly RuleJson[];
  factFields: readonly FieldInfo[];
  results: Readonly<Record<string, TestResult>>;
  onChange: (tests: RulesetTest[]) => void;
  onResults: (results: Record<string, TestResult>) => void;
  /** How to run: against the saved draft or the published version; `blocked` says why it cannot run now. */
  run: { rulesetId: string; draft: boolean; blocked?: string };
}) {
  const { t, lang } = useTexts(rulesTexts);
  const id = useId();
  const [editing, setEditing] = useState<number>();
  const [running, setRunning] = useState(false);

  const labelOf = (name: string) => factFields.find((field) => field.name === name)?.label ?? name;
  const update = (index: number, test: RulesetTest) =>
    onChange(tests.map((item, i) => (i === index ? test : item)));
  const counted = tests.map((test) => results[test.name]).filter((result) => result !== undefined);
  const passed = counted.filter((result) => 'passed' in result && result.passed).length;

  const runAll = async () => {
    setRunning(true);
    try {
      onResults(await runTests(run.rulesetId, tests, run.draft));
    } finally {
      setRunning(false);
    }
  };

  return (
    <div className="rules-tests">
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          disabled={running || run.blocked !== undefined || tests.length === 0}
          onClick={() => void runAll()}
        >
          {running ? t('tests.running') : t('tests.runAll')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            const name = t('tests.newName', { n: tests.length + 1 });
            onChange([...tests, { name, facts: {}, expect: { events: [] } }]);
            setEditing(tests.length);
          }}
        >
          {t('tests.add')}
        </button>
      </div>
      {run.blocked ? <p className="hint">{run.blocked}</p> : null}
      <p role="status" className="rules-tests-summary">
        {counted.length > 0
          ? t('tests.summary', { passed, failed: counted.length - passed, total: tests.length })
          : ''}
      </p>
      <div className="table-wrap">
        <table className="table rules-tests-table">
          <caption className="sr-only">{t('tests.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tests.name')}</th>
              <th scope="col">{t('tests.facts')}</th>
              <th scope="col">{t('tests.expected')}</th>
              <th scope="col">{t('tests.result')}</th>
              <th scope="col">{t('tests.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {tests.map((test, index) => {
              const result = results[test.name];
              const failed = result !== undefined && 'passed' in result && !result.passed;
              const facts = Object.entries(test.facts);
              return [
                // biome-ignore lint/suspicious/noArrayIndexKey: a test being renamed may share its name for a moment
                <tr key={`row-${test.name}-${index}`} className={failed ? 'rules-test-failed' : undefined}>
                  <th scope="row" className="rules-test-name">
                    {test.name}
                  </th>
                  <td>
                    <details>
                      <summary>{t('tests.factCount', { count: facts.length })}</summary>
                      <ul className="rules-fact-list">
                        {facts.map(([name, value]) => (
                          <li key={name}>
                            {labelOf(name)}: {valueInWords(value, t, lang, labelOf)}
                          </li>
                        ))}
                      </ul>
                    </details>
                  </td>
                  <td>
                    <EventList events={test.expect.events} rules={rules} empty={t('tests.noDecision')} />
                  </td>
                  <td>
                    {result === undefined ? (
                      <span className="hint">{t('tests.notRun')}</span>
                    ) : 'error' in result ? (
                      <span className="field-error">{result.error}</span>
                    ) : result.passed ? (
                      <span className="badge badge-yes">{t('tests.passed')}</span>
                    ) : (
                      <>
                        <span className="badge badge-no">{t('tests.failed')}</span>
                        <span className="cell-sub">{t('tests.actual')}</span>
                        <EventList events={result.actual} rules={rules} empty={t('tests.noDecision')} />
                      </>
                    )}
                  </td>
                  <td>
                    <div className="rules-row-actions">
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={t('tests.edit', { test: test.name })}
                        aria-expanded={editing === index}
                        aria-controls={`${id}-edit-${index}`}
                        onClick={() => setEditing(editing === index ? undefined : index)}
                      >
                        {t('tests.editShort')}
                      </button>
                      {failed && result && 'actual' in result ? (
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={t('tests.acceptActual', { test: test.name })}
                          onClick={() => {
                            const events = expectationFrom(test.expect.events, result.actual);
                            update(index, { ...test, expect: { ...test.expect, events } });
                            onResults({
                              ...results,
                              [test.name]: { passed: true, expected: events, actual: result.actual },
                            });
                          }}
                        >
                          {t('tests.acceptShort')}
                        </button>
                      ) : null}
                      <button
                        type="button"
                        className="button button-small button-danger"
                        aria-label={t('tests.remove', { test: test.name })}
                        onClick={() => {
                          if (!window.confirm(t('tests.removeConfirm', { test: test.name }))) return;
                          onChange(tests.filter((_, i) => i !== index));
                          setEditing(undefined);
                        }}
                      >
                        {t('tests.removeShort')}
                      </button>
                    </div>
                  </td>
                </tr>,
                editing === index ? (
                  <tr
                    // biome-ignore lint/suspicious/noArrayIndexKey: as above
                    key={`edit-${test.name}-${index}`}
                    id={`${id}-edit-${index}`}
                    className="rules-test-editor"
                  >
                    <td colSpan={5}>
                      <div className="field">
                        <label htmlFor={`${id}-name-${index}`}>{t('tests.nameField')}</label>
                        <input
                          id={`${id}-name-${index}`}
                          type="text"
                          value={test.name}
                          onChange={(event) => update(index, { ...test, name: event.target.value })}
                        />
                      </div>
                      <h4 className="small-heading">{t('tests.factsOf', { test: test.name })}</h4>
                      <FactsEditor
                        facts={test.facts}
                        fields={factFields}
                        onChange={(facts) => update(index, { ...test, facts })}
                      />
                      <ExpectedEditor
                        events={test.expect.events}
                        rules={rules}
                        testName={test.name}
                        onChange={(events) => update(index, { ...test, expect: { ...test.expect, events } })}
                      />
                      <button type="button" className="button" onClick={() => setEditing(undefined)}>
                        {t('tests.done')}
                      </button>
                    </td>
                  </tr>
                ) : null,
              ];
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
