/**
 * The differences between two JSON documents (two versions of a form, a ruleset or a case type, or a
 * draft and someone else's), computed by jsondiffpatch and shown as a table a person can read: where,
 * what kind of change, before and after. Array items are matched by their `name`/`id`/`$id` when they
 * have one, so a moved rule or stage reads as moved, not as everything changed.
 */
import { create, type Delta } from 'jsondiffpatch';
import { useMemo } from 'react';
import { useTexts } from '../../shared/i18n/language';
import { studioTexts } from './texts';

export type PathSegment = string | number;

/**
 * Names a place in the document in words (e.g. a field's title instead of its key). The documents
 * compared come along, so a name can be looked up in either (an added field's title is only in
 * `after`, a removed one's only in `before`).
 */
export type DescribePath = (path: PathSegment[], documents: { before: unknown; after: unknown }) => string;

export interface Change {
  path: PathSegment[];
  kind: 'added' | 'removed' | 'changed' | 'moved';
  before?: unknown;
  after?: unknown;
}

const differ = create({
  objectHash: (item: object, index?: number) => {
    const record = item as Record<string, unknown>;
    for (const key of ['name', 'id', '$id']) if (typeof record[key] === 'string') return record[key];
    return `$$index:${index}`;
  },
  arrays: { detectMove: true, includeValueOnMove: false },
});

/** The changes from `before` to `after`, depth first, in document order. */
export function changesBetween(before: unknown, after: unknown): Change[] {
  const delta = differ.diff(before, after);
  const changes: Change[] = [];
  if (delta !== undefined) walk(delta, [], before, changes);
  return changes;
}

function walk(delta: Delta, path: PathSegment[], before: unknown, out: Change[]): void {
  if (Array.isArray(delta)) {
    if (delta.length === 1) out.push({ path, kind: 'added', after: delta[0] });
    else if (delta.length === 2) out.push({ path, kind: 'changed', before: delta[0], after: delta[1] });
    else if (delta[2] === 0) out.push({ path, kind: 'removed', before: delta[0] });
    else if (delta[2] === 3) out.push({ path, kind: 'moved', after: delta[1] });
    return;
  }
  if (typeof delta !== 'object' || delta === null) return;
  const record = delta as Record<string, Delta>;
  if ((record._t as unknown) === 'a') {
    const items = Array.isArray(before) ? before : [];
    // Removals and moves are keyed by the old index (`_3`), the rest by the new one (`3`).
    for (const [key, child] of Object.entries(record)) {
      if (key === '_t') continue;
      const old = key.startsWith('_');
      const index = Number(old ? key.slice(1) : key);
      walk(child, [...path, index], old ? items[index] : items[index], out);
    }
    return;
  }
  const object = (typeof before === 'object' && before !== null ? before : {}) as Record<string, unknown>;
  for (const [key, child] of Object.entries(record)) walk(child, [...path, key], object[key], out);
}

/** A short, readable rendering of a value: text as it is, anything else as compact JSON. */
export function showValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  const text = JSON.stringify(value);
  return text.length > 240 ? `${text.slice(0, 237)}…` : text;
}

const defaultDescribe = (path: PathSegment[]) =>
  path
    .filter((segment) => segment !== 'properties')
    .map((segment) => (typeof segment === 'number' ? `#${segment + 1}` : segment))
    .join(' › ') || '—';

export function JsonDiff({
  before,
  after,
  caption,
  describePath = defaultDescribe,
}: {
  before: unknown;
  after: unknown;
  caption: string;
  describePath?: DescribePath;
}) {
  const { t } = useTexts(studioTexts);
  const changes = useMemo(() => changesBetween(before, after), [before, after]);
  if (changes.length === 0)
    return (
      <p className="studio-diff-none" role="status">
        {t('diff.none')}
      </p>
    );
  return (
    <div className="table-wrap">
      <table className="table studio-diff">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('diff.where')}</th>
            <th scope="col">{t('diff.changed')}</th>
            <th scope="col">{t('diff.before')}</th>
            <th scope="col">{t('diff.after')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={`${change.kind}:${change.path.join('/')}`} className={`studio-diff-${change.kind}`}>
              <th scope="row">{describePath(change.path, { before, after })}</th>
              <td>{t(`diff.${change.kind}`)}</td>
              <td>{change.before === undefined ? null : <del>{showValue(change.before)}</del>}</td>
              <td>{change.after === undefined ? null : <ins>{showValue(change.after)}</ins>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
