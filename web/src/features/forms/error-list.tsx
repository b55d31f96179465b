/**
 * The list of errors above the form, in the order a person meets the fields, grouped under the step
 * (or, on a one-page form, the part) they belong to. Each entry names its field by title ("Nama
 * klien: wajib diisi") and links to it: following the link opens the field's step and puts the focus
 * in the field. rjsf's own list shows raw paths for errors that came from the server.
 */
import {
  type ErrorListProps,
  type Registry,
  type RJSFSchema,
  type RJSFValidationError,
  toPath,
  type UiSchema,
} from '@rjsf/utils';
import { type MouseEvent, useId } from 'react';
import { useI18n, useTexts } from '../../shared/i18n/language';
import { useFormSteps } from './form-steps';
import { comparePositions, formPosition, rootProperties, titleOf } from './steps';
import { formFillTexts } from './texts';
import type { FormValue } from './validator';

/** What the form passes down (rjsf `formContext`) for the error list. */
export interface ErrorListContext {
  /** The level of the list's heading, so it fits the headings of the page around the form. */
  headingLevel: 2 | 3 | 4;
}

function headingLevelOf(formContext: unknown): ErrorListContext['headingLevel'] {
  const level = isRecord(formContext) ? formContext.headingLevel : undefined;
  return level === 3 || level === 4 ? level : 2;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSchema(value: unknown): value is RJSFSchema {
  return isRecord(value);
}

export function segmentsOf(error: Pick<RJSFValidationError, 'property'>): string[] {
  return error.property ? toPath(error.property).filter((segment) => segment !== '') : [];
}

/** The title of the field at `segments` (from ui:title or the schema), if it has one. */
function fieldTitle(
  segments: string[],
  rootSchema: RJSFSchema,
  rootUiSchema: UiSchema | undefined,
  registry: Registry<FormValue, RJSFSchema>,
): string | undefined {
  let schema: RJSFSchema | undefined = rootSchema;
  let uiSchema: unknown = rootUiSchema;
  for (const segment of segments) {
    if (!schema) return undefined;
    const resolved: RJSFSchema = registry.schemaUtils.retrieveSchema(schema);
    // A part that a condition opens (`if`/`then`, `allOf`) is looked up there too.
    const property: unknown = rootProperties(schema).get(segment) ?? rootProperties(resolved).get(segment);
    const items: unknown = Array.isArray(resolved.items) ? resolved.items[Number(segment)] : resolved.items;
    schema = isSchema(property) ? property : /^\d+$/.test(segment) && isSchema(items) ? items : undefined;
    uiSchema = isRecord(uiSchema) ? (/^\d+$/.test(segment) ? uiSchema.items : uiSchema[segment]) : undefined;
  }
  if (!schema) return undefined;
  return titleOf(registry.schemaUtils.retrieveSchema(schema) as Record<string, unknown>, uiSchema);
}

interface Entry {
  key: string;
  segments: string[];
  title: string | undefined;
  message: string;
  position: number[];
  group: string;
}

interface Group {
  key: string;
  title: string | undefined;
  entries: Entry[];
}

export function ErrorList({ errors, registry, ...props }: ErrorListProps<FormValue, RJSFSchema>) {
  const { t } = useI18n();
  const texts = useTexts(formFillTexts);
  const steps = useFormSteps();
  // A form in steps may render one step's part of the schema: titles come from the whole form.
  const schema = steps?.schema ?? props.schema;
  const uiSchema = steps?.uiSchema ?? props.uiSchema;
  const headingId = useId();
  const idPrefix = registry.globalFormOptions.idPrefix;
  const separator = registry.globalFormOptions.idSeparator;
  const Heading = `h${headingLevelOf(registry.formContext as unknown)}` as const;
  const plan = steps?.plan;

  /** The step of an error, or on a one-page form the top-level part it is in. */
  const groupOf = (segments: string[]): { key: string; title: string | undefined } => {
    const first = segments[0];
    if (first === undefined) return { key: '', title: undefined };
    if (plan && steps) {
      const index = plan.stepOf.get(first);
      if (index === undefined) return { key: '', title: undefined };
      return {
        key: `step:${index}`,
        title: texts.t('errors.group', { number: index + 1, title: steps.stepTitle(index) }),
      };
    }
    if (segments.length < 2) return { key: '', title: undefined };
    const part: unknown = schema.properties?.[first];
    return {
      key: `part:${first}`,
      title: titleOf(isRecord(part) ? part : undefined, isRecord(uiSchema) ? uiSchema[first] : undefined),
    };
  };

  const seen = new Set<string>();
  const entries: Entry[] = [];
  errors.forEach((error, index) => {
    const segments = segmentsOf(error);
    const message = error.message ?? error.stack;
    const key = `${segments.join('/')}\u0000${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    const group = groupOf(segments);
    entries.push({
      key: `${index}:${key}`,
      segments,
      title:
        segments.length > 0 ? error.title || fieldTitle(segments, schema, uiSchema, registry) : undefined,
      message,
      position: formPosition(segments, schema, uiSchema),
      group: group.key,
    });
  });
  entries.sort((a, b) => comparePositions(a.position, b.position));

  // Sorted by position, a step's (or part's) errors stand together; the form's own ones join one group.
  const byKey = new Map<string, Group>();
  for (const entry of entries) {
    const group = byKey.get(entry.group);
    if (group) group.entries.push(entry);
    else byKey.set(entry.group, { key: entry.group, title: groupOf(entry.segments).title, entries: [entry] });
  }
  const groups = [...byKey.values()];

  const follow = (event: MouseEvent<HTMLAnchorElement>, segments: string[]) => {
    if (!steps) return;
    event.preventDefault();
    steps.goToField(segments);
  };

  const list = (group: Group, labelledBy?: string) => (
    <ul aria-labelledby={labelledBy}>
      {group.entries.map((entry) =>
        entry.title ? (
          <li key={entry.key}>
            <a
              href={`#${[idPrefix, ...entry.segments].join(separator)}`}
              onClick={(event) => follow(event, entry.segments)}
            >
              {entry.title}
            </a>
            : {entry.message}
          </li>
        ) : (
          <li key={entry.key}>{entry.message}</li>
        ),
      )}
    </ul>
  );

  return (
    <section className="error-list" aria-labelledby={headingId}>
      <Heading id={headingId}>{t('form.errorsTitle')}</Heading>
      {groups.map((group, index) =>
        group.title ? (
          <div key={group.key} className="error-group">
            <p className="error-group-title" id={`${headingId}-${index}`}>
              {group.title}
            </p>
            {list(group, `${headingId}-${index}`)}
          </div>
        ) : (
          <div key={group.key} className="error-group">
            {list(group)}
          </div>
        ),
      )}
    </section>
  );
}
