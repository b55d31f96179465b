/** The demo accounts and offices of local mode (Cognito holds the users in AWS), created once. */
import { saveOffice } from '../cases/offices';
import { type Role, SYSTEM_USER } from '../platform/claims';
import { getOffice } from '../store/offices-repo';
import { hashPassword } from '../store/passwords';
import { createAccount, upgradeAccounts } from '../store/users-repo';

export interface DemoAccount {
  username: string;
  name: string;
  roles: Role[];
  office: string | null;
  /** The NIP the default forms' examples give this person (fictional), when they give one. */
  nip?: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', name: 'Administrator Kawal', roles: ['admin'], office: null },
  {
    username: 'kabapas1',
    name: 'Kepala Bapas Satu',
    roles: ['supervisor'],
    office: 'bapas-1',
    nip: '197001012099011001',
  },
  { username: 'pk1', name: 'PK Satu', roles: ['worker'], office: 'bapas-1', nip: '199001012099011001' },
  { username: 'kabapas2', name: 'Kepala Bapas Dua', roles: ['supervisor'], office: 'bapas-2' },
  { username: 'pk2', name: 'PK Dua', roles: ['worker'], office: 'bapas-2', nip: '199202022099012002' },
];

/**
 * Creates the demo accounts a data folder lacks (each a users directory entry too), after moving
 * accounts an earlier Kawal wrote into the directory.
 */
export async function seedAccounts(password: string): Promise<string[]> {
  await upgradeAccounts();
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (await createAccount({ ...account, passwordHash: await hashPassword(password) }))
      created.push(account.username);
  }
  return created;
}

/** The demo offices (fictional), created once; an administrator may rename or move them. */
export const DEMO_OFFICES = [
  { id: 'bapas-1', name: 'Bapas Kota Contoh Satu', timeZone: 'Asia/Jakarta', address: 'Jl. Contoh No. 1' },
  { id: 'bapas-2', name: 'Bapas Kota Contoh Dua', timeZone: 'Asia/Makassar', address: 'Jl. Contoh No. 2' },
] as const;

export async function seedOffices(): Promise<string[]> {
  const created: string[] = [];
  for (const { id, ...office } of DEMO_OFFICES) {
    if (await getOffice(id)) continue;
    await saveOffice(SYSTEM_USER, id, office);
    created.push(id);
  }
  return created;
}
