/**
 * The visual outline: the form's sections and fields as nested lists, each entry a button that opens
 * its settings right below it (so on a phone the settings are where the entry is). Every change goes
 * through `onEdit` as an edit of the outline (see `outline.ts`); a refused one (a key taken, nothing
 * to move into) is said next to the control. Problems the server found are shown at their entry.
 */
import { type FormEvent, memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTexts } from '../../../shared/i18n/language';
import {
  addNode,
  type ChoiceOption,
  FIELD_TYPES,
  type FieldType,
  freeKey,
  keyFromTitle,
  moveIntoSection,
  moveNode,
  moveOutOfSection,
  type NodePath,
  type NodeValues,
  newNode,
  type Outline,
  type OutlineNode,
  type OutlineProblem,
  removeNode,
  renameNode,
  updateNode,
} from './outline';
import { type FormsKey, formsTexts } from './texts';

/** Applies an edit; `select` opens that entry (null: none, absent: as it is). Answers why it was refused. */
export type OutlineEdit = (
  change: (outline: Outline) => Outline,
  select?: NodePath | null,
) => OutlineProblem | undefined;

/** The key of a path in maps and in the DOM. */
export const pathKey = (path: NodePath) => JSON.stringify(path);

/** What every entry needs from the editor; one object for the editor's life (entries are memoized). */
interface EditorContext {
  onSelect: (path: NodePath | undefined) => void;
  onEdit: OutlineEdit;
  /** Asks for the control `target` of the entry at `path` to take the focus after the next render. */
  focusLater: (path: NodePath, target: string) => void;
}

const NO_PROBLEMS: readonly string[] = [];

const KIND_KEY: Record<OutlineNode['kind'], FormsKey> = {
  text: 'kind.text',
  longText: 'kind.longText',
  number: 'kind.number',
  integer: 'kind.integer',
  date: 'kind.date',
  yesNo: 'kind.yesNo',
  choice: 'kind.choice',
  section: 'kind.section',
  list: 'kind.list',
  other: 'kind.other',
  conditional: 'kind.conditional',
};

const PROBLEM_KEY: Record<OutlineProblem, FormsKey> = {
  badKey: 'problem.badKey',
  keyTaken: 'problem.keyTaken',
  noSection: 'problem.noSection',
  notMovable: 'problem.notMovable',
  notFound: 'problem.notFound',
};

/**
 * The outline. `onSelect` and `onEdit` must keep their identity (the entries are memoized and redrawn
 * only when their own part of the outline changes, so typing in a field's title stays quick on a long
 * form); `problems` are the server's messages by entry (`pathKey`).
 */
export function OutlineEditor({
  outline,
  selected,
  onSelect,
  onEdit,
  problems,
}: {
  outline: Outline;
  selected: NodePath | undefined;
  onSelect: (path: NodePath | undefined) => void;
  onEdit: OutlineEdit;
  problems: ReadonlyMap<string, readonly string[]>;
}) {
  const { t } = useTexts(formsTexts);
  const root = useRef<HTMLDivElement>(null);
  const pending = useRef<{ path: string; target: string }>(undefined);
  useEffect(() => {
    const request = pending.current;
    if (!request) return;
    pending.current = undefined;
    const item = [...(root.current?.querySelectorAll<HTMLElement>('[data-node]') ?? [])].find(
      (element) => element.dataset.node === request.path,
    );
    const control =
      request.path === pathKey([])
        ? root.current?.querySelector<HTMLElement>(`[data-focus="${request.target}"]`)
        : item?.querySelector<HTMLElement>(`[data-focus="${request.target}"]`);
    control?.focus();
  });
  const context = useMemo(
    (): EditorContext => ({
      onSelect,
      onEdit,
      focusLater: (path, target) => {
        pending.current = { path: pathKey(path), target };
      },
    }),
    [onSelect, onEdit],
  );
  const selectedKey = selected ? pathKey(selected) : undefined;
  const [everything, setEverything] = useState(false);
  return (
    <div className="studio-outline" ref={root}>
      {outline.children.length === 0 ? (
        <p className="hint">{t('outline.empty')}</p>
      ) : (
        <button
          type="button"
          className="button button-small"
          aria-pressed={everything}
          onClick={() => setEverything((on) => !on)}
        >
          {t('outline.everything')}
        </button>
      )}
      <ul className="studio-outline-list">
        {outline.children.map((node) => (
          <OutlineItem
            key={node.key}
            node={node}
            path={[node.key]}
            siblings={outline.children}
            selected={selectedKey}
            everything={everything}
            problems={problems}
            context={context}
          />
        ))}
      </ul>
      <AddNodeForm parent={[]} siblings={outline.children} context={context} />
    </div>
  );
}

interface ItemProps {
  node: OutlineNode;
  path: string[];
  /** The entries beside it (itself included), in order. */
  siblings: readonly OutlineNode[];
  selected: string | undefined;
  /** Every section unfolded. */
  everything: boolean;
  problems: ReadonlyMap<string, readonly string[]>;
  context: EditorContext;
}

const OutlineItem = memo(
  function OutlineItem({
    node,
    path,
    siblings,
    selected,
    everything,
    problems: allProblems,
    context,
  }: ItemProps) {
    const { t } = useTexts(formsTexts);
    const panelId = useId();
    const problemsId = useId();
    const listId = useId();
    const key = pathKey(path);
    const open = selected === key;
    const problems = allProblems.get(key) ?? NO_PROBLEMS;
    // A section shows its entries when it is open, when something inside it is, when one of them has
    // a problem, or when everything is shown.
    const inside = `${key.slice(0, -1)},`;
    const section = node.kind === 'section';
    const unfolded =
      section &&
      (everything ||
        open ||
        selected?.startsWith(inside) === true ||
        [...allProblems.keys()].some((problemKey) => problemKey.startsWith(inside)));
    return (
      <li className={`studio-outline-item studio-outline-is-${node.kind}`} data-node={key}>
        <button
          type="button"
          className="studio-outline-node"
          aria-expanded={open || unfolded}
          aria-controls={open ? panelId : unfolded ? listId : undefined}
          aria-describedby={problems.length > 0 ? problemsId : undefined}
          data-focus="node"
          onClick={() => context.onSelect(open ? undefined : path)}
        >
          <span className="studio-outline-title">{node.title || node.key}</span>{' '}
          <span className="studio-outline-kind">
            {section ? t('kind.sectionOf', { count: node.children.length }) : t(KIND_KEY[node.kind])}
          </span>
          {node.required ? <span className="badge">{t('badge.required')}</span> : null}
          {node.sensitive ? <span className="badge">{t('badge.sensitive')}</span> : null}
          {node.calculate !== undefined ? <span className="badge">{t('badge.calculated')}</span> : null}
          {problems.length > 0 ? (
            <span className="badge studio-badge-problem">
              {t('badge.problems', { count: problems.length })}
            </span>
          ) : null}
        </button>
        {problems.length > 0 ? (
          <ul className="studio-outline-problems" id={problemsId}>
            {problems.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : null}
        {open ? (
          <NodePanel id={panelId} node={node} path={path} siblings={siblings} context={context} />
        ) : null}
        {unfolded && node.children.length > 0 ? (
          <ul className="studio-outline-list" id={listId}>
            {node.children.map((child) => (
              <OutlineItem
                key={child.key}
                node={child}
                path={[...path, child.key]}
                siblings={node.children}
                selected={selected}
                everything={everything}
                problems={allProblems}
                context={context}
              />
            ))}
          </ul>
        ) : null}
      </li>
    );
  },
  (a, b) =>
    a.node === b.node &&
    pathKey(a.path) === pathKey(b.path) &&
    a.siblings === b.siblings &&
    a.selected === b.selected &&
    a.everything === b.everything &&
    a.problems === b.problems &&
    a.context === b.context,
);

const EDITABLE_VALUES: readonly OutlineNode['kind'][] = [...FIELD_TYPES, 'section', 'list', 'other'];

function NodePanel({
  id,
  node,
  path,
  siblings,
  context,
}: {
  id: string;
  node: OutlineNode;
  path: string[];
  siblings: readonly OutlineNode[];
  context: EditorContext;
}) {
  const { t } = useTexts(formsTexts);
  const field = useId();
  const [refusal, setRefusal] = useState<string>();
  const editable = EDITABLE_VALUES.includes(node.kind);
  const index = siblings.findIndex((sibling) => sibling.key === node.key);
  const previous = siblings[index - 1];

  const edit = (
    change: (outline: Outline) => Outline,
    select?: NodePath | null,
    focus?: [NodePath, string],
  ) => {
    if (focus) context.focusLater(...focus);
    const problem = context.onEdit(change, select);
    setRefusal(problem ? t(PROBLEM_KEY[problem]) : undefined);
  };
  const set = (patch: Partial<NodeValues>) => edit((outline) => updateNode(outline, path, patch));
  const textOrNothing = (value: string) => (value === '' ? undefined : value);

  const move = (change: (outline: Outline) => Outline, to: NodePath, target: string) =>
    edit(change, to, [to, target]);
  const parent = path.slice(0, -1);

  return (
    <fieldset id={id} className="studio-node-panel">
      <legend className="sr-only">{t('panel.label', { title: node.title || node.key })}</legend>
      {refusal ? (
        <p className="alert alert-error" role="alert">
          {refusal}
        </p>
      ) : null}
      {node.kind === 'conditional' ? (
        <p className="hint">{node.key === '*' ? t('panel.rest') : t('panel.conditional')}</p>
      ) : (
        <KeyForm node={node} path={path} edit={edit} />
      )}
      {editable ? (
        <>
          <div className="field">
            <label htmlFor={`${field}-title`}>{t('field.title')}</label>
            <input
              id={`${field}-title`}
              data-focus="title"
              value={node.title ?? ''}
              onChange={(event) => set({ title: textOrNothing(event.target.value) })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${field}-description`}>{t('field.description')}</label>
            <textarea
              id={`${field}-description`}
              rows={2}
              value={node.description ?? ''}
              onChange={(event) => set({ description: textOrNothing(event.target.value) })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${field}-help`}>{t('field.help')}</label>
            <textarea
              id={`${field}-help`}
              rows={2}
              value={node.help ?? ''}
              onChange={(event) => set({ help: textOrNothing(event.target.value) })}
            />
            <p className="hint">{t('field.helpHint')}</p>
          </div>
          {(FIELD_TYPES as readonly string[]).includes(node.kind) ? (
            <div className="field">
              <label htmlFor={`${field}-kind`}>{t('field.kind')}</label>
              <select
                id={`${field}-kind`}
                value={node.kind}
                onChange={(event) => set({ kind: event.target.value as FieldType })}
              >
                {FIELD_TYPES.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(KIND_KEY[kind])}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p className="hint">{t(node.kind === 'section' ? 'panel.section' : 'panel.jsonOnly')}</p>
          )}
          <div className="field field-check">
            <input
              id={`${field}-required`}
              type="checkbox"
              checked={node.required}
              onChange={(event) => set({ required: event.target.checked })}
            />
            <label htmlFor={`${field}-required`}>{t('field.required')}</label>
          </div>
          {node.kind === 'choice' ? (
            <OptionsEditor options={node.options ?? []} onChange={(options) => set({ options })} />
          ) : null}
          {node.kind === 'number' || node.kind === 'integer' ? (
            <div className="field-row">
              <NumberField
                label={t('field.minimum')}
                value={node.minimum}
                onChange={(minimum) => set({ minimum })}
              />
              <NumberField
                label={t('field.maximum')}
                value={node.maximum}
                onChange={(maximum) => set({ maximum })}
              />
            </div>
          ) : null}
          {node.kind === 'text' || node.kind === 'longText' ? (
            <div className="field-row">
              <NumberField
                label={t('field.minLength')}
                value={node.minLength}
                onChange={(minLength) => set({ minLength })}
              />
              <NumberField
                label={t('field.maxLength')}
                value={node.maxLength}
                onChange={(maxLength) => set({ maxLength })}
              />
            </div>
          ) : null}
          <div className="field field-check">
            <input
              id={`${field}-sensitive`}
              type="checkbox"
              checked={node.sensitive === true}
              aria-describedby={`${field}-sensitive-hint`}
              onChange={(event) => set({ sensitive: event.target.checked ? true : undefined })}
            />
            <label htmlFor={`${field}-sensitive`}>{t('field.sensitive')}</label>
          </div>
          <p className="hint" id={`${field}-sensitive-hint`}>
            {t('field.sensitiveHint')}
          </p>
          {node.kind !== 'section' ? (
            <div className="field">
              <label htmlFor={`${field}-calculate`}>{t('field.calculate')}</label>
              <textarea
                id={`${field}-calculate`}
                rows={2}
                className="studio-code"
                spellCheck={false}
                aria-describedby={`${field}-calculate-hint`}
                value={node.calculate ?? ''}
                onChange={(event) => set({ calculate: textOrNothing(event.target.value) })}
              />
              <p className="hint" id={`${field}-calculate-hint`}>
                {t('field.calculateHint')}
              </p>
            </div>
          ) : null}
        </>
      ) : null}
      <div className="actions studio-node-actions">
        <button
          type="button"
          className="button button-small"
          data-focus="up"
          disabled={index <= 0}
          onClick={() => move((o) => moveNode(o, path, -1), path, 'up')}
        >
          {t('action.up')}
        </button>
        <button
          type="button"
          className="button button-small"
          data-focus="down"
          disabled={index < 0 || index >= siblings.length - 1}
          onClick={() => move((o) => moveNode(o, path, 1), path, 'down')}
        >
          {t('action.down')}
        </button>
        {node.kind !== 'conditional' ? (
          <>
            <button
              type="button"
              className="button button-small"
              disabled={previous?.kind !== 'section'}
              onClick={() =>
                previous && move((o) => moveIntoSection(o, path), [...parent, previous.key, node.key], 'node')
              }
            >
              {previous?.kind === 'section'
                ? t('action.into', { section: previous.title || previous.key })
                : t('action.intoNone')}
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={parent.length === 0}
              onClick={() =>
                move((o) => moveOutOfSection(o, path), [...parent.slice(0, -1), node.key], 'node')
              }
            >
              {t('action.out')}
            </button>
            <button
              type="button"
              className="button button-small button-danger"
              onClick={() => {
                if (!window.confirm(t('action.removeConfirm', { title: node.title || node.key }))) return;
                const after = siblings[index + 1] ?? siblings[index - 1];
                const focusPath = after ? [...parent, after.key] : parent;
                edit((o) => removeNode(o, path), null, [focusPath, 'node']);
              }}
            >
              {t('action.remove')}
            </button>
          </>
        ) : null}
      </div>
      {node.kind === 'section' ? (
        <AddNodeForm parent={path} siblings={node.children} context={context} />
      ) : null}
    </fieldset>
  );
}

/** The key of an entry, changed only on "apply" (a key is what rules and reports refer to). */
function KeyForm({
  node,
  path,
  edit,
}: {
  node: OutlineNode;
  path: string[];
  edit: (change: (outline: Outline) => Outline, select?: NodePath | null, focus?: [NodePath, string]) => void;
}) {
  const { t } = useTexts(formsTexts);
  const id = useId();
  const [key, setKey] = useState(node.key);
  const [shownFor, setShownFor] = useState(node.key);
  if (shownFor !== node.key) {
    setShownFor(node.key);
    setKey(node.key);
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const to = [...path.slice(0, -1), key.trim()];
    edit((outline) => renameNode(outline, path, key.trim()), to, [to, 'key']);
  };
  return (
    <form className="studio-key-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={id}>{t('field.key')}</label>
        <div className="studio-inline">
          <input
            id={id}
            data-focus="key"
            className="studio-code"
            spellCheck={false}
            autoCapitalize="off"
            value={key}
            aria-describedby={`${id}-hint`}
            onChange={(event) => setKey(event.target.value)}
          />
          <button type="submit" className="button button-small" disabled={key.trim() === node.key}>
            {t('field.keyApply')}
          </button>
        </div>
        <p className="hint" id={`${id}-hint`}>
          {t('field.keyHint')}
        </p>
      </div>
    </form>
  );
}

function NumberField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        value={value ?? ''}
        onChange={(event) => {
          const text = event.target.value.trim();
          const number = Number(text);
          onChange(text === '' || !Number.isFinite(number) ? undefined : number);
        }}
      />
    </div>
  );
}

function OptionsEditor({
  options,
  onChange,
}: {
  options: ChoiceOption[];
  onChange: (options: ChoiceOption[]) => void;
}) {
  const { t } = useTexts(formsTexts);
  const id = useId();
  const values = options.map((option) => option.value);
  const duplicated = (value: string) => values.indexOf(value) !== values.lastIndexOf(value);
  const change = (index: number, patch: Partial<ChoiceOption>) =>
    onChange(options.map((option, i) => (i === index ? { ...option, ...patch } : option)));
  const swap = (index: number, step: -1 | 1) => {
    const next = [...options];
    const a = next[index];
    const b = next[index + step];
    if (!a || !b) return;
    next[index] = b;
    next[index + step] = a;
    onChange(next);
  };
  return (
    <fieldset className="studio-options">
      <legend>{t('options.title')}</legend>
      <p className="hint">{t('options.hint')}</p>
      <ol>
        {options.map((option, index) => {
          const number = index + 1;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: options are edited in place; a value may be typed twice
            <li key={index} className="studio-option">
              <div className="field">
                <label htmlFor={`${id}-${index}-title`}>
                  {t('options.label')} <span className="sr-only">{number}</span>
                </label>
                <input
                  id={`${id}-${index}-title`}
                  value={option.title ?? ''}
                  onChange={(event) => change(index, { title: event.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-${index}-value`}>
                  {t('options.value')} <span className="sr-only">{number}</span>
                </label>
                <input
                  id={`${id}-${index}-value`}
                  className="studio-code"
                  spellCheck={false}
                  value={option.value}
                  aria-invalid={duplicated(option.value) || option.value === ''}
                  onChange={(event) => change(index, { value: event.target.value })}
                />
              </div>
              <div className="actions">
                <button
                  type="button"
                  className="button button-small"
                  disabled={index === 0}
                  onClick={() => swap(index, -1)}
                  aria-label={t('options.upNumber', { number })}
                >
                  {t('action.up')}
                </button>
                <button
                  type="button"
                  className="button button-small"
                  disabled={index === options.length - 1}
                  onClick={() => swap(index, 1)}
                  aria-label={t('options.downNumber', { number })}
                >
                  {t('action.down')}
                </button>
                <button
                  type="button"
                  className="button button-small button-danger"
                  disabled={options.length <= 1}
                  onClick={() => onChange(options.filter((_, i) => i !== index))}
                  aria-label={t('options.removeNumber', { number })}
                >
                  {t('action.remove')}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      {values.some(duplicated) || values.includes('') ? (
        <p className="alert alert-error" role="alert">
          {t('options.duplicate')}
        </p>
      ) : null}
      <button
        type="button"
        className="button button-small"
        onClick={() => {
          const number = options.length + 1;
          onChange([
            ...options,
            { value: freeValue(values, `pilihan-${number}`), title: t('options.newTitle', { number }) },
          ]);
        }}
      >
        {t('options.add')}
      </button>
    </fieldset>
  );
}

const freeValue = (taken: readonly string[], base: string) => {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
};

/** Adds a field (or a section) to the container at `parent`: a title, a key made from it, a type. */
function AddNodeForm({
  parent,
  siblings,
  context,
}: {
  parent: string[];
  siblings: readonly OutlineNode[];
  context: EditorContext;
}) {
  const { t } = useTexts(formsTexts);
  const id = useId();
  const [title, setTitle] = useState('');
  const [key, setKey] = useState('');
  const [kind, setKind] = useState<FieldType | 'section'>(parent.length === 0 ? 'section' : 'text');
  const [refusal, setRefusal] = useState<string>();
  const suggested = freeKey(siblings, keyFromTitle(title) || (kind === 'section' ? 'bagian' : 'isian'));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = key.trim() || suggested;
    const path = [...parent, chosen];
    context.focusLater(path, 'title');
    const problem = context.onEdit((outline) => addNode(outline, parent, newNode(kind, chosen, title)), path);
    if (problem) {
      setRefusal(t(PROBLEM_KEY[problem]));
      return;
    }
    setRefusal(undefined);
    setTitle('');
    setKey('');
  };
  const root = parent.length === 0;
  return (
    <form className="studio-add-node" onSubmit={submit} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="small-heading">
        {root ? t('add.rootTitle') : t('add.title')}
      </h3>
      {refusal ? (
        <p className="alert alert-error" role="alert">
          {refusal}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-title`}>{root ? t('add.rootName') : t('add.name')}</label>
        <input id={`${id}-title`} value={title} required onChange={(event) => setTitle(event.target.value)} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-key`}>{t('add.key')}</label>
          <input
            id={`${id}-key`}
            className="studio-code"
            spellCheck={false}
            autoCapitalize="off"
            value={key}
            placeholder={suggested}
            aria-describedby={`${id}-key-hint`}
            onChange={(event) => setKey(event.target.value)}
          />
          <p className="hint" id={`${id}-key-hint`}>
            {t('add.keyHint', { key: suggested })}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('add.kind')}</label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(event) => setKind(event.target.value as FieldType | 'section')}
          >
            <option value="section">{t('kind.section')}</option>
            {FIELD_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(KIND_KEY[type])}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button type="submit" className="button">
        {root ? t('add.rootSubmit') : t('add.submit')}
      </button>
    </form>
  );
}
