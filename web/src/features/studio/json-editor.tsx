/**
 * A JSON document in CodeMirror 6. With a JSON Schema (for a form's schema: the JSON Schema
 * meta-schema) what the schema refuses is marked as you type, checked after a pause by the schema's
 * validator that ajv precompiled when the app was built (`json-checks.ts`, with the server's messages
 * in the UI language; without one, codemirror-json-schema's own check), and codemirror-json-schema
 * completes keys and values and explains them on hover; problems the server reported (422 details, as
 * JSON Pointers) are marked on the lines they point to, so a refusal lands where it has to be fixed.
 *
 * Long documents stay quick to type in: the schema check waits for a pause, and completion opens
 * while typing only in a short document (in a long one, Ctrl+Space opens it).
 *
 * The editor lives in a shadow root of its box: CodeMirror puts its styles in a `<style>` element in
 * a document's head, which the app's Content-Security-Policy (`style-src 'self'`) refuses, but in a
 * shadow root it adopts constructed style sheets, which the policy allows.
 */
import type { CompletionContext } from '@codemirror/autocomplete';
import { json, jsonLanguage, jsonParseLinter } from '@codemirror/lang-json';
import { forceParsing } from '@codemirror/language';
import { type Diagnostic, forceLinting, linter, lintGutter } from '@codemirror/lint';
import { EditorView, hoverTooltip } from '@codemirror/view';
import CodeMirror, { type ReactCodeMirrorRef } from '@uiw/react-codemirror';
import type { ErrorObject } from 'ajv';
import {
  getJsonPointers,
  handleRefresh,
  jsonCompletion,
  jsonSchemaHover,
  jsonSchemaLinter,
  stateExtensions,
} from 'codemirror-json-schema';
import type { JSONSchema7 } from 'json-schema';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { localizeErrors } from '../../../../functions/validation/messages';
import { getLanguage } from '../../shared/i18n/language';
import type { JsonCheck } from './json-checks';

/** Beyond this many characters, completion waits to be asked for (Ctrl+Space). */
const LONG_DOCUMENT = 20_000;
/** The pause in typing before the document is checked against its schema. */
const CHECK_DELAY_MS = 600;

/** What the app's style sheet cannot reach inside the shadow root: the focus outline of the editor. */
const focusTheme = EditorView.theme({ '&.cm-focused': { outline: '3px solid var(--focus, #1d4ed8)' } });

/** The document's problems against `checker`, each on the key its pointer names. */
function schemaDiagnostics(view: EditorView, checker: JsonCheck): Diagnostic[] {
  let document: unknown;
  try {
    document = JSON.parse(view.state.doc.toString());
  } catch {
    return [];
  }
  if (checker(document)) return [];
  const errors = ((checker.errors ?? []) as ErrorObject[]).map((error) => ({ ...error }));
  localizeErrors(errors, getLanguage());
  const pointers = getJsonPointers(view.state, 'json4');
  return errors.map((error) => {
    const place = placeOf(pointers, error.instancePath);
    return {
      from: place ? place.keyFrom : 0,
      to: place ? place.keyTo : Math.min(1, view.state.doc.length),
      severity: 'error',
      message: error.message ?? error.keyword,
    };
  });
}

/** Checking (by `checker` when given), completion and hover against `schema`. */
function schemaExtensions(schema: JSONSchema7, checker: JsonCheck | undefined) {
  const complete = jsonCompletion();
  return [
    checker
      ? linter((view) => schemaDiagnostics(view, checker), { delay: CHECK_DELAY_MS })
      : linter(jsonSchemaLinter(), { delay: CHECK_DELAY_MS, needsRefresh: handleRefresh }),
    jsonLanguage.data.of({
      autocomplete: (context: CompletionContext) =>
        context.explicit || context.state.doc.length <= LONG_DOCUMENT ? complete(context) : null,
    }),
    hoverTooltip(jsonSchemaHover()),
    stateExtensions(schema),
  ];
}

export interface PointerProblem {
  /** JSON Pointer into this document (`/properties/nik/pattern`). */
  pointer: string;
  message: string;
}

/** Where a pointer's key is in the document: the nearest part it reaches (its parent if it names a missing key). */
function placeOf(pointers: ReturnType<typeof getJsonPointers>, wanted: string) {
  let pointer = wanted;
  let place = pointers.get(pointer);
  while (!place && pointer !== '') {
    pointer = pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));
    place = pointers.get(pointer);
  }
  return place;
}

/** The problems, each on the nearest part of the document its pointer reaches. */
function diagnosticsFor(view: EditorView, problems: readonly PointerProblem[]): Diagnostic[] {
  if (problems.length === 0) return [];
  const pointers = getJsonPointers(view.state, 'json4');
  return problems.map((problem) => {
    const place = placeOf(pointers, problem.pointer);
    const from = place ? place.keyFrom : 0;
    const to = place ? place.keyTo : Math.min(1, view.state.doc.length);
    return { from, to, severity: 'error', message: problem.message, source: 'Kawal' };
  });
}

/**
 * Parses the whole document now (CodeMirror parses a long one in the background, and a pointer
 * further down would otherwise land on a parent), then marks the problems and shows `reveal`.
 */
function settle(view: EditorView, reveal: string | undefined): void {
  forceParsing(view, view.state.doc.length, 1000);
  if (reveal !== undefined) {
    const place = placeOf(getJsonPointers(view.state, 'json4'), reveal);
    if (place)
      view.dispatch({
        selection: { anchor: place.keyFrom, head: place.keyTo },
        effects: EditorView.scrollIntoView(place.keyFrom, { y: 'start', yMargin: 48 }),
      });
  }
  forceLinting(view);
}

export function JsonEditor({
  value,
  onChange,
  label,
  schema,
  check,
  problems = [],
  height = '28rem',
  reveal,
}: {
  value: string;
  onChange: (text: string) => void;
  /** The accessible name of the editor. */
  label: string;
  /** Checks and completes against this schema as the administrator types. */
  schema?: JSONSchema7;
  /** The schema's precompiled validator (`json-checks.ts`), which checks the document. */
  check?: JsonCheck;
  problems?: readonly PointerProblem[];
  height?: string;
  /** A JSON Pointer to show: its key is selected and scrolled into view (again whenever it changes). */
  reveal?: string;
}) {
  const editor = useRef<ReactCodeMirrorRef>(null);
  const problemsRef = useRef(problems);
  problemsRef.current = problems;

  const extensions = useMemo(
    () => [
      json(),
      linter(jsonParseLinter()),
      ...(schema ? schemaExtensions(schema, check) : []),
      linter((view) => diagnosticsFor(view, problemsRef.current), { delay: 200 }),
      lintGutter(),
      EditorView.lineWrapping,
      focusTheme,
      // Focusable by itself, so its scrolling area is reachable from the keyboard (axe: scrollable-region-focusable).
      EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
    ],
    [schema, check, label],
  );

  const revealRef = useRef(reveal);
  revealRef.current = reveal;
  // Marked again when the problems change (not when a caller passes an equal list anew).
  const problemsKey = JSON.stringify(problems);
  useEffect(() => {
    const view = editor.current?.view;
    if (view && problemsKey) settle(view, undefined);
  }, [problemsKey]);
  useEffect(() => {
    const view = editor.current?.view;
    if (view && reveal !== undefined) settle(view, reveal);
  }, [reveal]);

  // The box's shadow root, made once the box is in the page (see the top of this file).
  const [shadow, setShadow] = useState<ShadowRoot>();
  const box = useCallback((node: HTMLDivElement | null) => {
    if (node) setShadow(node.shadowRoot ?? node.attachShadow({ mode: 'open' }));
  }, []);

  return (
    <div className="studio-json-editor" ref={box}>
      {shadow
        ? createPortal(
            <CodeMirror
              ref={editor}
              value={value}
              height={height}
              extensions={extensions}
              onChange={onChange}
              onCreateEditor={(view) => settle(view, revealRef.current)}
              basicSetup={{ foldGutter: true, highlightActiveLine: true, tabSize: 2 }}
            />,
            shadow,
          )
        : null}
    </div>
  );
}
