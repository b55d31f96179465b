/**
 * What forms and rulesets share as versioned content: reading the published version through the
 * per-process cache, versions and drafts, saving a draft, and publishing (or republishing an old
 * version) with a retry when another publish wins the race.
 */
import type { User } from '../platform/claims';
import { AppError } from '../platform/errors';
import type { ErrorCode } from '../platform/messages';
import { contentCache } from '../store/content-cache';
import {
  type ContentFields,
  type ContentKind,
  contentRepo,
  type Draft,
  type Version,
} from '../store/content-repo';

/** A publish refused because tests fail: one detail per failing test, at its place in `tests`. */
export function assertTestsPassed(
  outcomes: readonly { test: string; passed: boolean; expected: unknown; actual: unknown }[],
  tests: readonly { name: string }[],
): void {
  const failed = outcomes.filter((outcome) => !outcome.passed);
  if (failed.length === 0) return;
  throw new AppError('tests_failed', {
    params: { count: failed.length },
    details: failed.map(({ test, expected, actual }) => ({
      path: `/tests/${tests.findIndex((t) => t.name === test)}`,
      message: test,
      test,
      expected,
      actual,
    })),
  });
}

/** How many times a publish that lost a race re-reads and tries again before answering 409. */
const PUBLISH_ATTEMPTS = 8;

export interface ContentErrors {
  notFound: ErrorCode;
  notPublished: ErrorCode;
  versionNotFound: ErrorCode;
  draftNotFound: ErrorCode;
}

export function contentService(kind: ContentKind, errors: ContentErrors) {
  const repo = contentRepo(kind);
  const cache = contentCache(repo);

  const versionOf = async (id: string, number: number): Promise<Version> => {
    const version = await cache.version(id, number);
    if (!version) throw new AppError(errors.versionNotFound, { params: { id, version: number } });
    return version;
  };

  return {
    repo,
    versionOf,

    async published(id: string): Promise<Version> {
      const number = await cache.publishedVersion(id);
      if (number === undefined) throw new AppError(errors.notFound, { params: { id } });
      if (number === null) throw new AppError(errors.notPublished, { params: { id } });
      return versionOf(id, number);
    },

    /** The published version, or undefined when there is none (for checks that only need to know). */
    async publishedOrNothing(id: string): Promise<Version | undefined> {
      const number = await cache.publishedVersion(id);
      return typeof number === 'number' ? cache.version(id, number) : undefined;
    },

    async versions(id: string, limit: number, cursor?: string) {
      if (!(await repo.getHead(id))) throw new AppError(errors.notFound, { params: { id } });
      return repo.listVersions(id, limit, cursor);
    },

    async draft(id: string): Promise<Draft> {
      const draft = await repo.getDraft(id);
      if (!draft) throw new AppError(errors.draftNotFound, { params: { id } });
      return draft;
    },

    saveDraft: (id: string, fields: ContentFields, user: User, expectedVersion: number | undefined) =>
      repo.putDraft(id, fields, user.id, expectedVersion),

    /**
     * Publishes the draft, or republishes `fromVersion` as a new version. `gate` sees the content
     * first and throws to refuse. A publish that loses a race re-reads and takes the next number.
     */
    async publish(
      id: string,
      request: { note?: string; fromVersion?: number },
      user: User,
      gate: (fields: ContentFields) => Promise<void> = async () => undefined,
    ): Promise<{ version: number }> {
      for (let attempt = 0; attempt < PUBLISH_ATTEMPTS; attempt++) {
        const head = await repo.getHead(id);
        if (!head) {
          throw new AppError(request.fromVersion ? errors.notFound : 'nothing_to_publish', {
            params: { id },
          });
        }
        const options = { by: user.id, note: request.note ?? null, latestVersion: head.latestVersion };
        let version: number | undefined;
        if (request.fromVersion !== undefined) {
          const source = await versionOf(id, request.fromVersion);
          await gate(source);
          version = await repo.publish(id, source, { ...options, fromVersion: source.version });
        } else {
          const draft = await repo.getDraft(id);
          if (!draft) throw new AppError('nothing_to_publish', { params: { id } });
          await gate(draft);
          version = await repo.publish(id, draft, {
            ...options,
            fromVersion: null,
            draftVersion: draft.version,
          });
        }
        if (version !== undefined) {
          cache.published(id, version);
          return { version };
        }
      }
      throw new AppError('conflict');
    },
  };
}
