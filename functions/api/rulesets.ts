/** HTTP handler for rulesets and the fact catalogue: parse, call the use case, respond. */
import { isDeepStrictEqual } from 'node:util';
import { contentId, pageLimit } from '../cases/content-ids';
import type { RulesetInput } from '../cases/rulesets';
import type { RulesetContent } from '../decisions/ruleset';
import { AppError } from '../platform/errors';
import { createApiHandler, ifMatchVersion } from '../platform/http';
import { lazyModule, once } from '../platform/lazy';
// Every route reads the table: its client loads with the function; each use case on its first request.
import '../store/client';
import { bodyParser } from '../validation/request';
import { contentReadActions, publishBody, VERSION_TARGET } from './content-actions';
import { routesOf } from './routes';

const caseTypes = lazyModule(() => import('../cases/case-types'), ['factCatalogue', 'providedFacts']);
const evaluation = lazyModule(() => import('../cases/evaluate-case'), ['evaluateCase']);
const rulesetCases = lazyModule(
  () => import('../cases/ruleset-cases'),
  ['evaluateCaseInStudio', 'redecideOpenCases', 'rulesetCases'],
);
/** Loaded whole too: a saved draft's warnings come from its synchronous `unprovidedFactWarnings`. */
const rulesetsModule = once(() => import('../cases/rulesets'));
const rulesets = lazyModule(rulesetsModule, [
  'evaluateFacts',
  'getPublishedRuleset',
  'getRulesetDraft',
  'getRulesetVersion',
  'listRulesets',
  'listRulesetVersions',
  'publishRuleset',
  'saveRulesetDraft',
]);

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

/** Whether two versions of a ruleset decide alike: the same kind, case types, facts and rules. */
const sameDecisions = (a: RulesetContent, b: RulesetContent) =>
  isDeepStrictEqual(
    [a.kind, a.caseTypes ?? [], a.facts ?? [], a.rules],
    [b.kind, b.caseTypes ?? [], b.facts ?? [], b.rules],
  );

const CASE_ID = /^[A-Za-z0-9-]{1,64}$/;
const caseEvaluateBody = bodyParser({
  type: 'object',
  additionalProperties: false,
  properties: { version: VERSION_TARGET },
} as const);

export const handler = createApiHandler(routesOf('rulesets'), {
  ...contentReadActions({
    list: rulesets.listRulesets,
    published: rulesets.getPublishedRuleset,
    versions: rulesets.listRulesetVersions,
    version: rulesets.getRulesetVersion,
    draft: rulesets.getRulesetDraft,
  }),

  putDraft: async (request) => {
    await draftBody(request.body ?? {}, request.lang);
    const draft = await rulesets.saveRulesetDraft(
      contentId(request.params.id),
      request.body as RulesetInput,
      request.user,
      ifMatchVersion(request),
      request.lang,
    );
    const { unprovidedFactWarnings } = await rulesetsModule();
    const warnings = unprovidedFactWarnings(draft, await caseTypes.providedFacts(), request.lang);
    return { body: { ...draft, warnings }, etag: draft.version };
  },

  publish: async (request) => {
    const input = await publishBody(request.body ?? {}, request.lang);
    const id = contentId(request.params.id);
    const before = await rulesets.getPublishedRuleset(id).catch(() => undefined);
    const published = await rulesets.publishRuleset(id, input, request.user, request.lang);
    // The open cases it decides follow the new version at once, not at the next daily run; a version
    // that decides as the one before (a republish of the same rules) changes no case.
    const after = await rulesets.getRulesetVersion(id, published.version);
    const same = before !== undefined && sameDecisions(before, after);
    const redecided = same
      ? { redecided: 0, complete: true }
      : await rulesetCases.redecideOpenCases(id, request.user);
    return { status: 201, body: { ...published, ...redecided } };
  },

  evaluate: async (request) => {
    const input = await evaluateBody(request.body ?? {}, request.lang);
    const id = contentId(request.params.id);
    const version = input.version as number | 'draft' | undefined;
    const result = input.caseId
      ? await evaluation.evaluateCase(request.user, id, input.caseId, version, request.lang)
      : await rulesets.evaluateFacts(id, input.facts ?? {}, version, request.lang);
    return { body: result };
  },

  facts: async () => ({ body: { items: await caseTypes.factCatalogue(), nextCursor: null } }),

  cases: async ({ params, query }) => ({
    body: await rulesetCases.rulesetCases(contentId(params.id), pageLimit(query.limit), query.cursor),
  }),

  evaluateCase: async (request) => {
    const input = await caseEvaluateBody(request.body ?? {}, request.lang);
    const caseId = request.params.caseId ?? '';
    if (!CASE_ID.test(caseId)) throw new AppError('invalid_parameter', { params: { name: 'caseId' } });
    const version = input.version as number | 'draft' | undefined;
    const result = await rulesetCases.evaluateCaseInStudio(
      request.user,
      contentId(request.params.id),
      caseId,
      version,
      request.lang,
    );
    return { body: result };
  },
});
