/**
 * A JSON document in CodeMirror 6. With a JSON Schema (for a form's schema: the JSON Schema
 * meta-schema) codemirror-json-schema completes keys and values and marks what the schema refuses as
 * you type; problems the server reported (422 details, as JSON Pointers) are marked on the lines they
 * point to, so a refusal lands where it has to be fixed.
 */
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { type Diagnostic, forceLinting, linter, lintGutter } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import CodeMirror, { type ReactCodeMirrorRef } from '@uiw/react-codemirror';
import { getJsonPointers, jsonSchema } from 'codemirror-json-schema';
import type { JSONSchema7 } from 'json-schema';
import { useEffect, useMemo, useRef } from 'react';

export interface PointerProblem {
  /** JSON Pointer into this document (`/properties/nik/pattern`). */
  pointer: string;
  message: string;
}

/** The problems, each on the nearest part of the document its pointer reaches (its parent if it names a missing key). */
function diagnosticsFor(view: EditorView, problems: readonly PointerProblem[]): Diagnostic[] {
  if (problems.length === 0) return [];
  const pointers = getJsonPointers(view.state, 'json4');
  return problems.map((problem) => {
    let pointer = problem.pointer;
    let place = pointers.get(pointer);
    while (!place && pointer !== '') {
      pointer = pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));
      place = pointers.get(pointer);
    }
    const from = place ? place.keyFrom : 0;
    const to = place ? place.keyTo : Math.min(1, view.state.doc.length);
    return { from, to, severity: 'error', message: problem.message, source: 'Kawal' };
  });
}

export function JsonEditor({
  value,
  onChange,
  label,
  schema,
  problems = [],
  height = '28rem',
}: {
  value: string;
  onChange: (text: string) => void;
  /** The accessible name of the editor. */
  label: string;
  /** Checks and completes against this schema as the administrator types. */
  schema?: JSONSchema7;
  problems?: readonly PointerProblem[];
  height?: string;
}) {
  const editor = useRef<ReactCodeMirrorRef>(null);
  const problemsRef = useRef(problems);
  problemsRef.current = problems;

  const extensions = useMemo(
    () => [
      schema ? jsonSchema(schema) : json(),
      linter(jsonParseLinter()),
      linter((view) => diagnosticsFor(view, problemsRef.current), { delay: 200 }),
      lintGutter(),
      EditorView.lineWrapping,
      // Focusable by itself, so its scrolling area is reachable from the keyboard (axe: scrollable-region-focusable).
      EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
    ],
    [schema, label],
  );

  useEffect(() => {
    const view = editor.current?.view;
    if (view && problems) forceLinting(view);
  }, [problems]);

  return (
    <div className="studio-json-editor">
      <CodeMirror
        ref={editor}
        value={value}
        height={height}
        extensions={extensions}
        onChange={onChange}
        basicSetup={{ foldGutter: true, highlightActiveLine: true, tabSize: 2 }}
      />
    </div>
  );
}
