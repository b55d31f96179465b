/**
 * After each deploy (a CDK trigger in AWS), creates the offices and the first administrator the
 * agency's configuration names (cases/deploy-seed.ts), publishes the default forms, rulesets and case types
 * that do not exist yet, then brings case heads written before case types up to their type. The deploy
 * copies forms/ and rules/ into the function's package; an agency's edits are never overwritten, so
 * running it again is harmless.
 */
import { join } from 'node:path';
import { createJobHandler } from '../platform/job';
import { lazyModule } from '../platform/lazy';
// Every step reads the table: its client loads with the function, as in every handler.
import '../store/client';

// Each step's code (Cognito's client, the content checks, the head migration) loads when the run
// reaches it, inside the job's handler: a step that cannot load fails the run with its log line and
// metric like any other failure, instead of failing the function's start.
const deploySeed = lazyModule(() => import('../cases/deploy-seed'), ['applyDeploySeed', 'readDeploySeed']);
const contentPacks = lazyModule(() => import('../cases/content-packs'), ['seedContentPacks']);
const migrate = lazyModule(() => import('../cases/migrate'), ['migrateCaseHeads']);

/** Where the packs are: beside the handler in Lambda, or a folder named by KAWAL_CONTENT_DIR. */
export function contentRoot(): string {
  return process.env.KAWAL_CONTENT_DIR ?? join(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), 'content');
}

/** What a run created or published (ids only), logged by the job stack (platform/job.ts). */
export interface SeedResult {
  offices: string[];
  adminInvited: boolean;
  forms: string[];
  rulesets: string[];
  caseTypes: string[];
  migrated: number;
}

export const handler = createJobHandler('seed-content', async (): Promise<SeedResult> => {
  // Offices first: the first administrator and the default content may name them.
  const configured = await deploySeed.applyDeploySeed(await deploySeed.readDeploySeed(contentRoot()));
  return {
    ...configured,
    ...(await contentPacks.seedContentPacks(contentRoot())),
    migrated: await migrate.migrateCaseHeads(),
  };
});
