/**
 * What publishing the draft would do to the open cases of the type, asked before publishing
 * (`POST /api/case-types/{id}/impact`): per ruleset, the cases whose decisions change, with what the
 * rules decide now and after, in words; and the cases in a stage the draft drops, with where the
 * stage map sends them (or that publishing would be refused). Nothing is written.
 */
import { useId, useState } from 'react';
import type { DeadlineLength, EffectSpec } from '../../../../../functions/domain/case-type';
import { errorMessage } from '../../../shared/api-client';
import { useTexts } from '../../../shared/i18n/language';
import { type CaseTypeContent, getImpact, type Impact } from './api';
import { lengthWords, listWords } from './process-words';
import { type ProcessT, processTexts } from './texts';

interface EventLike {
  rulesetId?: string;
  type?: string;
  params?: Record<string, unknown>;
}

/** One event a ruleset fired, in words, by what the case type does with it. */
export function eventWords(
  event: EventLike,
  effects: readonly EffectSpec[],
  t: ProcessT,
  deadlineTitle: (id: string) => string,
): string {
  const effect = effects.find((candidate) => candidate.event === event.type);
  const params = event.params ?? {};
  const text = (key: string) => (typeof params[key] === 'string' ? (params[key] as string) : undefined);
  if (effect?.as === 'priority')
    return (
      t('event.priority', { level: text('level') ?? '—' }) + (text('reason') ? `: ${text('reason')}` : '')
    );
  if (effect?.as === 'eligibility') return t('event.eligible', { program: text('program') ?? '—' });
  if (effect?.as === 'flag') {
    const why = text('alasan') ?? text('reason');
    const title = effect.title ?? event.type ?? '';
    return why ? `${title}: ${why}` : title;
  }
  if (effect?.as === 'deadline') {
    const length = params.length as DeadlineLength | undefined;
    return t('event.deadline', {
      deadline: deadlineTitle(effect.deadline ?? ''),
      length: length && typeof length === 'object' ? lengthWords(length, t) : '—',
    });
  }
  return text('alasan') ?? text('reason') ?? t('event.other', { type: event.type ?? '' });
}

export function ImpactPanel({
  id,
  edited,
  canRun,
  rulesetTitle,
  stageTitle,
  officeName,
}: {
  id: string;
  edited: CaseTypeContent;
  /** A saved draft without unsaved edits: the impact is of what would be published. */
  canRun: boolean;
  rulesetTitle: (id: string) => string;
  /** A stage's title in the draft or the published version. */
  stageTitle: (id: string) => string;
  officeName: (id: string) => string;
}) {
  const { t } = useTexts(processTexts);
  const ids = useId();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Impact>();
  const [error, setError] = useState<string>();
  const effects = edited.effects ?? [];
  const deadlineTitle = (deadline: string) =>
    (edited.deadlines ?? []).find((spec) => spec.id === deadline)?.title ?? deadline;

  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await getImpact(id, 'draft'));
    } catch (failure) {
      setResult(undefined);
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const eventsIn = (events: unknown[], rulesetId: string) => {
    const words = (events as EventLike[])
      .filter((event) => event.rulesetId === rulesetId)
      .map((event) => eventWords(event, effects, t, deadlineTitle));
    return words.length > 0 ? listWords([...new Set(words)], t) : t('impact.nothing');
  };

  const byRuleset = new Map<string, number>();
  for (const row of result?.changed ?? [])
    for (const rulesetId of row.rulesets) byRuleset.set(rulesetId, (byRuleset.get(rulesetId) ?? 0) + 1);

  return (
    <section className="impact" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('impact.title')}</h2>
      <p>{t('impact.intro')}</p>
      {!canRun ? <p className="hint">{t('impact.saveFirst')}</p> : null}
      <button type="button" className="button" disabled={!canRun || busy} onClick={() => void run()}>
        {busy ? t('impact.running') : t('impact.run')}
      </button>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      {result ? (
        <div className="impact-result" role="status">
          <p>
            <strong>
              {result.changed.length === 0 && result.stages.length === 0
                ? t('impact.none', { examined: result.examined })
                : t('impact.summary', { examined: result.examined, changed: result.changed.length })}
            </strong>
          </p>
          {byRuleset.size > 0 ? (
            <ul>
              {[...byRuleset].map(([rulesetId, count]) => (
                <li key={rulesetId}>{t('impact.perRuleset', { ruleset: rulesetTitle(rulesetId), count })}</li>
              ))}
            </ul>
          ) : null}
          {result.changed.length > 0 ? (
            <div className="table-wrap">
              <table className="table impact-table">
                <caption>{t('impact.casesCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('impact.case')}</th>
                    <th scope="col">{t('impact.ruleset')}</th>
                    <th scope="col">{t('impact.before')}</th>
                    <th scope="col">{t('impact.after')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.changed.flatMap((row, n) =>
                    row.rulesets.map((rulesetId, i) => (
                      <tr key={`${row.caseId}/${rulesetId}`}>
                        {i === 0 ? (
                          <th scope="row" rowSpan={row.rulesets.length}>
                            {t('impact.caseAt', { n: n + 1, office: officeName(row.office) })}
                          </th>
                        ) : null}
                        <td>{rulesetTitle(rulesetId)}</td>
                        <td>{eventsIn(row.before, rulesetId)}</td>
                        <td>{eventsIn(row.after, rulesetId)}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </div>
          ) : null}
          {result.stages.length > 0 ? (
            <>
              <h3>{t('impact.stagesTitle')}</h3>
              <ul>
                {result.stages.map((row) => (
                  <li key={row.caseId}>
                    {row.mappedTo
                      ? t('impact.stageMapped', {
                          office: officeName(row.office),
                          stage: stageTitle(row.stage),
                          to: stageTitle(row.mappedTo),
                        })
                      : t('impact.stageOrphaned', {
                          office: officeName(row.office),
                          stage: stageTitle(row.stage),
                        })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
