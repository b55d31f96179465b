/**
 * A rule's conditions in react-querybuilder: groups of "all", "any" and "not"; fields are the facts
 * and form fields in words (fields.ts); operators fit the field's type; values are typed (number,
 * date, yes/no, a choice, several choices, or another field of the same type). The builder works on
 * its own query and hands the conditions back as json-rules-engine JSON (conditions.ts); what it
 * cannot show travels along untouched and is edited in the rule's JSON view.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  type Field,
  type FieldSelectorProps,
  type OperatorSelectorProps,
  type OptionGroup,
  QueryBuilder,
  Rule,
  type RuleProps,
  type Translations,
  type ValueEditorProps,
} from 'react-querybuilder';
import 'react-querybuilder/dist/query-builder.css';
import type { Lang } from '../../../shared/i18n/dictionary';
import { useTexts } from '../../../shared/i18n/language';
import { type BuilderGroup, type BuilderRule, type Json, OPAQUE, toConditions, toQuery } from './conditions';
import {
  comparable,
  comparesWithFields,
  type FieldGroup,
  type FieldInfo,
  isListOperator,
  operatorFits,
  operatorsFor,
} from './fields';
import { type RulesKey, rulesKey, rulesTexts } from './texts';

type T = (key: RulesKey, params?: Record<string, string | number>) => string;

interface Context {
  fields: ReadonlyMap<string, FieldInfo>;
  t: T;
  lang: Lang;
  /** The rule's name, for the accessible names of its controls. */
  ruleName: string;
}

const GROUP_ORDER: readonly FieldGroup[] = ['declared', 'catalogue', 'builtin', 'case', 'form', 'other'];

const contextOf = (props: { context?: unknown }) => props.context as Context;

/** The words a condition is known by in its controls' names: its own name, else its field. */
function conditionName(rule: BuilderRule, context: Context): string {
  return rule.name || context.fields.get(rule.field)?.label || context.t('builder.condition');
}

function FieldSelector(props: FieldSelectorProps) {
  const context = contextOf(props);
  const rule = props.rule as BuilderRule;
  const { t } = context;
  if (rule.field === OPAQUE) {
    return <span className="rules-opaque">{t('builder.opaque')}</span>;
  }
  const grouped = GROUP_ORDER.map((group) => ({
    group,
    items: [...context.fields.values()].filter((field) => field.group === group),
  })).filter(({ items }) => items.length > 0);
  const known = context.fields.has(rule.field);
  return (
    <select
      className="rule-fields"
      aria-label={t('builder.fieldOf', { condition: conditionName(rule, context) })}
      value={rule.field}
      disabled={props.disabled}
      onChange={(event) => props.handleOnChange(event.target.value)}
    >
      {known ? null : <option value={rule.field}>{rule.field}</option>}
      {grouped.map(({ group, items }) => {
        const sources = [...new Set(items.map((item) => item.source ?? ''))];
        return sources.map((source) => (
          <optgroup
            key={`${group}:${source}`}
            label={
              source ? t('builder.group.formOf', { form: source }) : t(`builder.group.${group}` as RulesKey)
            }
          >
            {items
              .filter((item) => (item.source ?? '') === source)
              .map((item) => (
                <option key={item.name} value={item.name}>
                  {item.unit ? `${item.label} (${item.unit})` : item.label}
                </option>
              ))}
          </optgroup>
        ));
      })}
    </select>
  );
}

function OperatorSelector(props: OperatorSelectorProps) {
  const context = contextOf(props);
  const rule = props.rule as BuilderRule;
  if (rule.field === OPAQUE) return null;
  const names = (
    props.options as readonly ({ name: string } | { options: readonly { name: string }[] })[]
  ).flatMap((option) => ('options' in option ? option.options.map((o) => o.name) : [option.name]));
  const current = props.value ?? '';
  return (
    <select
      className="rule-operators"
      aria-label={context.t('builder.operatorOf', { condition: conditionName(rule, context) })}
      value={current}
      disabled={props.disabled}
      onChange={(event) => props.handleOnChange(event.target.value)}
    >
      {names.includes(current) ? null : <option value={current}>{operatorLabel(context.t, current)}</option>}
      {names.map((name) => (
        <option key={name} value={name}>
          {operatorLabel(context.t, name)}
        </option>
      ))}
    </select>
  );
}

/** An operator in words; `not:x` is "not" in front of x's words. */
export function operatorLabel(t: T, operator: string): string {
  const parts = operator.split(':');
  const base = parts.pop() ?? '';
  const known = rulesKey(`op.${base}`);
  const words = known ? t(known) : base;
  return parts.includes('not') ? t('op.negated', { operator: words }) : words;
}

/** A value typed into a text box, as the field's type wants it. */
function parseScalar(text: string, field: FieldInfo | undefined): Json {
  if (field?.type === 'number') {
    const number = Number(text.replace(',', '.'));
    return text.trim() === '' || Number.isNaN(number) ? text : number;
  }
  return text;
}

function ValueEditor(props: ValueEditorProps) {
  const context = contextOf(props);
  const rule = props.rule as BuilderRule;
  const { t } = context;
  const field = context.fields.get(rule.field);
  const label = t('builder.valueOf', { condition: conditionName(rule, context) });
  const value = props.value as Json;
  const change = (next: Json) => props.handleOnChange(next);

  if (rule.field === OPAQUE) {
    return <code className="rules-opaque-json">{JSON.stringify(value)}</code>;
  }
  if (props.valueSource === 'field') {
    const options = [...context.fields.values()].filter(
      (other) => other.name !== rule.field && comparable(field?.type ?? 'unknown', other.type),
    );
    return (
      <select
        aria-label={label}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => change(e.target.value)}
      >
        <option value="">{t('builder.pickField')}</option>
        {typeof value === 'string' && value !== '' && !options.some((o) => o.name === value) ? (
          <option value={value}>{value}</option>
        ) : null}
        {options.map((option) => (
          <option key={option.name} value={option.name}>
            {option.label}
          </option>
        ))}
      </select>
    );
  }
  const choices = field?.choices;
  if (isListOperator(rule.operator)) {
    const list = Array.isArray(value) ? value : [];
    if (choices) {
      return (
        <fieldset className="rules-choices">
          <legend className="sr-only">{label}</legend>
          {choices.map((choice) => {
            const on = list.some((item) => JSON.stringify(item) === JSON.stringify(choice.value));
            return (
              <label key={JSON.stringify(choice.value)}>
                <input
                  type="checkbox"
                  checked={on}
                  onChange={() =>
                    change(
                      on
                        ? list.filter((item) => JSON.stringify(item) !== JSON.stringify(choice.value))
                        : [...list, choice.value],
                    )
                  }
                />{' '}
                {choice.label}
              </label>
            );
          })}
        </fieldset>
      );
    }
    return (
      <ListInput
        label={label}
        hint={t('builder.listHint')}
        value={list}
        onChange={(items) => change(items.map((item) => parseScalar(item, field)))}
      />
    );
  }
  const type = field?.type ?? 'unknown';
  if (type === 'boolean' || typeof value === 'boolean') {
    return (
      <select
        aria-label={label}
        value={String(value === true)}
        onChange={(e) => change(e.target.value === 'true')}
      >
        <option value="true">{t('yes')}</option>
        <option value="false">{t('no')}</option>
      </select>
    );
  }
  if (choices && (type === 'string' || type === 'number' || type === 'array')) {
    const current = JSON.stringify(value);
    return (
      <select aria-label={label} value={current} onChange={(e) => change(JSON.parse(e.target.value) as Json)}>
        {choices.some((choice) => JSON.stringify(choice.value) === current) ? null : (
          <option value={current}>
            {value === null || value === '' ? t('builder.pick') : String(value)}
          </option>
        )}
        {choices.map((choice) => (
          <option key={JSON.stringify(choice.value)} value={JSON.stringify(choice.value)}>
            {choice.label}
          </option>
        ))}
      </select>
    );
  }
  if (type === 'number' || typeof value === 'number') {
    return (
      <NumberInput
        label={label}
        value={typeof value === 'number' ? value : null}
        unit={field?.unit}
        onChange={change}
      />
    );
  }
  if (type === 'date') {
    return (
      <input
        type="date"
        aria-label={label}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => change(e.target.value)}
      />
    );
  }
  if (value !== null && typeof value === 'object') {
    return (
      <JsonValueInput label={label} value={value} onChange={change} invalid={t('builder.jsonInvalid')} />
    );
  }
  const listId = `seen-${rule.id ?? rule.field}`;
  return (
    <>
      <input
        type="text"
        aria-label={label}
        value={typeof value === 'string' ? value : value === null ? '' : String(value)}
        list={field?.seen ? listId : undefined}
        onChange={(e) => change(e.target.value)}
      />
      {field?.seen ? (
        <datalist id={listId}>
          {field.seen.map((item) => (
            <option key={item} value={item} />
          ))}
        </datalist>
      ) : null}
    </>
  );
}

/** A number box that keeps what is being typed (e.g. "1," on the way to "1,5"). */
function NumberInput({
  label,
  value,
  unit,
  onChange,
}: {
  label: string;
  value: number | null;
  unit: string | undefined;
  onChange: (value: Json) => void;
}) {
  const [text, setText] = useState(value === null ? '' : String(value));
  useEffect(() => {
    setText((current) =>
      Number(current.replace(',', '.')) === value ? current : value === null ? '' : String(value),
    );
  }, [value]);
  return (
    <span className="rules-number">
      <input
        type="text"
        inputMode="decimal"
        aria-label={label}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          const number = Number(event.target.value.replace(',', '.'));
          if (event.target.value.trim() !== '' && !Number.isNaN(number)) onChange(number);
        }}
      />
      {unit ? <span aria-hidden="true"> {unit}</span> : null}
    </span>
  );
}

function ListInput({
  label,
  hint,
  value,
  onChange,
}: {
  label: string;
  hint: string;
  value: readonly Json[];
  onChange: (items: string[]) => void;
}) {
  const shown = value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(', ');
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  return (
    <input
      type="text"
      aria-label={`${label} (${hint})`}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onBlur={() =>
        onChange(
          text
            .split(',')
            .map((item) => item.trim())
            .filter((item) => item !== ''),
        )
      }
    />
  );
}

function JsonValueInput({
  label,
  value,
  invalid,
  onChange,
}: {
  label: string;
  value: Json;
  invalid: string;
  onChange: (value: Json) => void;
}) {
  const [text, setText] = useState(JSON.stringify(value));
  const [bad, setBad] = useState(false);
  return (
    <span>
      <input
        type="text"
        aria-label={label}
        aria-invalid={bad}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => {
          try {
            onChange(JSON.parse(text) as Json);
            setBad(false);
          } catch {
            setBad(true);
          }
        }}
      />
      {bad ? <span className="field-error">{invalid}</span> : null}
    </span>
  );
}

/** A condition: its controls, then the words it is explained with (its name and sentence). */
function ConditionRule(props: RuleProps) {
  const context = contextOf(props);
  const rule = props.rule as BuilderRule;
  const { t } = context;
  // Kawal's own props on a rule (react-querybuilder keeps props it does not know).
  const set = (prop: 'name' | 'text', value: string) =>
    props.actions.onPropChange(prop as 'value', value === '' ? undefined : value, props.path);
  return (
    <div className="rules-condition">
      {rule.name ? <p className="rules-condition-name">{rule.name}</p> : null}
      <Rule {...props} />
      {rule.field === OPAQUE ? null : (
        <details className="rules-condition-words">
          <summary>{t('builder.words')}</summary>
          <label>
            {t('builder.name')}
            <input
              type="text"
              value={rule.name ?? ''}
              onChange={(event) => set('name', event.target.value)}
            />
          </label>
          <label>
            {t('builder.text')}
            <input
              type="text"
              value={rule.text ?? ''}
              onChange={(event) => set('text', event.target.value)}
            />
          </label>
          <p className="hint">{t('builder.textHint', { factValue: '{{factValue}}', value: '{{value}}' })}</p>
          {rule.extra ? <p className="hint">{t('builder.extra')}</p> : null}
        </details>
      )}
    </div>
  );
}

function translations(t: T): Partial<Translations> {
  return {
    fields: { title: t('builder.field') },
    operators: { title: t('builder.operator') },
    value: { title: t('builder.value') },
    removeRule: { label: '✕', title: t('builder.removeCondition') },
    removeGroup: { label: '✕', title: t('builder.removeGroup') },
    addRule: { label: t('builder.addCondition'), title: t('builder.addCondition') },
    addGroup: { label: t('builder.addGroup'), title: t('builder.addGroup') },
    combinators: { title: t('builder.combinator') },
    notToggle: { label: t('builder.not'), title: t('builder.notTitle') },
    valueSourceSelector: { title: t('builder.valueSource') },
  };
}

export function ConditionBuilder({
  conditions,
  fields,
  ruleName,
  onChange,
}: {
  conditions: unknown;
  fields: readonly FieldInfo[];
  ruleName: string;
  onChange: (conditions: Json) => void;
}) {
  const { t, lang } = useTexts(rulesTexts);
  const [query, setQuery] = useState<BuilderGroup>(() => toQuery(conditions));
  const written = useRef(JSON.stringify(conditions));
  // Conditions changed elsewhere (the JSON view, a reload): start again from them.
  useEffect(() => {
    const text = JSON.stringify(conditions);
    if (text === written.current) return;
    written.current = text;
    setQuery(toQuery(conditions));
  }, [conditions]);

  const fieldMap = useMemo(() => new Map(fields.map((field) => [field.name, field])), [fields]);
  const rqbFields = useMemo<OptionGroup<Field>[]>(
    () =>
      GROUP_ORDER.map((group) => ({
        label: t(`builder.group.${group}` as RulesKey),
        options: fields
          .filter((field) => field.group === group)
          .map((field) => ({ name: field.name, value: field.name, label: field.label })),
      })).filter((group) => group.options.length > 0),
    [fields, t],
  );
  const context: Context = { fields: fieldMap, t, lang, ruleName };

  return (
    <div className="rules-builder">
      <QueryBuilder
        fields={rqbFields}
        query={query}
        context={context}
        onQueryChange={(next) => {
          const group = next as BuilderGroup;
          setQuery(group);
          const out = toConditions(group);
          const text = JSON.stringify(out);
          if (text === written.current) return;
          written.current = text;
          onChange(out);
        }}
        combinators={[
          { name: 'and', value: 'and', label: t('builder.and') },
          { name: 'or', value: 'or', label: t('builder.or') },
        ]}
        getOperators={(field) => {
          const info = fieldMap.get(field);
          return operatorsFor(info?.type ?? 'unknown').map((name) => ({
            name,
            value: name,
            label: operatorLabel(t, name),
          }));
        }}
        getDefaultOperator={(field) => operatorsFor(fieldMap.get(field)?.type ?? 'unknown')[0] ?? 'equal'}
        getDefaultValue={(rule) => {
          const info = fieldMap.get(rule.field);
          if (isListOperator(rule.operator)) return [];
          if (info?.choices?.[0]) return info.choices[0].value;
          if (info?.type === 'number') return 0;
          if (info?.type === 'boolean') return true;
          return '';
        }}
        getValueSources={(field) =>
          comparesWithFields(fieldMap.get(field)?.type ?? 'unknown')
            ? [
                { name: 'value', value: 'value', label: t('builder.source.value') },
                { name: 'field', value: 'field', label: t('builder.source.field') },
              ]
            : ['value']
        }
        onAddRule={(rule) => {
          // A new condition starts on a field of this ruleset, with an operator that fits it.
          const first = fields.find((field) => field.group === 'declared') ?? fields[0];
          if (!first) return rule;
          const operator = operatorsFor(first.type)[0] ?? 'equal';
          return {
            ...rule,
            field: first.name,
            operator,
            value:
              first.choices?.[0]?.value ??
              (first.type === 'number' ? 0 : first.type === 'boolean' ? true : ''),
          };
        }}
        showNotToggle
        addRuleToNewGroups
        resetOnOperatorChange={false}
        translations={translations(t)}
        controlClassnames={{ queryBuilder: 'queryBuilder-branches queryBuilder-responsive' }}
        controlElements={{
          fieldSelector: FieldSelector,
          operatorSelector: OperatorSelector,
          valueEditor: ValueEditor,
          rule: ConditionRule,
        }}
        getRuleClassname={(rule) => {
          const info = fieldMap.get(rule.field);
          return info && !operatorFits(rule.operator, info.type) ? 'rules-misfit' : '';
        }}
      />
    </div>
  );
}
