/**
 * `/admin/formulir/:id`: one form's draft, edited in a visual outline or as JSON (the two views of
 * the same draft), with a live preview, saving against the draft's revision (a conflict is shown,
 * never overwritten silently), the server's problems at their fields and lines, publishing with a
 * note, and the version history with diffs and rollback.
 */
import { type KeyboardEvent, useCallback, useId, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { TRANSLATIONS_KEYWORD } from '../../../../../functions/validation/translations';
import { ApiError, type ErrorDetail, errorMessage } from '../../../shared/api-client';
import { formatDateTime, useTexts } from '../../../shared/i18n/language';
import { LoadError } from '../../../shared/load-error';
import { useAsync } from '../../../shared/use-async';
import { useDocumentTitle } from '../../../shared/use-document-title';
import type { FormValue } from '../../forms/validator';
import { ConflictNotice } from '../conflict-notice';
import { type DraftOf, getDraft, getPublished, saveDraft, type VersionOf } from '../content-api';
import type { DescribePath, PathSegment } from '../json-diff';
import { PublishPanel } from '../publish-panel';
import { studioTexts } from '../texts';
import { useUnsavedGuard } from '../use-unsaved-guard';
import { VersionHistory } from '../version-history';
import { describePlace } from './describe';
import { FormPreview } from './form-preview';
import { JsonPanel } from './json-panel';
import {
  applyOutline,
  type FormDoc,
  type NodePath,
  nodePathOf,
  type Outline,
  OutlineError,
  outlineOf,
  sameJson,
} from './outline';
import { type OutlineEdit, OutlineEditor, pathKey } from './outline-editor';
import { placeWords } from './place-words';
import { formsTexts } from './texts';
import { TranslationsPanel } from './translations-panel';
import './forms.css';

/** What a form's draft and versions hold besides their id, revision and title. */
interface FormBody {
  description: string;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
}
type Draft = DraftOf<FormBody>;
type Published = VersionOf<FormBody>;

const docOf = (item: { title: string } & FormBody): FormDoc => ({
  title: item.title,
  description: item.description ?? '',
  schema: item.schema ?? {},
  uiSchema: item.uiSchema ?? {},
});

const bodyOf = (doc: FormDoc) => ({
  title: doc.title,
  description: doc.description,
  schema: doc.schema,
  uiSchema: doc.uiSchema,
});

/** Resolves to undefined when the server answers 404. */
async function orNothing<T>(load: Promise<T>): Promise<T | undefined> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

export function FormEditorPage() {
  const { id = '' } = useParams();
  const { t } = useTexts(formsTexts);
  const state = useAsync(`studio-form:${id}`, async (signal) => {
    const [draft, published] = await Promise.all([
      orNothing(getDraft<FormBody>('forms', id, signal)),
      orNothing(getPublished<FormBody>('forms', id, signal)),
    ]);
    return { draft, published };
  });
  useDocumentTitle(t('editor.documentTitle'));

  return (
    <>
      <p className="back">
        <Link to="/admin/formulir">{t('editor.back')}</Link>
      </p>
      {state.status === 'loading' ? <p role="status">{t('loading')}</p> : null}
      {state.status === 'failed' ? <LoadError error={state.error} retry={state.retry} /> : null}
      {state.status === 'done' && !state.data.draft && !state.data.published ? (
        <>
          <h1 tabIndex={-1}>{t('editor.notFoundTitle')}</h1>
          <p className="alert alert-error">{t('editor.notFound')}</p>
        </>
      ) : null}
      {state.status === 'done' && (state.data.draft || state.data.published) ? (
        <FormEditor id={id} draft={state.data.draft} published={state.data.published} />
      ) : null}
    </>
  );
}

type Tab = 'outline' | 'json' | 'translations';
const EMPTY_OUTLINE: Outline = { children: [] };

/** A JSON Pointer as path segments (indices as numbers), for naming the place in words. */
const segmentsOf = (pointer: string): PathSegment[] =>
  pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));

function FormEditor({
  id,
  draft: loadedDraft,
  published: loadedPublished,
}: {
  id: string;
  draft: Draft | undefined;
  published: Published | undefined;
}) {
  const { t, lang } = useTexts(formsTexts);
  const studio = useTexts(studioTexts).t;
  const editorHeading = useId();
  const tabIds = useId();
  const errorsHeading = useId();

  const initial = useMemo(() => {
    const source = loadedDraft ?? loadedPublished;
    return source ? docOf(source) : undefined;
  }, [loadedDraft, loadedPublished]);
  /** The draft as the server has it (what a save is based on), or none. */
  const [saved, setSaved] = useState<{ doc: FormDoc | undefined; draft: Draft | undefined }>({
    doc: initial,
    draft: loadedDraft,
  });
  const [published, setPublished] = useState(loadedPublished);
  const [doc, setDoc] = useState<FormDoc>(
    () => initial ?? docOf({ title: id, description: '', schema: {}, uiSchema: {} }),
  );
  const [broken, setBroken] = useState({ schema: false, uiSchema: false });
  const [problems, setProblems] = useState<readonly ErrorDetail[]>([]);
  const [failure, setFailure] = useState<string>();
  const [conflict, setConflict] = useState<{ theirs: Draft }>();
  const [saving, setSaving] = useState(false);
  const [tab, setTab] = useState<Tab>('outline');
  const [selected, setSelected] = useState<NodePath>();
  /** A problem to show in the JSON (one the outline has no entry for). */
  const [revealPointer, setRevealPointer] = useState<string>();
  const [historyKey, setHistoryKey] = useState(0);
  const errorsRef = useRef<HTMLElement>(null);

  // Read only while the outline is on show (typing in the JSON replaces every object of the draft).
  const outline = useMemo(() => (tab === 'outline' ? outlineOf(doc) : EMPTY_OUTLINE), [doc, tab]);
  const isBroken = broken.schema || broken.uiSchema;
  const dirty = useMemo(
    () => isBroken || !saved.doc || !sameJson(bodyOf(doc), bodyOf(saved.doc)),
    [doc, saved.doc, isBroken],
  );
  useUnsavedGuard(dirty);
  useDocumentTitle(doc.title || id);

  // One function for the editor's life (the outline's entries are memoized), always on the latest draft.
  const latest = useRef(doc);
  latest.current = doc;
  const onEdit = useCallback<OutlineEdit>((change, select) => {
    const current = latest.current;
    let next: Outline;
    try {
      next = change(outlineOf(current));
    } catch (error) {
      if (error instanceof OutlineError) return error.problem;
      throw error;
    }
    const edited = applyOutline(current, next);
    latest.current = edited;
    setDoc(edited);
    if (select !== undefined) setSelected(select ?? undefined);
    return undefined;
  }, []);

  const onJson = useCallback((part: 'schema' | 'uiSchema', value: Record<string, unknown>) => {
    setDoc((current) => ({ ...current, [part]: value }));
  }, []);
  const onTranslations = useCallback((schema: Record<string, unknown>) => {
    setDoc((current) => ({ ...current, schema }));
  }, []);
  const onBroken = useCallback((part: 'schema' | 'uiSchema', value: boolean) => {
    setBroken((current) => (current[part] === value ? current : { ...current, [part]: value }));
  }, []);

  const words = placeWords(t);
  const describe: DescribePath = (path, documents) =>
    describePlace(path, [documents.after, documents.before], words);
  const describeProblem = (pointer: string) => describePlace(segmentsOf(pointer), [bodyOf(doc)], words);

  // Placed when the server answers (on the outline of then), so an edit does not redraw every entry.
  const problemsAtNodes = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const problem of problems) {
      const path = nodePathOf(outlineOf(latest.current), problem.path);
      if (!path || path.length === 0) continue;
      const key = pathKey(path);
      map.set(key, [...(map.get(key) ?? []), problem.message]);
    }
    return map;
  }, [problems]);

  const save = async (basedOn = saved.draft?.version ?? 0) => {
    if (isBroken) {
      setFailure(t('save.broken'));
      return;
    }
    setSaving(true);
    setFailure(undefined);
    const sent = doc;
    try {
      const draft = await saveDraft<FormBody>('forms', id, bodyOf(sent), basedOn);
      setSaved({ doc: sent, draft });
      setProblems([]);
      setConflict(undefined);
      setHistoryKey((n) => n + 1);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        await showConflict();
      } else if (error instanceof ApiError && error.details.length > 0) {
        setProblems(error.details);
        setFailure(error.message);
        requestAnimationFrame(() => errorsRef.current?.focus());
      } else {
        setFailure(errorMessage(error));
      }
    } finally {
      setSaving(false);
    }
  };

  const showConflict = async () => {
    try {
      const theirs = await orNothing(getDraft<FormBody>('forms', id));
      if (theirs) {
        setConflict({ theirs });
        return;
      }
      // Their change was a publish, which consumed the draft: compare with what was published.
      const latest = await getPublished<FormBody>('forms', id);
      setPublished(latest);
      setConflict({
        theirs: {
          ...latest,
          version: 0,
          updatedAt: latest.publishedAt,
          updatedBy: latest.publishedBy,
        },
      });
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };

  const loadTheirs = (theirs: Draft) => {
    const next = docOf(theirs);
    setDoc(next);
    setSaved({ doc: next, draft: theirs.version > 0 ? theirs : undefined });
    setConflict(undefined);
    setProblems([]);
    setFailure(undefined);
  };

  const refreshPublished = async () => {
    try {
      const latest = await getPublished<FormBody>('forms', id);
      setPublished(latest);
      return latest;
    } catch (error) {
      setFailure(errorMessage(error));
      return undefined;
    }
  };

  const showProblem = (problem: ErrorDetail) => {
    const path = nodePathOf(outlineOf(latest.current), problem.path);
    if (problem.path.startsWith(`/schema/${TRANSLATIONS_KEYWORD}/`)) {
      switchTab('translations');
    } else if (path && path.length > 0) {
      if (!switchTab('outline')) return;
      setSelected(path);
      requestAnimationFrame(() =>
        [...document.querySelectorAll<HTMLElement>('[data-node]')]
          .find((element) => element.dataset.node === pathKey(path))
          ?.querySelector<HTMLElement>('[data-focus="node"]')
          ?.focus(),
      );
    } else if (switchTab('json')) {
      setRevealPointer(problem.path);
    }
  };

  const onUseAsExample = (data: FormValue) =>
    setDoc((current) => ({ ...current, schema: { ...current.schema, examples: [data] } }));

  const tabs: { id: Tab; label: string }[] = [
    { id: 'outline', label: t('tab.outline') },
    { id: 'json', label: t('tab.json') },
    { id: 'translations', label: t('tab.translations') },
  ];
  /** Leaving the JSON with text that does not parse drops that text (after asking). */
  const switchTab = (next: Tab): boolean => {
    if (next === tab) return true;
    if (tab === 'json' && isBroken && !window.confirm(t('tab.leaveBroken'))) return false;
    setBroken({ schema: false, uiSchema: false });
    setTab(next);
    setRevealPointer(undefined);
    return true;
  };
  const onTabKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const at = tabs.findIndex((item) => item.id === tab);
    const step = event.key === 'ArrowRight' ? 1 : tabs.length - 1;
    const next = tabs[(at + step) % tabs.length]?.id ?? 'outline';
    if (switchTab(next)) document.getElementById(`${tabIds}-${next}`)?.focus();
  };

  return (
    <article className="studio-form-editor">
      <header className="studio-editor-header">
        <h1 tabIndex={-1}>{doc.title || id}</h1>
        <p className="meta">
          {t('editor.id', { id })} ·{' '}
          {published
            ? studio('status.published', { version: published.version })
            : studio('status.neverPublished')}{' '}
          · {saved.draft ? studio('status.draft') : studio('status.noDraft')}
        </p>
        <div className="studio-savebar">
          <p className="studio-save-state" role="status">
            {dirty ? (
              <span className="badge studio-badge-unsaved">{studio('unsaved.badge')}</span>
            ) : saved.draft ? (
              studio('unsaved.saved', { at: formatDateTime(saved.draft.updatedAt, lang) })
            ) : null}
          </p>
          <button
            type="button"
            className="button button-primary"
            onClick={() => void save()}
            disabled={saving || !dirty}
            aria-busy={saving}
          >
            {saving ? studio('saving') : studio('save')}
          </button>
        </div>
      </header>

      {failure ? (
        <section
          className="panel panel-alert studio-save-errors"
          role="alert"
          aria-labelledby={errorsHeading}
          tabIndex={-1}
          ref={errorsRef}
        >
          <h2 id={errorsHeading}>{studio('errors.title')}</h2>
          <p>{failure}</p>
          {problems.length > 0 ? (
            <ul>
              {problems.map((problem) => (
                <li key={`${problem.path}:${problem.message}`}>
                  <button type="button" className="button-link" onClick={() => showProblem(problem)}>
                    {describeProblem(problem.path)}
                  </button>
                  : {problem.message}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}

      {conflict ? (
        <ConflictNotice
          conflict={conflict}
          theirContent={bodyOf(docOf(conflict.theirs))}
          mine={bodyOf(doc)}
          describePath={describe}
          onReload={() => loadTheirs(conflict.theirs)}
          onOverwrite={(version) => void save(version)}
        />
      ) : null}

      <div className="studio-form-meta">
        <div className="field">
          <label htmlFor={`${editorHeading}-title`}>{t('editor.formTitle')}</label>
          <input
            id={`${editorHeading}-title`}
            value={doc.title}
            maxLength={200}
            onChange={(event) => setDoc((current) => ({ ...current, title: event.target.value }))}
          />
        </div>
        <div className="field">
          <label htmlFor={`${editorHeading}-description`}>{t('editor.formDescription')}</label>
          <textarea
            id={`${editorHeading}-description`}
            rows={3}
            maxLength={4000}
            value={doc.description}
            onChange={(event) => setDoc((current) => ({ ...current, description: event.target.value }))}
          />
        </div>
      </div>

      <div className="studio-forms-workspace">
        <section className="studio-form-content" aria-labelledby={editorHeading}>
          <h2 id={editorHeading}>{t('editor.content')}</h2>
          <div className="studio-tabs" role="tablist" aria-label={t('tab.label')}>
            {tabs.map((item) => (
              <button
                key={item.id}
                type="button"
                role="tab"
                id={`${tabIds}-${item.id}`}
                aria-selected={tab === item.id}
                aria-controls={`${tabIds}-${item.id}-panel`}
                tabIndex={tab === item.id ? 0 : -1}
                onClick={() => switchTab(item.id)}
                onKeyDown={onTabKey}
              >
                {item.label}
              </button>
            ))}
          </div>
          <div
            role="tabpanel"
            id={`${tabIds}-${tab}-panel`}
            aria-labelledby={`${tabIds}-${tab}`}
            className="studio-tabpanel"
          >
            {tab === 'outline' ? (
              <>
                <p className="hint">{t('outline.intro')}</p>
                <OutlineEditor
                  outline={outline}
                  selected={selected}
                  onSelect={setSelected}
                  onEdit={onEdit}
                  problems={problemsAtNodes}
                />
              </>
            ) : tab === 'translations' ? (
              <TranslationsPanel doc={doc} onChange={onTranslations} />
            ) : (
              <JsonPanel
                doc={doc}
                onChange={onJson}
                onBroken={onBroken}
                problems={problems}
                {...(revealPointer !== undefined
                  ? { reveal: { pointer: revealPointer } }
                  : selected
                    ? { reveal: { path: selected } }
                    : {})}
              />
            )}
          </div>
        </section>
        <FormPreview formId={id} doc={doc} onUseAsExample={onUseAsExample} showing={selected?.[0]} />
      </div>

      <section className="studio-section" aria-labelledby={`${editorHeading}-publish`}>
        <h2 id={`${editorHeading}-publish`}>{studio('publish.title')}</h2>
        <PublishPanel
          kind="forms"
          id={id}
          title={doc.title}
          hasDraft={saved.draft !== undefined}
          dirty={dirty}
          onPublished={() => {
            setSaved((current) => ({ doc: current.doc, draft: undefined }));
            setHistoryKey((n) => n + 1);
            void refreshPublished();
          }}
        />
      </section>

      <VersionHistory
        kind="forms"
        id={id}
        {...(saved.draft ? { draft: saved.draft as unknown as Record<string, unknown> } : {})}
        refreshKey={String(historyKey)}
        describePath={describe}
        onRolledBack={async () => {
          const latest = await refreshPublished();
          // With no draft and nothing unsaved, the editor shows what is published now.
          if (latest && !saved.draft && !dirty) {
            const next = docOf(latest);
            setDoc(next);
            setSaved({ doc: next, draft: undefined });
          }
        }}
      />
    </article>
  );
}
