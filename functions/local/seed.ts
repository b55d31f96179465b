/**
 * First-start content for local mode: the default forms in forms/ and the demo accounts. Only what
 * does not exist yet is written, so an administrator's edits are never overwritten.
 */
import { publishForm, saveFormDraft } from '../cases/forms';
import { publishRuleset, saveRulesetDraft } from '../cases/rulesets';
import type { Role, User } from '../platform/claims';
import { contentRepo } from '../store/content-repo';
import { createAccount } from '../store/users-repo';
import type { DefaultForm, DefaultRuleset } from './content-files';
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

/** Publishes each default ruleset that does not exist yet (after its checks and tests); returns the ids. */
export async function seedRulesets(rulesets: DefaultRuleset[]): Promise<string[]> {
  const repo = contentRepo('RULESET');
  const created: string[] = [];
  for (const { id, ...input } of rulesets) {
    if (await repo.getHead(id)) continue;
    await saveRulesetDraft(id, input, SYSTEM, 0, 'id');
    await publishRuleset(id, { note: 'Aturan bawaan Kawal' }, SYSTEM, 'id');
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
