/** What the forms and rulesets handlers share: the read actions of versioned content and the publish body. */
import { contentId, pageLimit, versionNumber } from '../cases/content-ids';
import type { Action, ApiRequest } from '../platform/http';
import type { Page } from '../store/cursor';
import { bodyParser } from '../validation/request';

/** `{note?, fromVersion?}`: publish the draft, or republish an old version (rollback). */
export const publishBody = bodyParser({
  type: 'object',
  properties: {
    note: { type: 'string', maxLength: 1000 },
    fromVersion: { type: 'integer', minimum: 1 },
  },
} as const);

/** A version to work with: a number, or "draft". */
export const VERSION_TARGET = { oneOf: [{ type: 'integer', minimum: 1 }, { const: 'draft' }] } as const;

interface Versioned {
  version: number;
}

/** list, getPublished, listVersions, getVersion and getDraft for one kind of versioned content. */
export function contentReadActions(use: {
  list: (limit: number, cursor?: string) => Promise<Page<unknown>>;
  published: (id: string) => Promise<Versioned>;
  versions: (id: string, limit: number, cursor?: string) => Promise<Page<unknown>>;
  version: (id: string, n: number) => Promise<Versioned>;
  draft: (id: string) => Promise<Versioned>;
}): Record<'list' | 'getPublished' | 'listVersions' | 'getVersion' | 'getDraft', Action> {
  return {
    list: async ({ query }) => ({ body: await use.list(pageLimit(query.limit), query.cursor) }),
    getPublished: async ({ params }) => {
      const item = await use.published(contentId(params.id));
      return { body: item, etag: item.version };
    },
    listVersions: async ({ params, query }) => ({
      body: await use.versions(contentId(params.id), pageLimit(query.limit), query.cursor),
    }),
    getVersion: async ({ params }) => {
      const item = await use.version(contentId(params.id), versionNumber(params.n, 'n'));
      return { body: item, etag: item.version };
    },
    getDraft: async ({ params }) => {
      const item = await use.draft(contentId(params.id));
      return { body: item, etag: item.version };
    },
  };
}

const impactBody = bodyParser({
  type: 'object',
  required: ['version'],
  properties: {
    version: VERSION_TARGET,
    limit: { type: 'integer', minimum: 1, maximum: 1000 },
  },
} as const);

/** `{version: n | "draft", limit?}`: what to replay over open cases, and over how many. */
export async function impactRequest(
  request: ApiRequest,
): Promise<{ target: number | 'draft'; limit: number }> {
  const input = await impactBody(request.body ?? {}, request.lang);
  return {
    target: input.version === 'draft' ? 'draft' : versionNumber(input.version, 'version'),
    limit: input.limit ?? 100,
  };
}
