/**
 * What publishing the saved draft would change: the open cases whose decisions differ, each with what
 * the rules decide now and what they would decide, in words. Cases are named by type, stage and office.
 */
import { useState } from 'react';
import { errorMessage } from '../../../shared/api-client';
import { useTexts } from '../../../shared/i18n/language';
import { draftImpact, type EventJson, type Impact, type RuleJson, type RulesetCase } from './api';
import { EventList } from './explanation-tree';
import { caseWords } from './simulator';
import { rulesTexts } from './texts';

export function ImpactPanel({
  rulesetId,
  rules,
  publishedRules,
  cases,
  blocked,
}: {
  rulesetId: string;
  /** The draft's rules (for the words of what it would decide). */
  rules: readonly RuleJson[];
  /** The published rules (for the words of what is decided now). */
  publishedRules: readonly RuleJson[];
  cases: readonly RulesetCase[] | undefined;
  blocked?: string;
}) {
  const { t, lang } = useTexts(rulesTexts);
  const [impact, setImpact] = useState<Impact>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const compute = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setImpact(await draftImpact(rulesetId));
    } catch (failure) {
      setImpact(undefined);
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const opened = (date: string) => t('sim.opened', { date });
  const nameOf = (caseId: string) => {
    const found = cases?.find((item) => item.caseId === caseId);
    return found ? caseWords(found, lang, opened) : t('impact.unknownCase');
  };

  return (
    <div className="rules-impact">
      <button
        type="button"
        className="button button-primary"
        disabled={busy || blocked !== undefined}
        onClick={() => void compute()}
      >
        {busy ? t('impact.running') : t('impact.run')}
      </button>
      {blocked ? <p className="hint">{blocked}</p> : null}
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      {impact ? (
        <>
          <p role="status">
            {impact.changed.length === 0
              ? t('impact.none', { examined: impact.examined })
              : t('impact.some', { changed: impact.changed.length, examined: impact.examined })}
          </p>
          {impact.changed.length > 0 ? (
            <div className="table-wrap">
              <table className="table">
                <caption className="sr-only">{t('impact.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('impact.case')}</th>
                    <th scope="col">{t('impact.before')}</th>
                    <th scope="col">{t('impact.after')}</th>
                  </tr>
                </thead>
                <tbody>
                  {impact.changed.map((row) => (
                    <tr key={row.caseId}>
                      <th scope="row">{nameOf(row.caseId)}</th>
                      <td>
                        <EventList
                          events={row.before as EventJson[]}
                          rules={publishedRules}
                          empty={t('tests.noDecision')}
                        />
                      </td>
                      <td>
                        <EventList
                          events={row.after as EventJson[]}
                          rules={rules}
                          empty={t('tests.noDecision')}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
