/**
 * `/admin/jenis-kasus/:id`: one case type. Its process (the diagram, stage by stage in words, when
 * rulesets run, how a case closes), the wiring of its facts, editing (common changes without JSON, and
 * the JSON itself), the impact of the draft on open cases with publishing, and the version history.
 * What is shown is the draft when there is one (with unsaved edits), else the published version.
 */

import { useCallback, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, errorMessage } from '../../../shared/api-client';
import { formatDateTime, useTexts } from '../../../shared/i18n/language';
import { LoadError } from '../../../shared/load-error';
import { useAsync } from '../../../shared/use-async';
import { useDocumentTitle } from '../../../shared/use-document-title';
import { usePersonNamer } from '../../people/names';
import { type Conflict, ConflictNotice } from '../conflict-notice';
import { type DraftOf, getDraft, getPublished, saveDraft, type VersionOf } from '../content-api';
import { JSON_CHECK_SCHEMAS } from '../json-check-schemas';
import { JSON_CHECKS } from '../json-checks';
import type { PathSegment } from '../json-diff';
import { JsonEditor, type PointerProblem } from '../json-editor';
import { PublishPanel } from '../publish-panel';
import { studioTexts } from '../texts';
import { useUnsavedGuard } from '../use-unsaved-guard';
import { comparable, VersionHistory } from '../version-history';
import {
  type CaseTypeContent,
  type CaseTypeDocument,
  type FormDocument,
  listOffices,
  type OfficeSummary,
  publishedForms,
  publishedRulesets,
  type RulesetDocument,
} from './api';
import { describeCaseTypePath, pointerSegments } from './describe';
import { fieldTitles } from './form-fields';
import { ImpactPanel } from './impact-panel';
import { ProcessDiagram } from './process-diagram';
import { ProcessOverview } from './process-overview';
import { namesFor, selectRulesets } from './process-words';
import { StructuredEdit } from './structured-edit';
import { Tabs } from './tabs';
import { type ProcessKey, processTexts } from './texts';
import { connectFact } from './wiring-model';
import { type ConnectRequest, WiringView } from './wiring-view';
import './process.css';

type Tab = 'process' | 'wiring' | 'edit' | 'publish' | 'history';
const TABS: readonly Tab[] = ['process', 'wiring', 'edit', 'publish', 'history'];

/** A new case type starts with an opening stage, the closing one and the move between them. */
const NEW_TYPE: CaseTypeDocument = {
  title: '',
  description: '',
  stages: [
    { id: 'intake', title: 'Identifikasi' },
    { id: 'terminated', title: 'Terminasi' },
  ],
  moves: [{ from: 'intake', to: 'terminated' }],
};

const format = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const notFound = (error: unknown) => error instanceof ApiError && error.status === 404;

interface Loaded {
  draft?: DraftOf<CaseTypeContent>;
  published?: VersionOf<CaseTypeContent>;
  forms: Map<string, FormDocument>;
  rulesets: Map<string, RulesetDocument>;
  offices: OfficeSummary[];
}

async function load(id: string, signal: AbortSignal): Promise<Loaded> {
  const orNothing = <T,>(promise: Promise<T>) =>
    promise.catch((error: unknown) => {
      if (notFound(error)) return undefined;
      throw error;
    });
  const [draft, published, forms, rulesets, offices] = await Promise.all([
    orNothing(getDraft<CaseTypeContent>('case-types', id, signal)),
    orNothing(getPublished<CaseTypeContent>('case-types', id, signal)),
    publishedForms(signal),
    publishedRulesets(signal),
    listOffices(signal).catch(() => []),
  ]);
  return {
    ...(draft ? { draft } : {}),
    ...(published ? { published } : {}),
    forms,
    rulesets,
    offices,
  };
}

export function CaseTypePage() {
  const { id = '' } = useParams();
  const { t } = useTexts(processTexts);
  const [reload, setReload] = useState(0);
  const [tab, setTab] = useState<Tab>('process');
  const [notice, setNotice] = useState<string>();
  const data = useAsync(`case-type/${id}/${reload}`, (signal) => load(id, signal));

  if (data.status === 'loading') return <p role="status">{t('loading')}</p>;
  if (data.status === 'failed') return <LoadError error={data.error} retry={data.retry} />;
  return (
    <Editor
      key={reload}
      id={id}
      loaded={data.data}
      tab={tab}
      onTab={setTab}
      notice={notice}
      onReload={(message) => {
        setNotice(message);
        setReload((n) => n + 1);
      }}
    />
  );
}

type Parsed = { ok: true; document: CaseTypeDocument } | { ok: false; message: string };

function parse(text: string): Parsed {
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: 'object' };
    const document = value as CaseTypeDocument;
    if (!Array.isArray(document.stages) || !Array.isArray(document.moves))
      return { ok: false, message: 'stages, moves' };
    return { ok: true, document };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function Editor({
  id,
  loaded,
  tab,
  onTab,
  notice,
  onReload,
}: {
  id: string;
  loaded: Loaded;
  tab: Tab;
  onTab: (tab: Tab) => void;
  notice: string | undefined;
  onReload: (message?: string) => void;
}) {
  const { t, lang } = useTexts(processTexts);
  const personName = usePersonNamer(null);
  const studio = useTexts(studioTexts).t;
  const { forms, rulesets, offices, published } = loaded;
  const initial = loaded.draft ?? loaded.published;
  const [draft, setDraft] = useState(loaded.draft);
  const [savedText, setSavedText] = useState(() =>
    format(initial ? comparable(initial as unknown as Record<string, unknown>) : { ...NEW_TYPE, title: id }),
  );
  const [text, setText] = useState(savedText);
  const [problems, setProblems] = useState<PointerProblem[]>([]);
  const [failure, setFailure] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string>();
  const [conflict, setConflict] = useState<Conflict<CaseTypeContent>>();
  const [lastGood, setLastGood] = useState<CaseTypeDocument>(
    () => (parse(savedText) as { document: CaseTypeDocument }).document,
  );

  const parsed = useMemo(() => parse(text), [text]);
  const document = parsed.ok ? parsed.document : lastGood;
  const dirty = text !== savedText;
  useUnsavedGuard(dirty);
  useDocumentTitle(document.title || id);

  const edit = useCallback((next: CaseTypeDocument) => {
    const formatted = format(next);
    setText(formatted);
    setLastGood(next);
    setSaved(undefined);
  }, []);

  const onText = (next: string) => {
    setText(next);
    setSaved(undefined);
    const result = parse(next);
    if (result.ok) setLastGood(result.document);
  };

  const field = useCallback(
    (form: string, pointer: string) => {
      const schema = forms.get(form)?.schema;
      return schema ? fieldTitles(schema, pointer).join(' › ') : pointer;
    },
    [forms],
  );
  const names = useMemo(() => namesFor(document, forms, rulesets, field), [document, forms, rulesets, field]);
  const gateTitles = useMemo(
    () =>
      document.termination?.rulesets
        ? selectRulesets(document.termination.rulesets, id, rulesets).map(names.ruleset)
        : [],
    [document, id, rulesets, names],
  );
  const describe = useCallback(
    (path: PathSegment[]) =>
      describeCaseTypePath(document, path, t, (form) => forms.get(form)?.title ?? form),
    [document, t, forms],
  );
  const officeName = (office: string) => offices.find((o) => o.id === office)?.name ?? office;
  const stageTitle = (stage: string) =>
    document.stages.find((s) => s.id === stage)?.title ??
    published?.stages.find((s) => s.id === stage)?.title ??
    stage;

  const save = async (basedOn?: number) => {
    if (!parsed.ok) return;
    setSaving(true);
    setFailure(undefined);
    setProblems([]);
    try {
      const result = await saveDraft<CaseTypeContent>('case-types', id, parsed.document, basedOn);
      const formatted = format(comparable(result as unknown as Record<string, unknown>));
      setDraft(result);
      setSavedText(formatted);
      setText(formatted);
      setConflict(undefined);
      setSaved(studio('unsaved.saved', { at: formatDateTime(result.updatedAt, lang) }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        try {
          const theirs = await getDraft<CaseTypeContent>('case-types', id);
          setConflict({ theirs });
        } catch (reread) {
          setFailure(errorMessage(reread));
        }
      } else {
        showRefusal(error);
      }
    } finally {
      setSaving(false);
    }
  };

  /** A 4xx refusal with details: each on its line in the editor, and listed in words. */
  function showRefusal(error: unknown): boolean {
    setFailure(errorMessage(error));
    if (error instanceof ApiError && error.details.length > 0)
      setProblems(
        error.details.map((detail) => {
          const extra = detail as { stage?: unknown; test?: unknown };
          const message =
            typeof extra.stage === 'string'
              ? t('publish.stageInUse', { stage: stageTitle(extra.stage) })
              : typeof extra.test === 'string'
                ? t('publish.testFailed', { test: extra.test })
                : detail.message;
          return { pointer: detail.path, message };
        }),
      );
    return true;
  }

  const connect = (request: ConnectRequest) => {
    edit(connectFact(document, request.fact, request.form, request.pointer));
  };

  const status = [
    published ? studio('status.published', { version: published.version }) : studio('status.neverPublished'),
    draft ? studio('status.draft') : studio('status.noDraft'),
  ].join(' · ');
  const showing = dirty
    ? t('showing.unsaved')
    : draft
      ? t('showing.draft', { at: formatDateTime(draft.updatedAt, lang), who: personName(draft.updatedBy) })
      : published
        ? t('showing.published', { version: published.version })
        : t('showing.new');

  return (
    <div className="case-type-page">
      <h1 tabIndex={-1}>{document.title || id}</h1>
      <p className="meta">
        {status}. {showing}
      </p>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}

      <div className="studio-savebar">
        {dirty ? <span className="badge">{studio('unsaved.badge')}</span> : null}
        {saved ? <span role="status">{saved}</span> : null}
        <button
          type="button"
          className="button button-primary"
          disabled={!dirty || saving || !parsed.ok}
          onClick={() => void save(draft?.version)}
        >
          {saving ? studio('saving') : studio('save')}
        </button>
        {!parsed.ok ? (
          <p className="alert alert-error" role="alert">
            {t('json.invalid', { message: parsed.message })}
          </p>
        ) : null}
      </div>
      {failure ? (
        <div className="alert alert-error" role="alert">
          <p>{failure}</p>
          {problems.length > 0 ? (
            <ul>
              {problems.map((problem, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the server's list, shown as it came
                <li key={i}>
                  {studio('errors.at', { where: describe(pointerSegments(problem.pointer)) })}:{' '}
                  {problem.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {conflict ? (
        <ConflictNotice
          conflict={conflict}
          theirContent={comparable(conflict.theirs as unknown as Record<string, unknown>)}
          mine={document}
          describePath={describe}
          onReload={() => {
            const formatted = format(comparable(conflict.theirs as unknown as Record<string, unknown>));
            setDraft(conflict.theirs as DraftOf<CaseTypeContent>);
            setSavedText(formatted);
            setText(formatted);
            setConflict(undefined);
          }}
          onOverwrite={(version) => void save(version)}
        />
      ) : null}

      <Tabs
        label={t('tabs.label')}
        tabs={TABS.map((key) => ({ key, label: t(`tabs.${key}` as ProcessKey) }))}
        current={tab}
        onSelect={onTab}
      >
        {tab === 'process' ? (
          <>
            <ProcessDiagram content={document} names={names} gateTitles={gateTitles} />
            <ProcessOverview id={id} content={document} names={names} rulesets={rulesets} />
          </>
        ) : null}
        {tab === 'wiring' ? (
          published ? (
            <WiringView
              id={id}
              refreshKey={String(published.version)}
              edited={document}
              published={published}
              names={names}
              rulesets={rulesets}
              forms={forms}
              onConnect={connect}
            />
          ) : (
            <p>{t('wiring.notPublished')}</p>
          )
        ) : null}
        {tab === 'edit' ? (
          <>
            <h2>{t('edit.title')}</h2>
            <p>{t('edit.intro')}</p>
            {parsed.ok ? (
              <StructuredEdit document={document} forms={forms} onChange={edit} />
            ) : (
              <p className="alert alert-error">{t('edit.fixJsonFirst')}</p>
            )}
            <h2>{t('edit.json')}</h2>
            <JsonEditor
              value={text}
              onChange={onText}
              label={studio('json.label', { what: document.title || id })}
              schema={JSON_CHECK_SCHEMAS.caseType}
              check={JSON_CHECKS.caseType}
              problems={problems}
            />
          </>
        ) : null}
        {tab === 'publish' ? (
          <>
            {published ? (
              <ImpactPanel
                id={id}
                edited={document}
                canRun={Boolean(draft) && !dirty}
                rulesetTitle={names.ruleset}
                stageTitle={stageTitle}
                officeName={officeName}
              />
            ) : null}
            <h2>{studio('publish.title')}</h2>
            <PublishPanel
              kind="case-types"
              id={id}
              title={document.title || id}
              hasDraft={Boolean(draft)}
              dirty={dirty}
              onPublished={(version) => onReload(studio('publish.done', { version }))}
              onRefused={showRefusal}
            />
          </>
        ) : null}
        {tab === 'history' ? (
          <VersionHistory
            kind="case-types"
            id={id}
            {...(draft ? { draft: draft as unknown as Record<string, unknown> } : {})}
            refreshKey={String(published?.version ?? 0)}
            describePath={describe}
            onRolledBack={(version) => onReload(t('history.rolledBack', { version }))}
          />
        ) : null}
      </Tabs>
    </div>
  );
}
