/**
 * The common changes without writing JSON: stage titles, how long each deadline runs, which forms
 * are offered in which stage, and a new move. Each change goes into the same draft as the JSON editor
 * (which shows it at once); anything else is edited there. The server checks the whole on save.
 */
import { useId, useState } from 'react';
import { CLOSED_STAGE } from '../../../../../functions/domain/case-type';
import { useTexts } from '../../../shared/i18n/language';
import type { CaseTypeDocument, FormDocument } from './api';
import { addMove, hasMove, offeredIn, setDeadlineLength, setFormOffered, setStageTitle } from './edit-model';
import { ANY_STAGE } from './process-graph';
import { LENGTH_UNITS, type LengthUnit, lengthParts } from './process-words';
import { type ProcessKey, processTexts } from './texts';

export function StructuredEdit({
  document,
  forms,
  onChange,
}: {
  document: CaseTypeDocument;
  forms: ReadonlyMap<string, FormDocument>;
  onChange: (next: CaseTypeDocument) => void;
}) {
  const { t } = useTexts(processTexts);
  const ids = useId();
  const openStages = document.stages.filter((stage) => stage.id !== CLOSED_STAGE);
  const formTitle = (id: string) => forms.get(id)?.title ?? id;
  const formIds = [
    ...new Set([
      ...(document.forms ?? []).map((entry) => entry.form),
      ...[...forms.values()].sort((a, b) => a.title.localeCompare(b.title)).map((form) => form.id),
    ]),
  ];

  return (
    <div className="structured-edit">
      <fieldset className="plain-fieldset">
        <legend>{t('edit.stages')}</legend>
        <div className="structured-grid">
          {document.stages.map((stage, i) => (
            <div className="field" key={stage.id}>
              <label htmlFor={`${ids}-stage-${i}`}>{t('edit.stageTitle', { n: i + 1 })}</label>
              <input
                id={`${ids}-stage-${i}`}
                className="form-control"
                value={stage.title}
                maxLength={200}
                required
                onChange={(event) => onChange(setStageTitle(document, stage.id, event.target.value))}
              />
            </div>
          ))}
        </div>
      </fieldset>

      {(document.deadlines ?? []).length > 0 ? (
        <fieldset className="plain-fieldset">
          <legend>{t('edit.deadlines')}</legend>
          {(document.deadlines ?? []).map((deadline, i) => {
            const { unit, amount } = lengthParts(deadline.length);
            return (
              <div className="process-row" key={deadline.id}>
                <span className="control-label" aria-hidden="true">
                  {deadline.title}
                </span>
                <label className="sr-only" htmlFor={`${ids}-dl-${i}-n`}>
                  {t('edit.deadlineAmount', { deadline: deadline.title })}
                </label>
                <input
                  id={`${ids}-dl-${i}-n`}
                  className="form-control structured-number"
                  type="number"
                  min={unit === 'hours' || unit === 'months' ? 1 : 0}
                  value={amount}
                  onChange={(event) =>
                    onChange(
                      setDeadlineLength(
                        document,
                        deadline.id,
                        unit,
                        Math.max(0, Math.trunc(Number(event.target.value))),
                      ),
                    )
                  }
                />
                <label className="sr-only" htmlFor={`${ids}-dl-${i}-u`}>
                  {t('edit.deadlineUnit', { deadline: deadline.title })}
                </label>
                <select
                  id={`${ids}-dl-${i}-u`}
                  className="form-control"
                  value={unit}
                  onChange={(event) =>
                    onChange(
                      setDeadlineLength(
                        document,
                        deadline.id,
                        event.target.value as LengthUnit,
                        Math.max(1, amount),
                      ),
                    )
                  }
                >
                  {LENGTH_UNITS.map((option) => (
                    <option key={option} value={option}>
                      {t(`unit.${option}` as ProcessKey)}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </fieldset>
      ) : null}

      <fieldset className="plain-fieldset">
        <legend>{t('edit.forms')}</legend>
        <p className="hint">{t('edit.formsHint')}</p>
        <div className="table-wrap">
          <table className="table structured-forms">
            <caption className="sr-only">{t('edit.forms')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('stages.forms')}</th>
                {openStages.map((stage) => (
                  <th scope="col" key={stage.id}>
                    {stage.title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {formIds.map((form) => (
                <tr key={form}>
                  <th scope="row">{formTitle(form)}</th>
                  {openStages.map((stage) => (
                    <td key={stage.id}>
                      <input
                        type="checkbox"
                        aria-label={t('edit.formAt', { form: formTitle(form), stage: stage.title })}
                        checked={offeredIn(document, form, stage.id)}
                        onChange={(event) =>
                          onChange(setFormOffered(document, form, stage.id, event.target.checked))
                        }
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </fieldset>

      <AddMove document={document} onChange={onChange} />
    </div>
  );
}

function AddMove({
  document,
  onChange,
}: {
  document: CaseTypeDocument;
  onChange: (next: CaseTypeDocument) => void;
}) {
  const { t } = useTexts(processTexts);
  const ids = useId();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [approval, setApproval] = useState(false);
  const [supervisorOnly, setSupervisorOnly] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const title = (id: string) =>
    id === ANY_STAGE
      ? t('diagram.anyStage')
      : (document.stages.find((stage) => stage.id === id)?.title ?? id);

  return (
    <form
      className="structured-move"
      aria-labelledby={`${ids}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        if (!from || !to) return;
        if (from === to) {
          setMessage({ ok: false, text: t('edit.moveSame') });
          return;
        }
        const replaced = hasMove(document, from, to);
        onChange(addMove(document, { from, to, approval, supervisorOnly }));
        setMessage({
          ok: true,
          text: t(replaced ? 'edit.moveReplaced' : 'edit.moveAdded', { from: title(from), to: title(to) }),
        });
      }}
    >
      <h3 id={`${ids}-title`}>{t('edit.addMove')}</h3>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${ids}-from`}>{t('moves.from')}</label>
          <select
            id={`${ids}-from`}
            className="form-control"
            value={from}
            required
            onChange={(e) => setFrom(e.target.value)}
          >
            <option value="" />
            {document.stages.map((stage) => (
              <option key={stage.id} value={stage.id}>
                {stage.title}
              </option>
            ))}
            <option value={ANY_STAGE}>{t('diagram.anyStage')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-to`}>{t('moves.to')}</label>
          <select
            id={`${ids}-to`}
            className="form-control"
            value={to}
            required
            onChange={(e) => setTo(e.target.value)}
          >
            <option value="" />
            {document.stages.map((stage) => (
              <option key={stage.id} value={stage.id}>
                {stage.title}
              </option>
            ))}
          </select>
        </div>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={approval} onChange={(e) => setApproval(e.target.checked)} />{' '}
        {t('edit.moveApproval')}
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={supervisorOnly}
          onChange={(e) => setSupervisorOnly(e.target.checked)}
        />{' '}
        {t('edit.moveSupervisorOnly')}
      </label>
      <div className="actions">
        <button type="submit" className="button">
          {t('edit.addMoveSubmit')}
        </button>
      </div>
      {message ? (
        <p className={message.ok ? 'notice' : 'alert alert-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
