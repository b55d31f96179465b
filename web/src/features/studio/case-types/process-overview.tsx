/**
 * A case type in words, stage by stage: the forms offered, the deadlines (how long, from when, what
 * meets them), where a case may go next; then when rulesets run, and how a case may close (the
 * termination reasons, the data each needs, approval and note).
 */
import { useId } from 'react';
import { useTexts } from '../../../shared/i18n/language';
import type { CaseTypeContent, RulesetDocument } from './api';
import {
  type DeadlineWords,
  deadlineWords,
  listWords,
  type Names,
  selectRulesets,
  stageDetails,
  triggerLines,
} from './process-words';
import { processTexts } from './texts';

function DeadlineText({ words }: { words: DeadlineWords }) {
  const { t } = useTexts(processTexts);
  return (
    <>
      {words.when}
      {words.repeats ? <>; {t('deadline.repeats')}</> : null}
      {words.setByRules ? <>; {t('deadline.setByRules')}</> : null}
      {words.metBy ? <span className="cell-sub">{words.metBy}</span> : null}
      {words.onlyIn ? <span className="cell-sub">{words.onlyIn}</span> : null}
    </>
  );
}

/** The data a reason asks for, by the titles of its fields (required ones marked). */
function reasonFields(data: unknown, t: (key: 'reason.required') => string): string[] {
  const schema = data as { properties?: Record<string, { title?: string }>; required?: string[] } | undefined;
  return Object.entries(schema?.properties ?? {}).map(([key, property]) => {
    const title = typeof property?.title === 'string' && property.title ? property.title : key;
    return schema?.required?.includes(key) ? `${title} (${t('reason.required')})` : title;
  });
}

export function ProcessOverview({
  id,
  content,
  names,
  rulesets,
}: {
  id: string;
  content: CaseTypeContent;
  names: Names;
  rulesets: ReadonlyMap<string, RulesetDocument>;
}) {
  const { t } = useTexts(processTexts);
  const ids = useId();
  const triggers = triggerLines(content, id, rulesets, names, t);
  const termination = content.termination;
  const gate = termination?.rulesets
    ? selectRulesets(termination.rulesets, id, rulesets).map(names.ruleset)
    : [];

  return (
    <>
      <section aria-labelledby={`${ids}-stages`}>
        <h2 id={`${ids}-stages`}>{t('stages.title')}</h2>
        <div className="table-wrap">
          <table className="table process-stages">
            <caption className="sr-only">{t('stages.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('stages.stage')}</th>
                <th scope="col">{t('stages.forms')}</th>
                <th scope="col">{t('stages.deadlines')}</th>
                <th scope="col">{t('stages.next')}</th>
              </tr>
            </thead>
            <tbody>
              {content.stages.map((stage, i) => {
                const details = stageDetails(content, stage.id);
                return (
                  <tr key={stage.id}>
                    <th scope="row">
                      {stage.title}
                      {i === 0 ? <span className="cell-sub">{t('stages.initial')}</span> : null}
                      {stage.description ? <span className="cell-sub">{stage.description}</span> : null}
                    </th>
                    <td>
                      {details.forms.length > 0 ? (
                        <ul className="plain-list">
                          {details.forms.map((form) => (
                            <li key={form}>{names.form(form)}</li>
                          ))}
                        </ul>
                      ) : (
                        t('stages.noForms')
                      )}
                    </td>
                    <td>
                      {details.deadlines.length > 0 ? (
                        <ul className="plain-list">
                          {details.deadlines.map((deadline) => (
                            <li key={deadline.id}>
                              <strong>{deadline.title}</strong>:{' '}
                              <DeadlineText words={deadlineWords(deadline, content, names, t)} />
                            </li>
                          ))}
                        </ul>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      {details.movesTo.length > 0
                        ? listWords(
                            details.movesTo.map((move) =>
                              move.approval
                                ? `${names.stage(move.to)} (${t('move.approval')})`
                                : move.roles?.length === 1 && move.roles[0] === 'supervisor'
                                  ? `${names.stage(move.to)} (${t('move.supervisorOnly')})`
                                  : names.stage(move.to),
                            ),
                            t,
                          )
                        : '—'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby={`${ids}-deadlines`}>
        <h2 id={`${ids}-deadlines`}>{t('deadlines.title')}</h2>
        {(content.deadlines ?? []).length === 0 ? (
          <p>{t('deadlines.none')}</p>
        ) : (
          <ul className="item-list process-list">
            {(content.deadlines ?? []).map((deadline) => (
              <li key={deadline.id} className="item item-stacked">
                <span className="item-title">{deadline.title}</span>
                <span>
                  <DeadlineText words={deadlineWords(deadline, content, names, t)} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby={`${ids}-triggers`}>
        <h2 id={`${ids}-triggers`}>{t('triggers.title')}</h2>
        {triggers.length === 0 ? (
          <p>{t('triggers.none')}</p>
        ) : (
          <dl className="process-triggers">
            {triggers.map((line) => (
              <div key={line.when}>
                <dt>{line.when}</dt>
                <dd>{listWords(line.rulesets, t)}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>

      <section aria-labelledby={`${ids}-termination`}>
        <h2 id={`${ids}-termination`}>{t('termination.title')}</h2>
        {gate.length > 0 ? <p>{t('termination.gate', { rulesets: listWords(gate, t) })}</p> : null}
        {(termination?.reasons ?? []).length === 0 ? (
          <p>{t('termination.none')}</p>
        ) : (
          <ul className="item-list process-list">
            {(termination?.reasons ?? []).map((reason) => {
              const fields = reasonFields(reason.data, t);
              return (
                <li key={reason.id} className="item item-stacked">
                  <span className="item-title">{reason.title}</span>
                  <span>
                    {fields.length > 0
                      ? t('reason.data', { fields: listWords(fields, t) })
                      : t('reason.noData')}
                  </span>
                  {reason.approval ? <span>{t('reason.approval')}</span> : null}
                  {reason.noteRequired ? <span>{t('reason.note')}</span> : null}
                  {reason.roles?.length === 1 && reason.roles[0] === 'supervisor' ? (
                    <span>{t('reason.supervisorOnly')}</span>
                  ) : null}
                  {reason.description ? <span className="cell-sub">{reason.description}</span> : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
