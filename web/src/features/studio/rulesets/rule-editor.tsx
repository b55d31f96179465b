/**
 * One rule of a ruleset: its name, description and priority; the event it fires (type, and params in
 * words with inputs); its conditions in the condition builder, or the whole rule in the JSON view,
 * where whatever the builder cannot show (a fact compared with another's params, a leaf's params) is
 * edited and never lost.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTexts } from '../../../shared/i18n/language';
import { JsonEditor } from '../json-editor';
import type { EventJson, RuleJson } from './api';
import { ConditionBuilder } from './condition-builder';
import { type Json, opaqueRules, toQuery } from './conditions';
import { EventList } from './explanation-tree';
import type { FieldInfo } from './fields';
import { paramLabel, rulesTexts } from './texts';

/** Params an event's value is better typed as JSON (lists, objects) than as text. */
const isPlain = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

function ParamValue({
  label,
  value,
  onChange,
  invalid,
}: {
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
  invalid: string;
}) {
  const plain = isPlain(value);
  const shown = plain ? String(value) : JSON.stringify(value);
  const [text, setText] = useState(shown);
  const [bad, setBad] = useState(false);
  useEffect(() => setText(shown), [shown]);
  if (typeof value === 'boolean') {
    return (
      <input
        type="checkbox"
        aria-label={label}
        checked={value}
        onChange={(event) => onChange(event.target.checked)}
      />
    );
  }
  return (
    <>
      <input
        type="text"
        aria-label={label}
        aria-invalid={bad}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          if (typeof value === 'string') onChange(event.target.value);
        }}
        onBlur={() => {
          if (typeof value === 'string') return;
          if (typeof value === 'number') {
            const number = Number(text.replace(',', '.'));
            setBad(Number.isNaN(number));
            if (!Number.isNaN(number)) onChange(number);
            return;
          }
          try {
            onChange(JSON.parse(text));
            setBad(false);
          } catch {
            setBad(true);
          }
        }}
      />
      {bad ? <span className="field-error">{invalid}</span> : null}
    </>
  );
}

function EventEditor({
  event,
  types,
  onChange,
  ruleLabel,
}: {
  event: EventJson;
  types: readonly string[];
  onChange: (event: EventJson) => void;
  ruleLabel: string;
}) {
  const { t } = useTexts(rulesTexts);
  const id = useId();
  const [newKey, setNewKey] = useState('');
  const params = (event.params ?? {}) as Record<string, unknown>;
  const setParams = (next: Record<string, unknown>) => {
    const { params: _old, ...rest } = event;
    onChange(Object.keys(next).length > 0 ? { ...rest, params: next } : rest);
  };
  return (
    <fieldset className="rules-event">
      <legend>{t('rule.event')}</legend>
      <div className="field">
        <label htmlFor={`${id}-type`}>{t('rule.eventType')}</label>
        <input
          id={`${id}-type`}
          type="text"
          list={`${id}-types`}
          value={event.type}
          onChange={(change) => onChange({ ...event, type: change.target.value })}
        />
        <datalist id={`${id}-types`}>
          {types.map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
      </div>
      {Object.keys(params).length > 0 ? (
        <table className="table rules-params">
          <caption className="sr-only">{t('rule.paramsOf', { rule: ruleLabel })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rule.param')}</th>
              <th scope="col">{t('rule.paramValue')}</th>
              <th scope="col">
                <span className="sr-only">{t('rule.paramRemove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(params).map(([key, value]) => {
              const label = paramLabel(t, key);
              return (
                <tr key={key}>
                  <th scope="row">{label}</th>
                  <td>
                    <ParamValue
                      label={label}
                      value={value}
                      invalid={t('builder.jsonInvalid')}
                      onChange={(next) => setParams({ ...params, [key]: next })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => {
                        const { [key]: _gone, ...rest } = params;
                        setParams(rest);
                      }}
                    >
                      {t('rule.paramRemoveOne', { param: label })}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <div className="inline-form">
        <div className="field">
          <label htmlFor={`${id}-new`}>{t('rule.paramNew')}</label>
          <input
            id={`${id}-new`}
            type="text"
            value={newKey}
            onChange={(change) => setNewKey(change.target.value.trim())}
          />
        </div>
        <button
          type="button"
          className="button"
          disabled={newKey === '' || newKey in params}
          onClick={() => {
            setParams({ ...params, [newKey]: '' });
            setNewKey('');
          }}
        >
          {t('rule.paramAdd')}
        </button>
      </div>
    </fieldset>
  );
}

export function RuleEditor({
  rule,
  index,
  fields,
  eventTypes,
  problems,
  onChange,
  onRemove,
  initiallyOpen = false,
}: {
  rule: RuleJson;
  index: number;
  /** Shown open at first (a rule just added, or one with problems). */
  initiallyOpen?: boolean;
  fields: readonly FieldInfo[];
  eventTypes: readonly string[];
  /** Problems the server reported inside this rule (pointers relative to the rule). */
  problems: readonly { pointer: string; message: string }[];
  onChange: (rule: RuleJson) => void;
  onRemove: () => void;
}) {
  const { t } = useTexts(rulesTexts);
  const id = useId();
  const [view, setView] = useState<'builder' | 'json'>('builder');
  const [open, setOpen] = useState(initiallyOpen);
  const expanded = open || problems.length > 0;
  const ruleLabel = rule.name ?? t('rule.untitled', { n: index + 1 });
  const ruleJson = useMemo(() => JSON.stringify(rule, null, 2), [rule]);
  const [text, setText] = useState(ruleJson);
  // What the JSON view last made of its text: a change from the builder shows the rule anew.
  const fromJson = useRef(ruleJson);
  if (fromJson.current !== ruleJson) {
    fromJson.current = ruleJson;
    setText(ruleJson);
  }
  const hidden = useMemo(() => opaqueRules(toQuery(rule.conditions)).length, [rule.conditions]);
  const extra = useMemo(() => JSON.stringify(rule.conditions).includes('"params"'), [rule.conditions]);

  return (
    <section className="panel rules-rule" aria-labelledby={`${id}-title`}>
      <div className="page-heading">
        <h3 id={`${id}-title`}>
          <button
            type="button"
            className="rules-rule-toggle"
            aria-expanded={expanded}
            aria-controls={`${id}-body`}
            onClick={() => setOpen(!expanded)}
          >
            <span aria-hidden="true">{expanded ? '▾ ' : '▸ '}</span>
            {ruleLabel}
          </button>
        </h3>
        {expanded ? (
          <div className="actions">
            <button
              type="button"
              className="button button-small"
              aria-pressed={view === 'json'}
              onClick={() => setView(view === 'json' ? 'builder' : 'json')}
            >
              {view === 'json' ? t('rule.showBuilder') : t('rule.showJson')}
            </button>
            <button
              type="button"
              className="button button-small button-danger"
              onClick={() => {
                if (window.confirm(t('rule.removeConfirm', { rule: ruleLabel }))) onRemove();
              }}
            >
              {t('rule.remove', { rule: ruleLabel })}
            </button>
          </div>
        ) : null}
      </div>
      <div className="rules-rule-event">
        {t('tree.decides')} <EventList events={[rule.event]} rules={[rule]} empty="" />
      </div>
      {!expanded ? null : (
        <div id={`${id}-body`}>
          {problems.length > 0 ? (
            <ul className="alert alert-error rules-problems">
              {problems.map((problem) => (
                <li key={`${problem.pointer}:${problem.message}`}>{problem.message}</li>
              ))}
            </ul>
          ) : null}
          {view === 'json' ? (
            <JsonEditor
              label={t('rule.jsonOf', { rule: ruleLabel })}
              value={text}
              height="24rem"
              problems={problems}
              onChange={(next) => {
                setText(next);
                try {
                  const parsed = JSON.parse(next) as unknown;
                  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
                    onChange(parsed as RuleJson);
                } catch {
                  // The editor marks the line; the rule keeps its last readable form.
                }
              }}
            />
          ) : (
            <>
              <div className="field-row">
                <div className="field field-grow">
                  <label htmlFor={`${id}-name`}>{t('rule.name')}</label>
                  <input
                    id={`${id}-name`}
                    type="text"
                    value={rule.name ?? ''}
                    onChange={(event) => {
                      const { name: _old, ...rest } = rule;
                      onChange(event.target.value === '' ? rest : { ...rule, name: event.target.value });
                    }}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`${id}-priority`}>{t('rule.priority')}</label>
                  <input
                    id={`${id}-priority`}
                    type="number"
                    min={1}
                    max={1000}
                    value={rule.priority ?? ''}
                    onChange={(event) => {
                      const { priority: _old, ...rest } = rule;
                      const value = Number(event.target.value);
                      onChange(
                        event.target.value === '' || Number.isNaN(value)
                          ? rest
                          : { ...rule, priority: value },
                      );
                    }}
                  />
                </div>
              </div>
              <div className="field">
                <label htmlFor={`${id}-description`}>{t('rule.description')}</label>
                <textarea
                  id={`${id}-description`}
                  rows={2}
                  value={rule.description ?? ''}
                  onChange={(event) => {
                    const { description: _old, ...rest } = rule;
                    onChange(event.target.value === '' ? rest : { ...rule, description: event.target.value });
                  }}
                />
              </div>
              <EventEditor
                event={rule.event}
                types={eventTypes}
                ruleLabel={ruleLabel}
                onChange={(event) => onChange({ ...rule, event })}
              />
              <h4 className="small-heading">{t('rule.conditions')}</h4>
              {hidden > 0 || extra ? <p className="notice">{t('rule.jsonOnly')}</p> : null}
              <ConditionBuilder
                conditions={rule.conditions}
                fields={fields}
                ruleName={ruleLabel}
                onChange={(conditions: Json) =>
                  onChange({ ...rule, conditions: conditions as RuleJson['conditions'] })
                }
              />
            </>
          )}
        </div>
      )}
    </section>
  );
}
