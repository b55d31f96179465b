/**
 * Facts typed by hand, one input per fact the ruleset declares (a test's facts, or the simulator's):
 * numbers, dates, yes/no, a choice or free text; empty means "not known" and leaves the fact out.
 */
import { type ReactNode, useEffect, useId, useState } from 'react';
import { useTexts } from '../../../shared/i18n/language';
import type { FieldInfo } from './fields';
import { rulesTexts } from './texts';

type Facts = Record<string, unknown>;

function NumberFact({
  id,
  value,
  onChange,
}: {
  id: string;
  value: unknown;
  onChange: (value: unknown) => void;
}) {
  const shown = typeof value === 'number' ? String(value) : '';
  const [text, setText] = useState(shown);
  useEffect(() => {
    setText((current) => (Number(current.replace(',', '.')) === value ? current : shown));
  }, [shown, value]);
  return (
    <input
      id={id}
      type="text"
      inputMode="decimal"
      value={text}
      onChange={(event) => {
        const raw = event.target.value;
        setText(raw);
        const number = Number(raw.replace(',', '.'));
        if (raw.trim() === '') onChange(undefined);
        else if (!Number.isNaN(number)) onChange(number);
      }}
    />
  );
}

function JsonFact({
  id,
  value,
  onChange,
}: {
  id: string;
  value: unknown;
  onChange: (value: unknown) => void;
}) {
  const { t } = useTexts(rulesTexts);
  const [text, setText] = useState(value === undefined ? '' : JSON.stringify(value));
  const [bad, setBad] = useState(false);
  return (
    <>
      <input
        id={id}
        type="text"
        aria-invalid={bad}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => {
          if (text.trim() === '') {
            setBad(false);
            onChange(undefined);
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
      {bad ? <span className="field-error">{t('builder.jsonInvalid')}</span> : null}
    </>
  );
}

export function FactsEditor({
  facts,
  fields,
  withheld = [],
  onChange,
}: {
  facts: Facts;
  /** The facts to offer, in order (the ruleset's declared facts). */
  fields: readonly FieldInfo[];
  /** Facts whose value the caller may not see (from a sensitive field). */
  withheld?: readonly string[];
  onChange: (facts: Facts) => void;
}) {
  const { t } = useTexts(rulesTexts);
  const id = useId();
  const set = (name: string, value: unknown) => {
    const next = { ...facts };
    if (value === undefined) delete next[name];
    else next[name] = value;
    onChange(next);
  };
  const others = Object.keys(facts).filter((name) => !fields.some((field) => field.name === name));

  return (
    <div className="rules-facts">
      {fields.map((field, i) => {
        const inputId = `${id}-${i}`;
        const value = facts[field.name];
        const label = field.unit ? `${field.label} (${field.unit})` : field.label;
        let input: ReactNode;
        if (withheld.includes(field.name) && value === undefined) {
          input = (
            <p id={inputId} className="rules-withheld">
              {t('facts.withheld')}
            </p>
          );
        } else if (field.type === 'boolean') {
          input = (
            <select
              id={inputId}
              value={value === true ? 'true' : value === false ? 'false' : ''}
              onChange={(event) =>
                set(field.name, event.target.value === '' ? undefined : event.target.value === 'true')
              }
            >
              <option value="">{t('facts.unknown')}</option>
              <option value="true">{t('yes')}</option>
              <option value="false">{t('no')}</option>
            </select>
          );
        } else if (field.type === 'number') {
          input = <NumberFact id={inputId} value={value} onChange={(next) => set(field.name, next)} />;
        } else if (field.type === 'date') {
          input = (
            <input
              id={inputId}
              type="date"
              value={typeof value === 'string' ? value : ''}
              onChange={(event) =>
                set(field.name, event.target.value === '' ? undefined : event.target.value)
              }
            />
          );
        } else if (field.type === 'string' && field.choices) {
          const choices = field.choices;
          input = (
            <select
              id={inputId}
              value={typeof value === 'string' ? value : ''}
              onChange={(event) =>
                set(field.name, event.target.value === '' ? undefined : event.target.value)
              }
            >
              <option value="">{t('facts.unknown')}</option>
              {typeof value === 'string' && !choices.some((choice) => choice.value === value) ? (
                <option value={value}>{value}</option>
              ) : null}
              {choices.map((choice) => (
                <option key={String(choice.value)} value={String(choice.value)}>
                  {choice.label}
                </option>
              ))}
            </select>
          );
        } else if (field.type === 'string') {
          input = (
            <>
              <input
                id={inputId}
                type="text"
                list={field.seen ? `${inputId}-seen` : undefined}
                value={typeof value === 'string' ? value : ''}
                onChange={(event) =>
                  set(field.name, event.target.value === '' ? undefined : event.target.value)
                }
              />
              {field.seen ? (
                <datalist id={`${inputId}-seen`}>
                  {field.seen.map((item) => (
                    <option key={item} value={item} />
                  ))}
                </datalist>
              ) : null}
            </>
          );
        } else {
          input = <JsonFact id={inputId} value={value} onChange={(next) => set(field.name, next)} />;
        }
        return (
          <div className="field" key={field.name}>
            <label htmlFor={inputId}>{label}</label>
            {input}
          </div>
        );
      })}
      {others.map((name) => (
        <div className="field" key={name}>
          <span className="rules-other-fact">
            {t('facts.other', { name, value: JSON.stringify(facts[name]) })}
          </span>{' '}
          <button type="button" className="button button-small" onClick={() => set(name, undefined)}>
            {t('facts.removeOther', { name })}
          </button>
        </div>
      ))}
    </div>
  );
}
