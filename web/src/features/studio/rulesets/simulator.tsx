/**
 * Trying the saved draft (or the published version) on a real open case, or on facts typed by hand,
 * and reading why it decided what it did. An administrator sees the case's facts but never a value
 * from a sensitive field: the server withholds it, and the tree says so.
 */
import { useId, useState } from 'react';
import { errorMessage } from '../../../shared/api-client';
import { formatDate, useTexts } from '../../../shared/i18n/language';
import { ExplanationView } from '../../case/rule-explanation';
import {
  type EvaluationResult,
  evaluateCase,
  evaluateFacts,
  type RuleJson,
  type RulesetCase,
  type StudioCaseEvaluation,
} from './api';
import { EventList, ExplanationTree } from './explanation-tree';
import { FactsEditor } from './facts-editor';
import type { FieldInfo } from './fields';
import { rulesTexts } from './texts';

/** A case as the simulator names it: its type, stage, office and when it was opened, never its client. */
export function caseWords(item: RulesetCase, lang: 'id' | 'en', opened: (date: string) => string): string {
  return `${item.caseTypeTitle} — ${item.stageTitle} — ${item.officeName} (${opened(formatDate(item.openedAt.slice(0, 10), lang))})`;
}

export function Simulator({
  rulesetId,
  rules,
  draft,
  blocked,
  cases,
  factFields,
  labelOf,
}: {
  rulesetId: string;
  /** The rules as saved: the version the simulation runs. */
  rules: readonly RuleJson[];
  draft: boolean;
  blocked?: string;
  cases: readonly RulesetCase[] | undefined;
  factFields: readonly FieldInfo[];
  /** A fact's name in words. */
  labelOf: (fact: string) => string;
}) {
  const { t, lang } = useTexts(rulesTexts);
  const id = useId();
  const [mode, setMode] = useState<'case' | 'facts'>('case');
  const [caseId, setCaseId] = useState('');
  const [facts, setFacts] = useState<Record<string, unknown>>({});
  const [withheld, setWithheld] = useState<string[]>([]);
  const [result, setResult] = useState<EvaluationResult | StudioCaseEvaluation>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const simulate = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(
        mode === 'case'
          ? await evaluateCase(rulesetId, caseId, draft)
          : await evaluateFacts(rulesetId, facts, draft),
      );
    } catch (failure) {
      setResult(undefined);
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const fromCase = result && 'caseId' in result ? result : undefined;
  const opened = (date: string) => t('sim.opened', { date });

  return (
    <div className="rules-simulator">
      <fieldset className="choice-group">
        <legend>{t('sim.source')}</legend>
        <label className="radio-inline">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={mode === 'case'}
            onChange={() => setMode('case')}
          />{' '}
          {t('sim.fromCase')}
        </label>{' '}
        <label className="radio-inline">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={mode === 'facts'}
            onChange={() => setMode('facts')}
          />{' '}
          {t('sim.byHand')}
        </label>
      </fieldset>
      {mode === 'case' ? (
        <div className="field">
          <label htmlFor={`${id}-case`}>{t('sim.case')}</label>
          {cases === undefined ? (
            <p role="status">{t('sim.loadingCases')}</p>
          ) : cases.length === 0 ? (
            <p>{t('sim.noCases')}</p>
          ) : (
            <select id={`${id}-case`} value={caseId} onChange={(event) => setCaseId(event.target.value)}>
              <option value="">{t('sim.pickCase')}</option>
              {cases.map((item) => (
                <option key={item.caseId} value={item.caseId}>
                  {caseWords(item, lang, opened)}
                </option>
              ))}
            </select>
          )}
        </div>
      ) : (
        <FactsEditor facts={facts} fields={factFields} withheld={withheld} onChange={setFacts} />
      )}
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          disabled={busy || blocked !== undefined || (mode === 'case' && caseId === '')}
          onClick={() => void simulate()}
        >
          {busy ? t('sim.running') : draft ? t('sim.runDraft') : t('sim.runPublished')}
        </button>
        {fromCase ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              setFacts(fromCase.facts);
              setWithheld(fromCase.withheldFacts);
              setMode('facts');
            }}
          >
            {t('sim.copyFacts')}
          </button>
        ) : null}
      </div>
      {blocked ? <p className="hint">{blocked}</p> : null}
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      {result ? (
        <section className="rules-sim-result" aria-labelledby={`${id}-result`}>
          <h3 id={`${id}-result`}>{t('sim.result')}</h3>
          <div className="rules-sim-events">
            <strong>{t('sim.decisions')}</strong>{' '}
            <EventList events={result.events} rules={rules} empty={t('tests.noDecision')} />
          </div>
          {fromCase && fromCase.withheldFacts.length > 0 ? (
            <p className="notice">{t('sim.withheldNote', { count: fromCase.withheldFacts.length })}</p>
          ) : null}
          <h4>{t('sim.inWords')}</h4>
          <ExplanationView explanation={result.explanation ?? []} />
          <h4>{t('sim.tree')}</h4>
          <ExplanationTree rules={rules} explanation={result.explanation ?? []} labelOf={labelOf} />
        </section>
      ) : null}
    </div>
  );
}
