/** HTTP handler for rulesets and the fact catalogue: parse, call the use case, respond. */
import { factCatalogue, providedFacts } from '../cases/case-types';
import { contentId } from '../cases/content-ids';
import { evaluateCase } from '../cases/evaluate-case';
import {
  evaluateFacts,
  getPublishedRuleset,
  getRulesetDraft,
  getRulesetVersion,
  listRulesets,
  listRulesetVersions,
  publishRuleset,
  type RulesetInput,
  saveRulesetDraft,
  unprovidedFactWarnings,
} from '../cases/rulesets';
import { createApiHandler, ifMatchVersion } from '../platform/http';
import { bodyParser } from '../validation/request';
import { contentReadActions, publishBody, VERSION_TARGET } from './content-actions';
import { routesOf } from './routes';

/** Only the envelope is checked here; rules, facts and tests get the 422 checks of the use case. */
const draftBody = bodyParser({
  type: 'object',
  required: ['title'],
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 4000 },
  },
} as const);

const evaluateBody = bodyParser({
  type: 'object',
  properties: {
    facts: { type: 'object' },
    caseId: { type: 'string', pattern: '^[A-Za-z0-9-]{1,64}$' },
    version: VERSION_TARGET,
  },
  oneOf: [
    { required: ['facts'], not: { required: ['caseId'] } },
    { required: ['caseId'], not: { required: ['facts'] } },
  ],
} as const);

export const handler = createApiHandler(routesOf('rulesets'), {
  ...contentReadActions({
    list: listRulesets,
    published: getPublishedRuleset,
    versions: listRulesetVersions,
    version: getRulesetVersion,
    draft: getRulesetDraft,
  }),

  putDraft: async (request) => {
    draftBody(request.body ?? {}, request.lang);
    const draft = await saveRulesetDraft(
      contentId(request.params.id),
      request.body as RulesetInput,
      request.user,
      ifMatchVersion(request),
      request.lang,
    );
    const warnings = unprovidedFactWarnings(draft, await providedFacts(), request.lang);
    return { body: { ...draft, warnings }, etag: draft.version };
  },

  publish: async (request) => {
    const input = publishBody(request.body ?? {}, request.lang);
    const published = await publishRuleset(contentId(request.params.id), input, request.user, request.lang);
    return { status: 201, body: published };
  },

  evaluate: async (request) => {
    const input = evaluateBody(request.body ?? {}, request.lang);
    const id = contentId(request.params.id);
    const version = input.version as number | 'draft' | undefined;
    const result = input.caseId
      ? await evaluateCase(request.user, id, input.caseId, version, request.lang)
      : await evaluateFacts(id, input.facts ?? {}, version, request.lang);
    return { body: result };
  },

  facts: async () => ({ body: { items: await factCatalogue(), nextCursor: null } }),
});
