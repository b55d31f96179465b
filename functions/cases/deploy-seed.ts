/**
 * What the agency's configuration (kawal.config.json) asks the deploy to create: its offices and its
 * first administrator. The deploy writes it as `content/deploy-seed.json` beside the seed job's
 * handler; the job creates what is missing and never changes what exists, so an administrator's later
 * edits (an office renamed, the administrator's roles) survive every deploy.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TIME_ZONES } from '../domain/vocabulary';
import { SYSTEM_USER } from '../platform/claims';
import { AppError } from '../platform/errors';
import { findOffice, saveOffice } from './offices';
import { inviteUser } from './users';

/** The file's name under the package's content/ folder. */
export const SEED_FILE = 'deploy-seed.json';

export interface DeploySeed {
  offices: { id: string; name: string; timeZone?: (typeof TIME_ZONES)[number]; address?: string }[];
  admin?: { email: string; name: string };
}

export interface DeploySeedResult {
  /** Offices created by this run (existing ones are left as they are). */
  offices: string[];
  /** Whether the first administrator was invited (or an existing account of that e-mail linked). */
  adminInvited: boolean;
}

/** Reads the seed the deploy wrote; none (local mode, an older package) is an empty seed. */
export async function readDeploySeed(contentRoot: string): Promise<DeploySeed> {
  let text: string;
  try {
    text = await readFile(join(contentRoot, SEED_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { offices: [] };
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<DeploySeed>;
  return { offices: parsed.offices ?? [], ...(parsed.admin ? { admin: parsed.admin } : {}) };
}

export async function applyDeploySeed(seed: DeploySeed): Promise<DeploySeedResult> {
  const offices: string[] = [];
  for (const office of seed.offices) {
    if (await findOffice(office.id)) continue;
    await saveOffice(SYSTEM_USER, office.id, {
      name: office.name,
      timeZone: office.timeZone ?? TIME_ZONES[0],
      ...(office.address ? { address: office.address } : {}),
    });
    offices.push(office.id);
  }
  let adminInvited = false;
  if (seed.admin) {
    try {
      // The same step as an administrator's invitation: Cognito e-mails a temporary password (or an
      // account of that e-mail made by hand is linked), and the users directory gets the entry.
      await inviteUser(SYSTEM_USER, { email: seed.admin.email, name: seed.admin.name, roles: ['admin'] });
      adminInvited = true;
    } catch (error) {
      // Already in the directory: invited by an earlier deploy, perhaps changed since. Leave it.
      if (!(error instanceof AppError && error.code === 'user_exists')) throw error;
    }
  }
  return { offices, adminInvited };
}
