/**
 * The wiring view: form fields → facts → rules, for each ruleset the case type runs. A fact nothing
 * provides is marked unconnected (the rules reading it get no input on a case of this type), and can
 * be connected here: pick a form and one of its fields, by title, and the fact source is added to the
 * draft being edited (saved and published as any other change). The facts the type provides that no
 * rule reads yet are listed last, where a new fact is made from a form's field: once the type is
 * published, a ruleset's condition builder offers it (and declares it when a rule uses it).
 */
import { useId, useRef, useState } from 'react';
import { useTexts } from '../../../shared/i18n/language';
import { LoadError } from '../../../shared/load-error';
import { useAsync } from '../../../shared/use-async';
import { type CaseTypeContent, type FormDocument, getWiring, type RulesetDocument } from './api';
import { fieldTitles, formFields, typeFits } from './form-fields';
import { listWords, type Names } from './process-words';
import { processTexts } from './texts';
import {
  newFactNameProblem,
  suggestedFactName,
  unreadFacts,
  type WiringFact,
  type WiringSource,
  wiringModel,
} from './wiring-model';

export interface ConnectRequest {
  fact: { name: string; type: string; description?: string };
  form: string;
  pointer: string;
}

function SourceText({ source, names }: { source: WiringSource | null; names: Names }) {
  const { t } = useTexts(processTexts);
  if (!source) return <>{t('wiring.none')}</>;
  switch (source.kind) {
    case 'form':
      return (
        <>
          {t('wiring.fromForm', {
            form: names.form(source.form),
            field: names.field(source.form, source.pointer),
          })}
        </>
      );
    case 'case':
      return (
        <>
          {t('wiring.fromCase')} <code>{source.pointer}</code>
        </>
      );
    case 'expression':
      return (
        <>
          {t('wiring.fromExpression')}{' '}
          <code
            className="wiring-expression"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a long expression scrolls in its box, and the keyboard must reach it
            tabIndex={0}
          >
            {source.expression}
          </code>
        </>
      );
    case 'termination':
      return (
        <>
          {source.reason === '*'
            ? t('wiring.fromReasonChosen')
            : t('wiring.fromReasonData', { reason: names.reason(source.reason) })}
        </>
      );
    default:
      return <>{t('wiring.builtin')}</>;
  }
}

function StatusText({ fact }: { fact: WiringFact }) {
  const { t } = useTexts(processTexts);
  if (fact.status === 'unconnected')
    return <strong className="wiring-status wiring-unconnected">{t('wiring.status.unconnected')}</strong>;
  if (fact.status === 'dropped')
    return <strong className="wiring-status wiring-unconnected">{t('wiring.status.dropped')}</strong>;
  if (fact.status === 'draft')
    return <strong className="wiring-status wiring-draft">{t('wiring.status.draft')}</strong>;
  return <span className="wiring-status wiring-connected">{t('wiring.status.connected')}</span>;
}

function ConnectForm({
  fact,
  content,
  forms,
  offered,
  onConnect,
  onCancel,
}: {
  /** The fact to connect; absent for a new fact, named here and typed by the field chosen. */
  fact?: WiringFact;
  /** The content being edited, whose fact names a new fact may not take. */
  content: CaseTypeContent;
  forms: ReadonlyMap<string, FormDocument>;
  /** Forms the case type offers, listed first. */
  offered: readonly string[];
  onConnect: (request: ConnectRequest) => void;
  onCancel: () => void;
}) {
  const { t } = useTexts(processTexts);
  const ids = useId();
  const [form, setForm] = useState('');
  const [pointer, setPointer] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [nameProblem, setNameProblem] = useState<string>();
  const nameInput = useRef<HTMLInputElement>(null);
  const schema = forms.get(form)?.schema;
  const fields = schema
    ? formFields(schema, { groups: fact?.type === 'object' }).filter((field) =>
        fact ? typeFits(fact.type, field.type) : field.type !== 'unknown',
      )
    : [];
  const chosen = fields.find((field) => field.pointer === pointer);
  const byTitle = (a: FormDocument, b: FormDocument) => a.title.localeCompare(b.title);
  const ofType = [...forms.values()].filter((f) => offered.includes(f.id)).sort(byTitle);
  const others = [...forms.values()].filter((f) => !offered.includes(f.id)).sort(byTitle);
  const typeWord = (type: string) => t(`type.${type}` as 'type.string');
  return (
    <form
      className="wiring-connect"
      aria-label={fact ? t('connect.title', { fact: fact.name }) : t('newFact.title')}
      onSubmit={(event) => {
        event.preventDefault();
        if (!form || !pointer) return;
        if (fact) {
          onConnect({
            fact: {
              name: fact.name,
              type: fact.type,
              ...(fact.description ? { description: fact.description } : {}),
            },
            form,
            pointer,
          });
          return;
        }
        if (!chosen) return;
        const wanted = name.trim();
        const problem = newFactNameProblem(content, wanted);
        if (problem) {
          setNameProblem(
            problem === 'pattern' ? t('newFact.namePattern') : t(`newFact.name.${problem}`, { name: wanted }),
          );
          nameInput.current?.focus();
          return;
        }
        onConnect({
          fact: {
            name: wanted,
            type: chosen.type,
            ...(description.trim() ? { description: description.trim() } : {}),
          },
          form,
          pointer,
        });
      }}
    >
      {fact ? null : <h4>{t('newFact.title')}</h4>}
      <div className="field">
        <label htmlFor={`${ids}-form`}>{t('connect.form')}</label>
        <select
          id={`${ids}-form`}
          className="form-control"
          value={form}
          required
          onChange={(event) => {
            setForm(event.target.value);
            setPointer('');
          }}
        >
          <option value="">{t('connect.chooseForm')}</option>
          {ofType.length > 0 ? (
            <optgroup label={t('connect.offered')}>
              {ofType.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.title}
                </option>
              ))}
            </optgroup>
          ) : null}
          {others.length > 0 ? (
            <optgroup label={t('connect.otherForms')}>
              {others.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.title}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </div>
      {form ? (
        fields.length > 0 ? (
          <div className="field">
            <label htmlFor={`${ids}-field`}>{t('connect.field')}</label>
            <select
              id={`${ids}-field`}
              className="form-control"
              value={pointer}
              required
              aria-describedby={`${ids}-field-hint`}
              onChange={(event) => {
                const next = event.target.value;
                setPointer(next);
                // A name not typed yet follows the field: its own key, when that makes a good name.
                if (!fact && (name === '' || name === suggestedFactName(pointer)))
                  setName(suggestedFactName(next));
              }}
            >
              <option value="">{t('connect.chooseField')}</option>
              {fields.map((field) => (
                <option key={field.pointer} value={field.pointer}>
                  {field.titles.join(' › ')}
                </option>
              ))}
            </select>
            <p className="hint" id={`${ids}-field-hint`}>
              {fact
                ? t('connect.typeHint', { type: typeWord(fact.type) })
                : chosen
                  ? t('newFact.type', { type: typeWord(chosen.type) })
                  : t('newFact.typeHint')}
            </p>
          </div>
        ) : (
          <p className="hint" role="status">
            {fact ? t('connect.noFields', { type: typeWord(fact.type) }) : t('newFact.noFields')}
          </p>
        )
      ) : null}
      {fact ? null : (
        <>
          <div className="field">
            <label htmlFor={`${ids}-name`}>{t('newFact.name')}</label>
            <input
              ref={nameInput}
              id={`${ids}-name`}
              className="form-control"
              value={name}
              maxLength={64}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={nameProblem ? true : undefined}
              aria-describedby={`${ids}-name-hint${nameProblem ? ` ${ids}-name-problem` : ''}`}
              onChange={(event) => {
                setName(event.target.value);
                setNameProblem(undefined);
              }}
            />
            <p className="hint" id={`${ids}-name-hint`}>
              {t('newFact.nameHint')}
            </p>
            {nameProblem ? (
              <p className="field-error" id={`${ids}-name-problem`}>
                {nameProblem}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={`${ids}-description`}>{t('newFact.description')}</label>
            <textarea
              id={`${ids}-description`}
              className="form-control"
              rows={2}
              maxLength={4000}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
            />
          </div>
        </>
      )}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={!form || !pointer}>
          {t('connect.submit')}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('connect.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The key of the form that adds a new fact (a fact's own key is `ruleset/fact`). */
const NEW_FACT = 'new';

export function WiringView({
  id,
  refreshKey,
  edited,
  published,
  names,
  rulesets,
  forms,
  onConnect,
}: {
  id: string;
  /** Changes after a publish, so the published wiring is read again. */
  refreshKey: string;
  /** The content being edited (the draft), whose fact sources are shown beside the published ones. */
  edited: CaseTypeContent;
  /** The published version, to tell a fact only the draft provides. */
  published: CaseTypeContent | undefined;
  names: Names;
  rulesets: ReadonlyMap<string, RulesetDocument>;
  forms: ReadonlyMap<string, FormDocument>;
  onConnect: (request: ConnectRequest) => void;
}) {
  const { t } = useTexts(processTexts);
  const ids = useId();
  const wiring = useAsync(`wiring/${id}/${refreshKey}`, (signal) => getWiring(id, signal));
  const [open, setOpen] = useState<string>();
  /** What the last connection did, and where it was made (a fact's key, or NEW_FACT). */
  const [connected, setConnected] = useState<{ key: string; text: string }>();

  if (wiring.status === 'loading') return <p role="status">{t('loading')}</p>;
  if (wiring.status === 'failed') return <LoadError error={wiring.error} retry={wiring.retry} />;
  const model = wiringModel(wiring.data, rulesets, edited);
  const missing = model.reduce((sum, ruleset) => sum + ruleset.unconnected, 0);
  const offered = [...new Set((edited.forms ?? []).map((entry) => entry.form))];
  const unread = unreadFacts(wiring.data, edited, published);
  const connectedHere = (key: string) =>
    connected && (key === NEW_FACT) === (connected.key === NEW_FACT) ? (
      <p className="notice" role="status">
        {connected.text}
      </p>
    ) : null;
  const done = (key: string, request: ConnectRequest) => {
    onConnect(request);
    setOpen(undefined);
    setConnected({
      key,
      text: t('connect.done', {
        fact: request.fact.name,
        form: names.form(request.form),
        field: fieldName(forms, request.form, request.pointer),
      }),
    });
  };

  return (
    <section className="wiring" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('wiring.title')}</h2>
      <p>{t('wiring.intro', { version: wiring.data.version })}</p>
      <p className={missing > 0 ? 'alert alert-error' : 'notice'} role="status">
        {missing > 0 ? t('wiring.missing', { count: missing }) : t('wiring.complete')}
      </p>
      {connectedHere('')}
      {model.map((ruleset) => (
        <section key={ruleset.id} className="wiring-ruleset" aria-labelledby={`${ids}-${ruleset.id}`}>
          <h3 id={`${ids}-${ruleset.id}`}>
            {ruleset.title}{' '}
            {ruleset.unconnected > 0 ? (
              <span className="badge badge-overdue">
                {t('wiring.unconnectedCount', { count: ruleset.unconnected })}
              </span>
            ) : null}
          </h3>
          {ruleset.facts.length === 0 && ruleset.direct.length === 0 ? <p>{t('wiring.noFacts')}</p> : null}
          {ruleset.facts.length > 0 ? (
            <div className="table-wrap">
              <table className="table wiring-table">
                <caption className="sr-only">{t('wiring.caption', { ruleset: ruleset.title })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('wiring.fact')}</th>
                    <th scope="col">{t('wiring.source')}</th>
                    <th scope="col">{t('wiring.rules')}</th>
                  </tr>
                </thead>
                <tbody>
                  {ruleset.facts.map((fact) => {
                    const key = `${ruleset.id}/${fact.name}`;
                    const problem = fact.status === 'unconnected' || fact.status === 'dropped';
                    return (
                      <tr
                        key={fact.name}
                        className={problem ? 'wiring-row-unconnected' : undefined}
                        data-fact={fact.name}
                      >
                        <th scope="row">
                          <code>{fact.name}</code>
                          <span className="cell-sub">{t(`type.${fact.type}` as 'type.string')}</span>
                          {fact.description ? <span className="cell-sub">{fact.description}</span> : null}
                        </th>
                        <td>
                          <StatusText fact={fact} />
                          <span className="cell-sub">
                            <SourceText
                              source={
                                fact.status === 'connected' ? fact.published : (fact.edited ?? fact.published)
                              }
                              names={names}
                            />
                          </span>
                          {fact.status === 'connected' && fact.edited !== fact.published ? (
                            <span className="cell-sub">
                              {t('wiring.changedInDraft')} <SourceText source={fact.edited} names={names} />
                            </span>
                          ) : null}
                          {problem ? <span className="cell-sub">{t('wiring.noInput')}</span> : null}
                          {fact.status === 'unconnected' || fact.status === 'dropped' ? (
                            open === key ? (
                              <ConnectForm
                                fact={fact}
                                content={edited}
                                forms={forms}
                                offered={offered}
                                onCancel={() => setOpen(undefined)}
                                onConnect={(request) => done(key, request)}
                              />
                            ) : (
                              <button
                                type="button"
                                className="button button-small"
                                aria-expanded={false}
                                onClick={() => {
                                  setOpen(key);
                                  setConnected(undefined);
                                }}
                              >
                                {t('connect.open', { fact: fact.name })}
                              </button>
                            )
                          ) : null}
                        </td>
                        <td>
                          {fact.rules.length > 0 ? (
                            <ul className="plain-list">
                              {fact.rules.map((rule) => (
                                <li key={rule}>{rule}</li>
                              ))}
                            </ul>
                          ) : (
                            t('wiring.noRule')
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ) : null}
          {ruleset.direct.length > 0 ? (
            <>
              <h4>{t('wiring.direct')}</h4>
              <ul className="plain-list">
                {ruleset.direct.map((read) => (
                  <li key={`${read.form}${read.pointer}`}>
                    {read.pointer
                      ? t('wiring.fromForm', {
                          form: names.form(read.form),
                          field: names.field(read.form, read.pointer),
                        })
                      : names.form(read.form)}
                    : {listWords(read.rules, t)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ))}
      <section className="wiring-ruleset" aria-labelledby={`${ids}-unread`}>
        <h3 id={`${ids}-unread`}>{t('unread.title')}</h3>
        <p>{t('unread.intro')}</p>
        {unread.length > 0 ? (
          <div className="table-wrap">
            <table className="table wiring-table">
              <caption className="sr-only">{t('unread.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('wiring.fact')}</th>
                  <th scope="col">{t('wiring.source')}</th>
                </tr>
              </thead>
              <tbody>
                {unread.map((fact) => (
                  <tr key={fact.name} data-fact={fact.name}>
                    <th scope="row">
                      <code>{fact.name}</code>
                      <span className="cell-sub">{t(`type.${fact.type}` as 'type.string')}</span>
                      {fact.description ? <span className="cell-sub">{fact.description}</span> : null}
                    </th>
                    <td>
                      {fact.status === 'draft' ? (
                        <strong className="wiring-status wiring-draft">{t('wiring.status.draft')}</strong>
                      ) : (
                        <span className="wiring-status wiring-connected">{t('wiring.status.connected')}</span>
                      )}
                      <span className="cell-sub">
                        <SourceText source={fact.source} names={names} />
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('unread.none')}</p>
        )}
        {connectedHere(NEW_FACT)}
        {open === NEW_FACT ? (
          <ConnectForm
            content={edited}
            forms={forms}
            offered={offered}
            onCancel={() => setOpen(undefined)}
            onConnect={(request) => done(NEW_FACT, request)}
          />
        ) : (
          <button
            type="button"
            className="button"
            aria-expanded={false}
            onClick={() => {
              setOpen(NEW_FACT);
              setConnected(undefined);
            }}
          >
            {t('newFact.open')}
          </button>
        )}
      </section>
    </section>
  );
}

function fieldName(forms: ReadonlyMap<string, FormDocument>, form: string, pointer: string): string {
  const schema = forms.get(form)?.schema;
  return schema ? fieldTitles(schema, pointer).join(' › ') : pointer;
}
