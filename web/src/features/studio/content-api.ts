/**
 * The content routes the studio edits, one set for each kind (forms, rulesets, case types): lists,
 * versions, the draft (saved with If-Match on the draft's version, so two administrators never
 * overwrite each other silently) and publishing (a draft, or an earlier version again: rollback).
 */
import type { VersionSummary } from '../../../../functions/store/content-repo';
import { apiRequest, type Page } from '../../shared/api-client';

export type ContentKind = 'forms' | 'rulesets' | 'case-types';
export type { VersionSummary };

export interface ContentSummary {
  id: string;
  title: string;
  description?: string;
  kind?: string;
  publishedVersion: number | null;
  hasDraft: boolean;
  updatedAt: string;
}

/** A draft as the server keeps it: `version` is the draft's own revision, sent back as If-Match. */
export type DraftOf<T> = T & {
  id: string;
  version: number;
  title: string;
  updatedAt: string;
  updatedBy: string;
};
/** A published version. */
export type VersionOf<T> = T & {
  id: string;
  version: number;
  title: string;
  publishedAt: string;
  publishedBy: string;
  note: string | null;
  fromVersion: number | null;
};

const base = (kind: ContentKind, id: string) => `/api/${kind}/${encodeURIComponent(id)}`;
const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

/** Every item of a kind (all pages: configurations hold tens of items, not thousands). */
export async function listContent(kind: ContentKind, signal?: AbortSignal): Promise<ContentSummary[]> {
  const items: ContentSummary[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
    const page: Page<ContentSummary> = await apiRequest(`/api/${kind}${query}`, withSignal(signal));
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export async function listVersions(kind: ContentKind, id: string, signal?: AbortSignal) {
  const items: VersionSummary[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
    const page: Page<VersionSummary> = await apiRequest(
      `${base(kind, id)}/versions${query}`,
      withSignal(signal),
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export function getVersion<T>(kind: ContentKind, id: string, version: number, signal?: AbortSignal) {
  return apiRequest<VersionOf<T>>(`${base(kind, id)}/versions/${version}`, withSignal(signal));
}

export function getPublished<T>(kind: ContentKind, id: string, signal?: AbortSignal) {
  return apiRequest<VersionOf<T>>(base(kind, id), withSignal(signal));
}

export function getDraft<T>(kind: ContentKind, id: string, signal?: AbortSignal) {
  return apiRequest<DraftOf<T>>(`${base(kind, id)}/draft`, withSignal(signal));
}

/**
 * Saves the draft. `basedOn` is the draft revision the editor loaded (If-Match): a newer one on the
 * server answers 412 `version_mismatch`. Without it (no draft existed) the server creates one.
 */
export function saveDraft<T>(kind: ContentKind, id: string, body: unknown, basedOn?: number) {
  return apiRequest<DraftOf<T> & { warnings?: { path: string; message: string }[] }>(
    `${base(kind, id)}/draft`,
    {
      method: 'PUT',
      body,
      ...(basedOn === undefined ? {} : { ifMatch: basedOn }),
    },
  );
}

export function publish(kind: ContentKind, id: string, note: string) {
  return apiRequest<{ version: number }>(`${base(kind, id)}/publish`, {
    method: 'POST',
    body: note.trim() ? { note: note.trim() } : {},
  });
}

/** Publishes an earlier version again as the newest one. */
export function rollback(kind: ContentKind, id: string, fromVersion: number, note: string) {
  return apiRequest<{ version: number }>(`${base(kind, id)}/publish`, {
    method: 'POST',
    body: note.trim() ? { fromVersion, note: note.trim() } : { fromVersion },
  });
}
