/**
 * The draft as JSON: the schema (checked against the JSON Schema draft-07 meta-schema as you type)
 * and the uiSchema, each in the shared `JsonEditor` with the server's problems on their lines. A
 * change that parses goes into the draft at once, so the outline and the preview follow; a change
 * from elsewhere (the outline, a reload) replaces the text.
 */
import { useMemo, useRef, useState } from 'react';
import { useTexts } from '../../../shared/i18n/language';
import { JSON_CHECK_SCHEMAS } from '../json-check-schemas';
import { JSON_CHECKS } from '../json-checks';
import { JsonEditor, type PointerProblem } from '../json-editor';
import { type FormDoc, reuseEqual } from './outline';
import { formsTexts } from './texts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const show = (value: unknown) => JSON.stringify(value, null, 2);

type Part = 'schema' | 'uiSchema';

/** The problems inside one document, with pointers relative to it. */
const within = (problems: readonly { path: string; message: string }[], prefix: string): PointerProblem[] =>
  problems
    .filter((problem) => problem.path === prefix || problem.path.startsWith(`${prefix}/`))
    .map((problem) => ({ pointer: problem.path.slice(prefix.length), message: problem.message }));

/** One document of the draft as text, kept in step with the draft both ways. */
function useJsonText(
  value: Record<string, unknown>,
  onValue: (value: Record<string, unknown>) => void,
  onBroken: (broken: boolean) => void,
) {
  const [text, setText] = useState(() => show(value));
  /** The object the text stands for: a different one came from elsewhere. */
  const [source, setSource] = useState(value);
  const emitted = useRef(value);
  const current = useRef(value);
  current.current = value;
  if (value !== source) {
    setSource(value);
    if (value !== emitted.current) setText(show(value));
  }
  // Each change is read at once (a long form's JSON parses in about a millisecond); the preview
  // waits for the pause.
  const onChange = (next: string) => {
    setText(next);
    let parsed: unknown;
    try {
      parsed = JSON.parse(next);
    } catch {
      onBroken(true);
      return;
    }
    if (!isRecord(parsed)) {
      onBroken(true);
      return;
    }
    onBroken(false);
    const shared = reuseEqual(parsed, current.current);
    emitted.current = shared;
    onValue(shared);
  };
  return { text, onChange };
}

const escapeKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

export function JsonPanel({
  doc,
  onChange,
  onBroken,
  problems,
  reveal,
}: {
  doc: FormDoc;
  onChange: (part: Part, value: Record<string, unknown>) => void;
  /** Whether a document's text does not parse (the draft then cannot be saved). */
  onBroken: (part: Part, broken: boolean) => void;
  /** The server's problems, as pointers into the draft body (`/schema/…`, `/uiSchema/…`). */
  problems: readonly { path: string; message: string }[];
  /** What to show first: a pointer into the body (`/schema/…`), or an outline entry (its declaration). */
  reveal?: { pointer: string } | { path: readonly string[] };
}) {
  const { t } = useTexts(formsTexts);
  const schema = useJsonText(
    doc.schema,
    (value) => onChange('schema', value),
    (broken) => onBroken('schema', broken),
  );
  const ui = useJsonText(
    doc.uiSchema,
    (value) => onChange('uiSchema', value),
    (broken) => onBroken('uiSchema', broken),
  );
  const [schemaReveal, uiReveal] = useMemo((): [string | undefined, string | undefined] => {
    if (!reveal) return [undefined, undefined];
    if ('path' in reveal)
      return [
        reveal.path.map((key) => `/properties/${escapeKey(key)}`).join(''),
        reveal.path.map((key) => `/${escapeKey(key)}`).join(''),
      ];
    if (reveal.pointer.startsWith('/schema')) return [reveal.pointer.slice('/schema'.length), undefined];
    if (reveal.pointer.startsWith('/uiSchema')) return [undefined, reveal.pointer.slice('/uiSchema'.length)];
    return [undefined, undefined];
  }, [reveal]);
  const schemaProblems = useMemo(() => within(problems, '/schema'), [problems]);
  const uiProblems = useMemo(() => within(problems, '/uiSchema'), [problems]);
  return (
    <div className="studio-json-panel">
      <h3 className="small-heading">{t('json.schema')}</h3>
      <p className="hint">{t('json.schemaHint')}</p>
      <JsonEditor
        label={t('json.schemaLabel')}
        value={schema.text}
        onChange={schema.onChange}
        schema={JSON_CHECK_SCHEMAS.formSchema}
        check={JSON_CHECKS.formSchema}
        problems={schemaProblems}
        {...(schemaReveal === undefined ? {} : { reveal: schemaReveal })}
      />
      <h3 className="small-heading">{t('json.uiSchema')}</h3>
      <p className="hint">{t('json.uiSchemaHint')}</p>
      <JsonEditor
        label={t('json.uiSchemaLabel')}
        value={ui.text}
        onChange={ui.onChange}
        problems={uiProblems}
        height="18rem"
        {...(uiReveal === undefined ? {} : { reveal: uiReveal })}
      />
    </div>
  );
}
