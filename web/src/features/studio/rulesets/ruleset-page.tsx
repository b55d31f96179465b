/**
 * `/admin/aturan/:id`: editing one ruleset. Its rules (conditions in the builder or as JSON, the event
 * each fires, priority, name), its tests as a table run against the saved draft, a simulator on a real
 * open case or on typed facts, the impact of the draft on open cases, and publishing (refused with the
 * failing tests shown in the table), history, diff and rollback, conflicts on save (412) and a guard
 * against leaving with unsaved edits: the studio's shared pieces.
 */
import { useId, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, type ErrorDetail, errorMessage } from '../../../shared/api-client';
import { formatDateTime, useTexts } from '../../../shared/i18n/language';
import { LoadError } from '../../../shared/load-error';
import { useAsync } from '../../../shared/use-async';
import { useDocumentTitle } from '../../../shared/use-document-title';
import { type Conflict, ConflictNotice } from '../conflict-notice';
import { type DraftOf, getDraft, getPublished, saveDraft, type VersionOf } from '../content-api';
import type { PathSegment } from '../json-diff';
import { JsonEditor } from '../json-editor';
import { PublishPanel } from '../publish-panel';
import { studioTexts } from '../texts';
import { useUnsavedGuard } from '../use-unsaved-guard';
import { comparable, VersionHistory } from '../version-history';
import {
  type DeclaredFact,
  type EventJson,
  getForm,
  listFacts,
  listForms,
  listRulesetCases,
  type RuleJson,
  type RulesetContent,
} from './api';
import { builderFields, type FieldInfo, formsToOffer, leavesOf } from './fields';
import { ImpactPanel } from './impact-panel';
import { RuleEditor } from './rule-editor';
import { Simulator } from './simulator';
import { type TestResult, TestsTable } from './tests-table';
import { kindLabel, type RulesKey, rulesKey, rulesTexts } from './texts';
import './rulesets.css';

type Loaded = {
  draft: DraftOf<RulesetContent> | undefined;
  published: VersionOf<RulesetContent> | undefined;
  catalogue: Awaited<ReturnType<typeof listFacts>>;
  forms: Map<string, { title: string; schema: Record<string, unknown> }>;
};

const notFound = (error: unknown) => error instanceof ApiError && error.status === 404;

async function loadRuleset(id: string, signal: AbortSignal): Promise<Loaded> {
  const [draft, published, catalogue, formList] = await Promise.all([
    getDraft<RulesetContent>('rulesets', id, signal).catch((error: unknown) => {
      if (notFound(error)) return undefined;
      throw error;
    }),
    getPublished<RulesetContent>('rulesets', id, signal).catch((error: unknown) => {
      if (notFound(error)) return undefined;
      throw error;
    }),
    listFacts(signal),
    listForms(signal),
  ]);
  if (!draft && !published) {
    // Neither a draft nor a published version: the server's own "not found" says it best.
    await getPublished('rulesets', id, signal);
  }
  const content = (draft ?? published) as RulesetContent;
  const forms = new Map<string, { title: string; schema: Record<string, unknown> }>();
  const published_ = new Set(
    formList.filter((form) => form.publishedVersion !== null).map((form) => form.id),
  );
  await Promise.all(
    formsToOffer(content, catalogue)
      .filter((form) => published_.has(form))
      .map(async (form) => {
        const found = await getForm(form, signal).catch(() => undefined);
        if (found) forms.set(form, { title: found.title, schema: found.schema });
      }),
  );
  return { draft, published, catalogue, forms };
}

/** The part of a ruleset the editor edits and saves. */
function contentOf(item: RulesetContent): RulesetContent {
  return {
    title: item.title,
    description: item.description ?? '',
    kind: item.kind,
    caseTypes: item.caseTypes ?? [],
    facts: item.facts ?? [],
    rules: item.rules,
    tests: item.tests ?? [],
  };
}

export function RulesetPage() {
  const { id = '' } = useParams();
  const { t } = useTexts(studioTexts);
  const loaded = useAsync(`ruleset:${id}`, (signal) => loadRuleset(id, signal));
  if (loaded.status === 'loading') return <p role="status">{t('loading')}</p>;
  if (loaded.status === 'failed') return <LoadError error={loaded.error} retry={loaded.retry} />;
  return <RulesetEditor key={id} id={id} loaded={loaded.data} />;
}

/** A JSON Pointer's segments, array indexes as numbers. */
const segmentsOf = (pointer: string): PathSegment[] =>
  pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));

function RulesetEditor({ id, loaded }: { id: string; loaded: Loaded }) {
  const { t, lang } = useTexts(rulesTexts);
  const studio = useTexts(studioTexts).t;
  const ids = useId();
  const initial = contentOf((loaded.draft ?? loaded.published) as RulesetContent);
  const [content, setContent] = useState<RulesetContent>(initial);
  const initialRuleCount = initial.rules.length;
  const [baseline, setBaseline] = useState(() => JSON.stringify(initial));
  const [draftVersion, setDraftVersion] = useState<number | undefined>(loaded.draft?.version);
  const [published, setPublished] = useState(loaded.published);
  const [savedAt, setSavedAt] = useState<string | undefined>(loaded.draft?.updatedAt);
  const [problems, setProblems] = useState<ErrorDetail[]>([]);
  const [warnings, setWarnings] = useState<ErrorDetail[]>([]);
  const [conflict, setConflict] = useState<Conflict<RulesetContent>>();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [saving, setSaving] = useState(false);
  const [results, setResults] = useState<Record<string, TestResult>>({});
  const [jsonText, setJsonText] = useState<string>();
  const testsHeading = useRef<HTMLHeadingElement>(null);
  const cases = useAsync(`ruleset-cases:${id}`, (signal) => listRulesetCases(id, signal));

  const dirty = JSON.stringify(content) !== baseline;
  const hasDraft = draftVersion !== undefined;
  useUnsavedGuard(dirty);
  useDocumentTitle(content.title);

  const words = useMemo(
    () => ({
      today: t('field.today'),
      caseFields: Object.fromEntries(
        [
          'stage',
          'caseType',
          'office',
          'client.birthDate',
          'client.sex',
          'offence.date',
          'offence.category',
          'offence.threatenedSentenceMonths',
          'offence.repeat',
          'sentence.months',
          'sentence.startDate',
          'sentence.lastDisciplinaryDate',
        ].map((path) => [`$.${path}`, t(`field.case.${path}` as RulesKey)]),
      ),
    }),
    [t],
  );
  const fields = useMemo(
    () => builderFields({ ruleset: content, catalogue: loaded.catalogue, forms: loaded.forms, words }),
    [content, loaded, words],
  );
  const factFields = useMemo(() => fields.filter((field) => field.group === 'declared'), [fields]);
  const eventTypes = useMemo(
    () => [...new Set(content.rules.map((rule) => rule.event.type))],
    [content.rules],
  );
  const saved = useMemo(() => JSON.parse(baseline) as RulesetContent, [baseline]);

  /** Declares the catalogue facts a rule started to read. */
  const withDeclarations = (next: RulesetContent): RulesetContent => {
    const declared = new Set((next.facts ?? []).map((fact) => fact.name));
    const byName = new Map<string, FieldInfo>(fields.map((field) => [field.name, field]));
    const added: DeclaredFact[] = [];
    for (const rule of next.rules) {
      for (const leaf of leavesOf(rule.conditions)) {
        const names = [leaf.fact, (leaf.value as { fact?: unknown } | null)?.fact];
        for (const name of names) {
          if (typeof name !== 'string' || declared.has(name)) continue;
          const declare = byName.get(name)?.declare;
          if (!declare) continue;
          declared.add(name);
          added.push(declare);
        }
      }
    }
    return added.length > 0 ? { ...next, facts: [...(next.facts ?? []), ...added] } : next;
  };

  const change = (next: RulesetContent) => {
    setContent(next);
    setMessage(undefined);
  };
  const setRule = (index: number, rule: RuleJson) =>
    change(
      withDeclarations({ ...content, rules: content.rules.map((item, i) => (i === index ? rule : item)) }),
    );

  // Without a draft when the page loaded, 0: a draft someone else made meanwhile answers 412, never overwritten.
  const save = async (basedOn = draftVersion ?? 0) => {
    setSaving(true);
    setMessage(undefined);
    setProblems([]);
    try {
      const body = contentOf(content);
      const answer = await saveDraft<RulesetContent>('rulesets', id, body, basedOn);
      const next = contentOf(answer);
      setContent(next);
      setBaseline(JSON.stringify(next));
      setDraftVersion(answer.version);
      setSavedAt(answer.updatedAt);
      setWarnings(answer.warnings ?? []);
      setConflict(undefined);
      setResults({});
      setMessage({ ok: true, text: studio('saved') });
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        try {
          setConflict({ theirs: await getDraft<RulesetContent>('rulesets', id) });
        } catch (reading) {
          setMessage({ ok: false, text: errorMessage(reading) });
        }
      } else if (error instanceof ApiError && error.status === 422) {
        setProblems(error.details);
        setMessage({ ok: false, text: error.message });
      } else {
        setMessage({ ok: false, text: errorMessage(error) });
      }
    } finally {
      setSaving(false);
    }
  };

  /** A place in the ruleset in words: the rule, test or fact by its name. */
  const describePath = (path: readonly PathSegment[]): string => {
    const [head, index, ...rest] = path;
    const source = head === 'rules' || head === 'tests' || head === 'facts' ? content[head] : undefined;
    const word = (key: string) => {
      const known = rulesKey(`where.key.${key}`);
      return known ? t(known) : key;
    };
    if (source && typeof index === 'number') {
      const item = source[index] as { name?: string } | undefined;
      const parts = [t(`where.${head}` as RulesKey, { name: item?.name ?? String(index + 1) })];
      // Down the rule: a condition by its name, a key in words; the group keys say nothing.
      let node: unknown = item;
      for (const part of rest) {
        node =
          node && typeof node === 'object' ? (node as Record<string | number, unknown>)[part] : undefined;
        const named = (node as { name?: unknown } | undefined)?.name;
        if (typeof part === 'number') {
          if (typeof named === 'string') parts.push(`“${named}”`);
          else parts.push(t('where.item', { n: part + 1 }));
        } else if (!['all', 'any', 'not'].includes(part)) parts.push(word(part));
      }
      return parts.join(' › ');
    }
    return path.map((part) => (typeof part === 'number' ? String(part + 1) : word(part))).join(' › ') || '—';
  };

  const problemsOfRule = (index: number) =>
    problems
      .filter((problem) => problem.path === `/rules/${index}` || problem.path.startsWith(`/rules/${index}/`))
      .map((problem) => ({
        pointer: problem.path.slice(`/rules/${index}`.length),
        message: `${problem.message} (${studio('errors.at', { where: describePath(segmentsOf(problem.path)) })})`,
      }));
  const otherProblems = problems.filter((problem) => !/^\/rules\/\d+(\/|$)/.test(problem.path));

  const onRefused = (error: ApiError): boolean => {
    if (error.code === 'tests_failed') {
      const failed = new Map<string, TestResult>();
      for (const detail of error.details as (ErrorDetail & {
        test?: string;
        expected?: EventJson[];
        actual?: EventJson[];
      })[]) {
        if (typeof detail.test === 'string')
          failed.set(detail.test, {
            passed: false,
            expected: detail.expected ?? [],
            actual: detail.actual ?? [],
          });
      }
      const next: Record<string, TestResult> = {};
      for (const test of content.tests ?? []) {
        next[test.name] = failed.get(test.name) ?? {
          passed: true,
          expected: test.expect.events,
          actual: test.expect.events,
        };
      }
      setResults(next);
      setMessage({ ok: false, text: t('publish.testsFailed', { count: failed.size }) });
      testsHeading.current?.focus();
      testsHeading.current?.scrollIntoView({ block: 'start' });
      return true;
    }
    if (error.code === 'invalid_ruleset') {
      setProblems(error.details);
      setMessage({ ok: false, text: error.message });
      return true;
    }
    return false;
  };

  const refreshPublished = async () => {
    try {
      setPublished(await getPublished<RulesetContent>('rulesets', id));
    } catch (error) {
      setMessage({ ok: false, text: errorMessage(error) });
    }
  };

  const blocked = dirty ? t('needsSave') : undefined;
  const wholeJson = useMemo(() => JSON.stringify(content, null, 2), [content]);
  // What the JSON view last made of its text: a change from anywhere else shows the content anew.
  const fromJson = useRef(wholeJson);
  if (fromJson.current !== wholeJson) {
    fromJson.current = wholeJson;
    if (jsonText !== undefined) setJsonText(undefined);
  }

  const sections: [string, RulesKey][] = [
    ['aturan', 'section.rules'],
    ['uji', 'section.tests'],
    ['simulasi', 'section.simulator'],
    ['dampak', 'section.impact'],
    ['terbit', 'section.publish'],
    ['riwayat', 'section.history'],
  ];

  return (
    <div className="rules-editor">
      <p className="back">
        <Link to="/admin/aturan">{t('back')}</Link>
      </p>
      <h1 tabIndex={-1}>{content.title}</h1>
      <p className="rules-status">
        <span className="badge">{kindLabel(t, content.kind)}</span>{' '}
        {published
          ? studio('status.published', { version: published.version })
          : studio('status.neverPublished')}
        {' · '}
        {hasDraft ? studio('status.draft') : studio('status.noDraft')}
        {dirty ? (
          <>
            {' · '}
            <span className="badge priority-tinggi">{studio('unsaved.badge')}</span>
          </>
        ) : savedAt && hasDraft ? (
          <> · {studio('unsaved.saved', { at: formatDateTime(savedAt, lang) })}</>
        ) : null}
      </p>
      <nav aria-label={t('sections')} className="rules-sections">
        <ul>
          {sections.map(([anchor, label]) => (
            <li key={anchor}>
              <a href={`#${anchor}`}>{t(label)}</a>
            </li>
          ))}
        </ul>
      </nav>

      <div className="rules-savebar">
        <button
          type="button"
          className="button button-primary"
          disabled={saving || !dirty}
          onClick={() => void save()}
        >
          {saving ? studio('saving') : studio('save')}
        </button>
        {message ? (
          <p className={message.ok ? 'notice' : 'alert alert-error'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </p>
        ) : null}
      </div>
      {conflict ? (
        <ConflictNotice
          conflict={conflict}
          theirContent={comparable(conflict.theirs as unknown as Record<string, unknown>)}
          mine={content}
          describePath={describePath}
          onReload={() => {
            const theirs = contentOf(conflict.theirs);
            setContent(theirs);
            setBaseline(JSON.stringify(theirs));
            setDraftVersion(conflict.theirs.version);
            setConflict(undefined);
          }}
          onOverwrite={(version) => void save(version)}
        />
      ) : null}
      {otherProblems.length > 0 ? (
        <section className="alert alert-error" aria-labelledby={`${ids}-problems`}>
          <h2 id={`${ids}-problems`}>{studio('errors.title')}</h2>
          <ul>
            {otherProblems.map((problem) => (
              <li key={`${problem.path}:${problem.message}`}>
                {problem.message}{' '}
                {problem.path
                  ? studio('errors.at', {
                      where: describePath(segmentsOf(problem.path)),
                    })
                  : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {warnings.length > 0 ? (
        <ul className="notice rules-warnings">
          {warnings.map((warning) => (
            <li key={`${warning.path}:${warning.message}`}>{warning.message}</li>
          ))}
        </ul>
      ) : null}

      <section className="panel rules-about" aria-labelledby={`${ids}-about`}>
        <h2 id={`${ids}-about`}>{t('section.about')}</h2>
        <div className="field">
          <label htmlFor={`${ids}-title`}>{t('about.title')}</label>
          <input
            id={`${ids}-title`}
            type="text"
            value={content.title}
            onChange={(event) => change({ ...content, title: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-description`}>{t('about.description')}</label>
          <textarea
            id={`${ids}-description`}
            rows={3}
            value={content.description ?? ''}
            onChange={(event) => change({ ...content, description: event.target.value })}
          />
        </div>
      </section>

      <section id="aturan" className="section" aria-labelledby={`${ids}-rules`}>
        <h2 id={`${ids}-rules`}>{t('section.rules')}</h2>
        {content.rules.map((rule, index) => (
          <RuleEditor
            // biome-ignore lint/suspicious/noArrayIndexKey: rules have no stable id; a removed rule re-keys those after it
            key={index}
            rule={rule}
            index={index}
            fields={fields}
            eventTypes={eventTypes}
            problems={problemsOfRule(index)}
            initiallyOpen={index >= initialRuleCount}
            onChange={(next) => setRule(index, next)}
            onRemove={() => change({ ...content, rules: content.rules.filter((_, i) => i !== index) })}
          />
        ))}
        <button
          type="button"
          className="button"
          onClick={() => {
            const first = factFields[0];
            const leaf = first
              ? {
                  fact: first.name,
                  operator: first.type === 'number' ? 'greaterThanInclusive' : 'equal',
                  value: first.type === 'number' ? 0 : first.type === 'boolean' ? true : '',
                }
              : { fact: 'today', operator: 'dateOnOrAfter', value: new Date().toISOString().slice(0, 10) };
            change({
              ...content,
              rules: [
                ...content.rules,
                {
                  name: t('rule.newName', { n: content.rules.length + 1 }),
                  conditions: { all: [leaf] },
                  event: { type: eventTypes[0] ?? 'keputusan' },
                },
              ],
            });
          }}
        >
          {t('rule.add')}
        </button>
      </section>

      <section id="uji" className="section" aria-labelledby={`${ids}-tests`}>
        <h2 id={`${ids}-tests`} ref={testsHeading} tabIndex={-1}>
          {t('section.tests')}
        </h2>
        <p className="hint">{t('tests.intro')}</p>
        <TestsTable
          tests={content.tests ?? []}
          rules={content.rules}
          factFields={factFields}
          results={results}
          onChange={(tests) => change({ ...content, tests })}
          onResults={setResults}
          run={{ rulesetId: id, draft: hasDraft, ...(blocked ? { blocked } : {}) }}
        />
      </section>

      <section id="simulasi" className="section" aria-labelledby={`${ids}-sim`}>
        <h2 id={`${ids}-sim`}>{t('section.simulator')}</h2>
        <p className="hint">{t('sim.intro')}</p>
        <Simulator
          rulesetId={id}
          rules={saved.rules}
          draft={hasDraft}
          {...(blocked ? { blocked } : {})}
          cases={cases.status === 'done' ? cases.data : cases.status === 'failed' ? [] : undefined}
          factFields={factFields}
          labelOf={(fact) => fields.find((field) => field.name === fact)?.label ?? fact}
        />
      </section>

      <section id="dampak" className="section" aria-labelledby={`${ids}-impact`}>
        <h2 id={`${ids}-impact`}>{t('section.impact')}</h2>
        <p className="hint">{t('impact.intro')}</p>
        <ImpactPanel
          rulesetId={id}
          rules={saved.rules}
          publishedRules={published?.rules ?? []}
          cases={cases.status === 'done' ? cases.data : undefined}
          {...(blocked
            ? { blocked }
            : !hasDraft
              ? { blocked: t('impact.noDraft') }
              : !published
                ? { blocked: t('impact.notPublished') }
                : {})}
        />
      </section>

      <section id="terbit" className="section" aria-labelledby={`${ids}-publish`}>
        <h2 id={`${ids}-publish`}>{t('section.publish')}</h2>
        <p className="hint">{t('publish.intro')}</p>
        <PublishPanel
          kind="rulesets"
          id={id}
          title={content.title}
          hasDraft={hasDraft}
          dirty={dirty}
          onPublished={() => {
            // The draft became the new version; the open cases it decides were decided again.
            setDraftVersion(undefined);
            setResults({});
            setMessage({ ok: true, text: t('publish.redecided') });
            void refreshPublished();
          }}
          onRefused={onRefused}
        />
      </section>

      <div id="riwayat" className="section">
        <VersionHistory
          kind="rulesets"
          id={id}
          {...(hasDraft ? { draft: saved as unknown as Record<string, unknown> } : {})}
          refreshKey={String(published?.version ?? 0)}
          onRolledBack={() => void refreshPublished()}
          describePath={describePath}
        />
      </div>

      <details className="section rules-json">
        <summary>{t('json.whole')}</summary>
        <JsonEditor
          label={t('json.wholeLabel', { title: content.title })}
          value={jsonText ?? wholeJson}
          problems={problems.map((problem) => ({ pointer: problem.path, message: problem.message }))}
          onChange={(text) => {
            setJsonText(text);
            try {
              const parsed = JSON.parse(text) as unknown;
              if (
                parsed &&
                typeof parsed === 'object' &&
                !Array.isArray(parsed) &&
                Array.isArray((parsed as RulesetContent).rules)
              )
                setContent(parsed as RulesetContent);
            } catch {
              // The editor marks the line; the ruleset keeps its last readable form.
            }
          }}
        />
      </details>
    </div>
  );
}
