/**
 * People as data: the users directory (who works where, in which role, whether active) read by
 * supervisors for their office and by administrators for any, and kept by administrators, who
 * invite people and change their roles, office, name, NIP or whether they may sign in. Each change
 * goes to the sign-in accounts (Cognito in AWS, the local table on a laptop) and to the directory in
 * the same step.
 */
import { MAX_NAMES } from '../domain/vocabulary';
import type { Role, User } from '../platform/claims';
import { AppError } from '../platform/errors';
import { userPool } from '../store/user-pool';
import {
  createUser,
  type DirectoryUser,
  getUser,
  listUsers,
  recordAuthenticatorReset,
  saveUser,
} from '../store/users-repo';
import { assertKnownOffice, listAllOffices } from './offices';

/** A person as the API shows them; the sign-in name only to administrators. */
export interface UserView {
  id: string;
  name: string;
  roles: Role[];
  office: string | null;
  active: boolean;
  nip?: string;
  username?: string;
  email?: string;
  version?: number;
  /** For administrators: when someone last removed the person's authenticator app. */
  authenticatorResetAt?: string;
}

function viewOf(person: DirectoryUser, forAdmin: boolean): UserView {
  const { id, name, roles, office, active, nip } = person;
  return {
    id,
    name,
    roles,
    office,
    active,
    ...(nip ? { nip } : {}),
    ...(forAdmin
      ? {
          username: person.username,
          ...(person.email ? { email: person.email } : {}),
          version: person.version,
          ...(person.authenticatorReset ? { authenticatorResetAt: person.authenticatorReset.at } : {}),
        }
      : {}),
  };
}

const isAdmin = (user: User) => user.roles.includes('admin');

/**
 * The names of the people `ids` names, for any member of staff: who wrote a note, moved a case,
 * published a form. Only the name (never role, office or contact), only for ids the caller already
 * holds, so nothing is listed; an id that names nobody is left out.
 */
export async function namesOf(ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  const unique = [...new Set(ids)].slice(0, MAX_NAMES);
  const people = await Promise.all(unique.map((id) => getUser(id)));
  return people.flatMap((person) => (person ? [{ id: person.id, name: person.name }] : []));
}

export interface DirectoryQuery {
  office?: string;
  role?: Role;
  active?: boolean;
}

/**
 * The people of an office, by name (a Query per office). A supervisor reads their own office only;
 * an administrator any office, or everyone (office by office, then those without one) when none is named.
 */
export async function listDirectory(user: User, query: DirectoryQuery): Promise<UserView[]> {
  let offices: (string | null)[];
  if (isAdmin(user)) {
    offices =
      query.office !== undefined ? [query.office] : [...(await listAllOffices()).map((o) => o.id), null];
  } else if (user.roles.includes('supervisor') && user.office !== null) {
    if (query.office !== undefined && query.office !== user.office) throw new AppError('forbidden');
    offices = [user.office];
  } else {
    throw new AppError('forbidden');
  }
  const people = (await Promise.all(offices.map((office) => listUsers(office, query.role)))).flat();
  return people
    .filter((person) => query.active === undefined || person.active === query.active)
    .map((person) => viewOf(person, isAdmin(user)));
}

/** Workers and supervisors belong to an office, which must exist; an administrator may have none. */
async function checkPlacement(roles: readonly Role[], office: string | null): Promise<void> {
  if (office !== null) await assertKnownOffice(office);
  else if (roles.some((role) => role !== 'admin')) throw new AppError('office_required');
}

export interface Invitation {
  username?: string;
  email?: string;
  name: string;
  roles: Role[];
  office?: string | null;
  nip?: string;
}

/**
 * Creates the account and its directory entry. Locally the answer carries the first password, once;
 * in AWS Cognito emails it to the person and Kawal never sees it. In AWS, an email the pool already
 * knows but the directory does not (an account made by hand) is linked instead: it gets the name,
 * office and roles asked for, and keeps its password.
 */
export async function inviteUser(
  admin: User,
  input: Invitation,
): Promise<UserView & { temporaryPassword?: string }> {
  const roles = [...new Set(input.roles)];
  const office = input.office ?? null;
  await checkPlacement(roles, office);
  const pool = userPool();
  const email = input.email?.trim().toLowerCase();
  if (pool.kind === 'cognito' && !email) throw new AppError('email_required');
  const username = (pool.kind === 'cognito' ? email : (input.username ?? email))?.trim().toLowerCase();
  if (!username) throw new AppError('email_required');
  // Locally the username is the account's key: refuse a taken one before making a password for it.
  if (pool.kind === 'local' && (await getUser(username))) throw new AppError('user_exists');
  const name = input.name.trim();
  const account = await pool.create({ username, ...(email ? { email } : {}), name, roles, office });
  if (account.existing) {
    // An account made outside Kawal (or by an invitation whose directory write failed) joins the
    // directory with what the administrator asked for; one already in the directory is a conflict.
    if (await getUser(account.id)) throw new AppError('user_exists');
    await pool.change(account.id, { name, office, addRoles: roles });
  }
  const now = new Date().toISOString();
  const person: DirectoryUser = {
    id: account.id,
    username,
    name,
    roles,
    office,
    active: true,
    ...(input.nip ? { nip: input.nip } : {}),
    ...(email ? { email } : {}),
    version: 1,
    createdAt: now,
    updatedAt: now,
    updatedBy: admin.id,
  };
  if (!(await createUser(person, account.passwordHash))) throw new AppError('user_exists');
  return {
    ...viewOf(person, true),
    ...(account.temporaryPassword ? { temporaryPassword: account.temporaryPassword } : {}),
  };
}

export interface UserPatch {
  name?: string;
  roles?: Role[];
  office?: string | null;
  active?: boolean;
  /** null removes it. */
  nip?: string | null;
}

/**
 * Removes a person's authenticator app after they lost or replaced their phone, and signs them out
 * everywhere; the directory records who did it and when. 409 `no_authenticator` when they have none.
 */
export async function resetAuthenticator(admin: User, id: string): Promise<UserView> {
  const current = await getUser(id);
  if (!current) throw new AppError('user_not_found');
  if (!(await userPool().resetAuthenticator(id))) throw new AppError('no_authenticator');
  const authenticatorReset = { at: new Date().toISOString(), by: admin.id };
  await recordAuthenticatorReset(id, authenticatorReset.at, authenticatorReset.by);
  return viewOf({ ...current, authenticatorReset }, true);
}

/** Changes a person's roles, office, name, NIP or whether they may sign in (and be assigned cases). */
export async function patchUser(
  admin: User,
  id: string,
  patch: UserPatch,
  expectedVersion: number | undefined,
): Promise<UserView> {
  const current = await getUser(id);
  if (!current) throw new AppError('user_not_found');
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw new AppError('version_mismatch', { params: { current: current.version } });
  }
  const roles = patch.roles ? [...new Set(patch.roles)] : current.roles;
  const office = patch.office !== undefined ? patch.office : current.office;
  const active = patch.active ?? current.active;
  // An administrator cannot lock themselves out.
  if (id === admin.id && (!active || !roles.includes('admin'))) throw new AppError('own_account');
  if (patch.roles !== undefined || patch.office !== undefined) await checkPlacement(roles, office);
  const name = patch.name?.trim() ?? current.name;
  const { nip: _nip, ...rest } = current;
  const nip = patch.nip === undefined ? current.nip : (patch.nip ?? undefined);
  const next: DirectoryUser = {
    ...rest,
    name,
    roles,
    office,
    active,
    ...(nip ? { nip } : {}),
    version: current.version + 1,
    updatedAt: new Date().toISOString(),
    updatedBy: admin.id,
  };
  await userPool().change(id, {
    ...(name !== current.name ? { name } : {}),
    ...(office !== current.office ? { office } : {}),
    addRoles: roles.filter((role) => !current.roles.includes(role)),
    removeRoles: current.roles.filter((role) => !roles.includes(role)),
    ...(active !== current.active ? { active } : {}),
  });
  if (!(await saveUser(next))) {
    const now = await getUser(id);
    throw new AppError('version_mismatch', { params: { current: now?.version ?? current.version } });
  }
  return viewOf(next, true);
}
