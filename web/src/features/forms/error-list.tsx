/**
 * The list of errors above the form: each entry names its field by title ("Nama klien: wajib diisi")
 * and links to it. rjsf's own list shows raw paths for errors that came from the server.
 */
import {
  type ErrorListProps,
  getUiOptions,
  type Registry,
  type RJSFSchema,
  type RJSFValidationError,
  toPath,
  type UiSchema,
} from '@rjsf/utils';
import { useId } from 'react';
import { useI18n } from '../../shared/i18n/language';
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

function segmentsOf(error: RJSFValidationError): string[] {
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
    const property: unknown = resolved.properties?.[segment];
    const items: unknown = Array.isArray(resolved.items) ? resolved.items[Number(segment)] : resolved.items;
    schema = isSchema(property) ? property : /^\d+$/.test(segment) && isSchema(items) ? items : undefined;
    uiSchema = isRecord(uiSchema) ? (/^\d+$/.test(segment) ? uiSchema.items : uiSchema[segment]) : undefined;
  }
  if (!schema) return undefined;
  const uiTitle = getUiOptions(isRecord(uiSchema) ? (uiSchema as UiSchema) : undefined).title;
  if (typeof uiTitle === 'string' && uiTitle !== '') return uiTitle;
  const title: unknown = registry.schemaUtils.retrieveSchema(schema).title;
  return typeof title === 'string' && title !== '' ? title : undefined;
}

export function ErrorList({ errors, schema, uiSchema, registry }: ErrorListProps<FormValue, RJSFSchema>) {
  const { t } = useI18n();
  const headingId = useId();
  const idPrefix = registry.globalFormOptions.idPrefix;
  const separator = registry.globalFormOptions.idSeparator;
  const Heading = `h${headingLevelOf(registry.formContext as unknown)}` as const;
  return (
    <section className="error-list" aria-labelledby={headingId}>
      <Heading id={headingId}>{t('form.errorsTitle')}</Heading>
      <ul>
        {errors.map((error, index) => {
          const segments = segmentsOf(error);
          const title =
            segments.length > 0 ? error.title || fieldTitle(segments, schema, uiSchema, registry) : undefined;
          const message = error.message ?? error.stack;
          const key = `${index}:${error.property ?? ''}:${message}`;
          if (!title) return <li key={key}>{message}</li>;
          return (
            <li key={key}>
              <a href={`#${[idPrefix, ...segments].join(separator)}`}>{title}</a>: {message}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
