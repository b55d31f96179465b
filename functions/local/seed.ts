/**
 * First-start content for local mode: the default forms in forms/ and the demo accounts. Only what
 * does not exist yet is written, so an administrator's edits are never overwritten.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FormDefinition, publishForm, saveFormDraft } from '../cases/forms';
import type { Role, User } from '../platform/claims';
import { contentRepo } from '../store/content-repo';
import { createAccount } from '../store/users-repo';
import { hashPassword } from './passwords';

export interface DemoAccount {
  username: string;
  name: string;
  roles: Role[];
  office: string | null;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', name: 'Administrator Kawal', roles: ['admin'], office: null },
  { username: 'kabapas1', name: 'Kepala Bapas Satu', roles: ['supervisor'], office: 'bapas-1' },
  { username: 'pk1', name: 'PK Satu', roles: ['worker'], office: 'bapas-1' },
  { username: 'kabapas2', name: 'Kepala Bapas Dua', roles: ['supervisor'], office: 'bapas-2' },
  { username: 'pk2', name: 'PK Dua', roles: ['worker'], office: 'bapas-2' },
];

const SYSTEM: User = { id: 'system', name: 'Kawal', roles: ['admin'], office: null };

export interface DefaultForm extends FormDefinition {
  id: string;
  /** Valid sample data, used by the tests and benchmarks; not stored. */
  example?: unknown;
}

/** The form definitions shipped in `dir` (forms/*.json), sorted by id. */
export function readDefaultForms(dir: string): DefaultForm[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as DefaultForm);
}

/** Publishes each default form that does not exist yet; returns the ids it created. */
export async function seedForms(forms: DefaultForm[]): Promise<string[]> {
  const repo = contentRepo('FORM');
  const created: string[] = [];
  for (const { id, example: _example, ...definition } of forms) {
    if (await repo.getHead(id)) continue;
    await saveFormDraft(id, definition, SYSTEM, 0, 'id');
    await publishForm(id, { note: 'Formulir bawaan Kawal' }, SYSTEM);
    created.push(id);
  }
  return created;
}

export async function seedAccounts(password: string): Promise<string[]> {
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (await createAccount({ ...account, passwordHash: await hashPassword(password) }))
      created.push(account.username);
  }
  return created;
}
