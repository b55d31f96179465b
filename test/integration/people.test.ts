/**
 * People and offices as data, and search before create, through the real handlers over DynamoDB
 * Local: the users directory per office and role, an administrator inviting, changing and disabling
 * people, assignees and transfer targets checked against it, and finding a client's cases by NIK or
 * by name and birth date (in scope, with counts elsewhere), with a duplicate NIK needing confirmation.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateCaseHeads } from '../../functions/cases/migrate';
import type { LocalKawal } from '../../functions/local/app';
import { seedAccounts } from '../../functions/local/seed';
import { ensureTable } from '../../functions/local/table';
import { caseWorkingSet, commitCaseChange } from '../../functions/store/cases-repo';
import { db, tableName } from '../../functions/store/client';
import { hashPassword } from '../../functions/store/passwords';
import { TABLE_SPEC } from '../../functions/store/table-spec';
import { ADULT, type CaseBody, type ErrorBody, openCase } from '../support/cases';
import { type Client, login, PASSWORD, send, startTestKawal } from '../support/kawal';

interface Person {
  id: string;
  name: string;
  roles: string[];
  office: string | null;
  active: boolean;
  nip?: string;
  username?: string;
  version?: number;
  temporaryPassword?: string;
}

interface Match {
  id: string;
  client: { name: string; birthDate: string; nik?: string };
  caseType: string;
  caseTypeTitle: string;
  stage: string;
  stageTitle: string;
  office: string;
  officeName: string;
  assignee: string | null;
}

interface Search {
  items: Match[];
  elsewhere?: { office: string; officeName: string; count: number }[];
  othersInOffice?: number;
}

let kawal: LocalKawal;
let admin: Client;
let kabapas1: Client;
let kabapas2: Client;
let pk1: Client;
let pk2: Client;

beforeAll(async () => {
  kawal = await startTestKawal();
  admin = await login(kawal, 'admin');
  kabapas1 = await login(kawal, 'kabapas1');
  kabapas2 = await login(kawal, 'kabapas2');
  pk1 = await login(kawal, 'pk1');
  pk2 = await login(kawal, 'pk2');
});
afterAll(async () => kawal?.stop());

/** A different 16-digit NIK for each call. */
let nikCounter = 0;
const newNik = () => `32${Date.now().toString().slice(-10)}${String(nikCounter++).padStart(4, '0')}`;
const unique = (prefix: string) => `${prefix}${randomUUID().slice(0, 8)}`;

/** Records the DynamoDB commands sent while `action` runs (the handlers run in this process). */
async function commandsDuring(action: () => Promise<unknown>): Promise<{ name: string; input: unknown }[]> {
  const seen: { name: string; input: unknown }[] = [];
  const name = `watch-${Math.random()}`;
  db().middlewareStack.add(
    (next, context) => async (args) => {
      seen.push({ name: String(context.commandName), input: args.input });
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    await action();
  } finally {
    db().middlewareStack.remove(name);
  }
  return seen;
}

async function users(client: Client, query: string) {
  return client.request<Person[]>('GET', `/api/users${query}`);
}

async function invite(body: Record<string, unknown>) {
  return admin.request<Person & ErrorBody>('POST', '/api/users', { body });
}

async function officeCases(client: Client): Promise<CaseBody[]> {
  return (await client.request<{ items: CaseBody[] }>('GET', '/api/cases?limit=100')).body.items;
}

describe('the users directory', () => {
  it('lists an office’s people by name, with their roles, office, NIP and whether active', async () => {
    const reply = await admin.request<Person[]>('GET', '/api/users?office=bapas-1');
    expect(reply.status).toBe(200);
    const byId = new Map(reply.body.map((person) => [person.id, person]));
    expect(byId.get('pk1')).toMatchObject({
      name: 'PK Satu',
      roles: ['worker'],
      office: 'bapas-1',
      active: true,
      nip: '199001012099011001',
    });
    expect(byId.get('kabapas1')).toMatchObject({ roles: ['supervisor'], office: 'bapas-1' });
    expect(byId.has('pk2')).toBe(false);
    const names = reply.body.map((person) => person.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('filters by role, and serves a supervisor their own office by a Query, never a Scan', async () => {
    let reply: Awaited<ReturnType<typeof users>> | undefined;
    const commands = await commandsDuring(async () => {
      reply = await users(kabapas1, '?role=worker');
    });
    expect(reply?.status).toBe(200);
    expect(
      reply?.body.every((person) => person.roles.includes('worker') && person.office === 'bapas-1'),
    ).toBe(true);
    expect(reply?.body.map((person) => person.id)).toContain('pk1');
    // The supervisor does not learn sign-in names.
    expect(reply?.body[0]?.username).toBeUndefined();
    const names = commands.map((command) => command.name);
    expect(names).toContain('QueryCommand');
    expect(names).not.toContain('ScanCommand');
  });

  it('refuses a worker, and a supervisor asking for another office', async () => {
    expect((await users(pk1, '?office=bapas-1')).status).toBe(403);
    expect((await users(pk1, '')).status).toBe(403);
    const other = await users(kabapas1, '?office=bapas-2');
    expect(other.status).toBe(403);
    expect((await users(kabapas2, '?office=bapas-2')).status).toBe(200);
    expect((await users(kabapas1, '?role=kepala')).status).toBe(400);
  });

  it('lets an administrator list everyone, office by office', async () => {
    const everyone = await users(admin, '');
    expect(everyone.body.map((person) => person.id)).toEqual(
      expect.arrayContaining(['admin', 'kabapas1', 'kabapas2', 'pk1', 'pk2']),
    );
    expect(everyone.body.find((person) => person.id === 'admin')?.office).toBeNull();
  });

  it('names the people a caller already holds the ids of, to anyone of staff, and nothing more', async () => {
    const reply = await pk1.request<{ items: Record<string, unknown>[] }>(
      'GET',
      '/api/users/names?ids=kabapas2,pk2,nobody,pk2',
    );
    expect(reply.status).toBe(200);
    // Only id and name: no role, office, NIP or sign-in name; an unknown id is left out; each once.
    expect(reply.body.items).toEqual([
      { id: 'kabapas2', name: 'Kepala Bapas Dua' },
      { id: 'pk2', name: 'PK Dua' },
    ]);
  });

  it('refuses a names lookup without ids, with a malformed one, or with more than 50', async () => {
    for (const query of [
      '',
      '?ids=',
      '?ids=pk1,a%20b',
      `?ids=${Array.from({ length: 51 }, (_, i) => `p${i}`).join(',')}`,
    ]) {
      const reply = await pk1.request<ErrorBody>('GET', `/api/users/names${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.body.error.code).toBe('invalid_parameter');
    }
  });
});

describe('an administrator keeping the directory', () => {
  it('invites a worker, who signs in with the password shown once and appears in the office', async () => {
    const username = unique('pk');
    const reply = await invite({
      username,
      name: 'PK Tiga Contoh',
      roles: ['worker'],
      office: 'bapas-1',
      nip: '199303032099013003',
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      id: username,
      name: 'PK Tiga Contoh',
      roles: ['worker'],
      office: 'bapas-1',
      active: true,
    });
    const password = reply.body.temporaryPassword ?? '';
    expect(password.length).toBeGreaterThanOrEqual(16);
    const signedIn = await send<{ user: { id: string; office: string } }>(
      kawal.url,
      'POST',
      '/api/auth/login',
      {
        body: { username, password },
      },
    );
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ id: username, office: 'bapas-1' });
    const listed = await users(kabapas1, '?role=worker');
    expect(listed.body.map((person) => person.id)).toContain(username);
    // The same username again is a conflict, and the first account is untouched.
    const again = await invite({ username, name: 'Orang Lain', roles: ['worker'], office: 'bapas-2' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('user_exists');
    expect((await users(admin, '?office=bapas-2')).body.map((p) => p.id)).not.toContain(username);
  });

  it('refuses a worker without an office or in one that does not exist, writing nothing', async () => {
    const username = unique('pk');
    const without = await invite({ username, name: 'Tanpa Kantor', roles: ['worker'] });
    expect(without.status).toBe(422);
    expect(without.body.error.code).toBe('office_required');
    const unknown = await invite({ username, name: 'Kantor Asing', roles: ['worker'], office: 'bapas-9' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('unknown_office');
    expect(unknown.body.error.message).not.toMatch(/bapas-9|unknown_office/);
    const login = await send(kawal.url, 'POST', '/api/auth/login', { body: { username, password: 'x' } });
    expect(login.status).toBe(401);
    expect((await users(admin, '')).body.map((person) => person.id)).not.toContain(username);
    expect((await invite({ name: 'Tanpa Nama Pengguna', roles: ['admin'] })).status).toBe(400);
  });

  it('changes a person’s name, NIP, office and role, and disables and enables them', async () => {
    const username = unique('pk');
    const invited = await invite({ username, name: 'PK Empat', roles: ['worker'], office: 'bapas-1' });
    const password = invited.body.temporaryPassword ?? '';

    const renamed = await admin.request<Person>('PATCH', `/api/users/${username}`, {
      body: { name: 'PK Empat Contoh', nip: '199404042099014004' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'PK Empat Contoh', nip: '199404042099014004', version: 2 });
    expect(renamed.headers.get('etag')).toBe('"2"');

    const moved = await admin.request<Person>('PATCH', `/api/users/${username}`, {
      body: { office: 'bapas-2' },
    });
    expect(moved.body.office).toBe('bapas-2');
    expect((await users(kabapas2, '')).body.map((p) => p.id)).toContain(username);
    expect((await users(kabapas1, '')).body.map((p) => p.id)).not.toContain(username);

    const stale = await admin.request<ErrorBody>('PATCH', `/api/users/${username}`, {
      body: { nip: null },
      headers: { 'if-match': '"2"' },
    });
    expect(stale.status).toBe(412);

    const disabled = await admin.request<Person>('PATCH', `/api/users/${username}`, {
      body: { active: false },
    });
    expect(disabled.body.active).toBe(false);
    const refused = await send(kawal.url, 'POST', '/api/auth/login', { body: { username, password } });
    expect(refused.status).toBe(401);
    expect((await users(kabapas2, '?active=true')).body.map((p) => p.id)).not.toContain(username);
    expect((await users(kabapas2, '?active=false')).body.map((p) => p.id)).toContain(username);

    await admin.request('PATCH', `/api/users/${username}`, {
      body: { active: true, roles: ['worker', 'supervisor'] },
    });
    const back = await send<{ user: { roles: string[] } }>(kawal.url, 'POST', '/api/auth/login', {
      body: { username, password },
    });
    expect(back.status).toBe(200);
    expect(back.body.user.roles).toEqual(['worker', 'supervisor']);
  });

  it('refuses to lock an administrator out of their own account, and an unknown person', async () => {
    const self = await admin.request<ErrorBody>('PATCH', '/api/users/admin', { body: { active: false } });
    expect(self.status).toBe(422);
    expect(self.body.error.code).toBe('own_account');
    const demoted = await admin.request<ErrorBody>('PATCH', '/api/users/admin', {
      body: { roles: ['worker'] },
    });
    expect(demoted.body.error.code).toBe('own_account');
    const unknown = await admin.request<ErrorBody>('PATCH', '/api/users/tidak-ada', { body: { name: 'X' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('user_not_found');
    const notAdmin = await kabapas1.request('PATCH', '/api/users/pk1', { body: { name: 'X' } });
    expect(notAdmin.status).toBe(403);
  });

  it('moves accounts an earlier Kawal wrote into the directory', async () => {
    const username = unique('lama');
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          pk: `USER#${username}`,
          sk: 'ACCOUNT',
          type: 'ACCOUNT',
          gsi1pk: 'ACCOUNTS',
          gsi1sk: username,
          username,
          name: 'Akun Lama',
          roles: ['worker'],
          office: 'bapas-2',
          passwordHash: await hashPassword(PASSWORD),
        },
      }),
    );
    await seedAccounts(PASSWORD);
    const listed = await users(kabapas2, '');
    expect(listed.body.find((person) => person.id === username)).toMatchObject({
      name: 'Akun Lama',
      active: true,
    });
    expect((await login(kawal, username)).token).toBeTruthy();
  });
});

describe("resetting a person's authenticator app", () => {
  const reset = (client: Client, id: string) =>
    client.request<ErrorBody>('POST', `/api/users/${id}/authenticator/reset`);

  it('is for administrators only', async () => {
    expect((await reset(kabapas1, 'pk1')).status).toBe(403);
    expect((await reset(pk1, 'pk1')).status).toBe(403);
  });

  it('says a laptop account has none to reset, in Indonesian, and changes nothing', async () => {
    const before = await admin.request<Person[]>('GET', '/api/users?office=bapas-1');
    const reply = await reset(admin, 'pk1');
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('no_authenticator');
    expect(reply.body.error.message).toBe(
      'Orang ini belum memasang aplikasi autentikator, jadi tidak ada yang perlu diatur ulang.',
    );
    const after = await admin.request<Person[]>('GET', '/api/users?office=bapas-1');
    expect(after.body).toEqual(before.body);
    expect(after.body.find((person) => person.id === 'pk1')).not.toHaveProperty('authenticatorResetAt');
  });

  it('answers 404 for someone not in the directory', async () => {
    const reply = await reset(admin, 'nobody-here');
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('user_not_found');
  });
});

describe('assignees and transfer targets', () => {
  const client = () => ({ ...ADULT, name: unique('Klien Penugasan ') });

  it('refuses (422) an assignee of another office, disabled, unknown or not a worker, writing nothing', async () => {
    const disabled = unique('pk');
    await invite({ username: disabled, name: 'PK Nonaktif', roles: ['worker'], office: 'bapas-1' });
    await admin.request('PATCH', `/api/users/${disabled}`, { body: { active: false } });
    const before = (await officeCases(kabapas1)).length;
    for (const assignee of ['pk2', disabled, 'tidak-ada', 'kabapas1']) {
      const reply = await kabapas1.request<ErrorBody>('POST', '/api/cases', {
        body: { client: client(), caseType: 'integrasi', assignee },
      });
      expect(reply.status, assignee).toBe(422);
      expect(reply.body.error.code, assignee).toBe('invalid_assignee');
      expect(reply.body.error.message).not.toContain(assignee);
    }
    expect((await officeCases(kabapas1)).length).toBe(before);
    const ok = await kabapas1.request<CaseBody>('POST', '/api/cases', {
      body: { client: client(), caseType: 'integrasi', assignee: 'pk1' },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.assignee).toBe('pk1');
  });

  it('refuses the same on a reassignment, and keeps the case as it was', async () => {
    const opened = await openCase(kabapas1, { client: client() });
    for (const assignee of ['pk2', 'tidak-ada']) {
      const reply = await kabapas1.request<ErrorBody>('PATCH', `/api/cases/${opened.id}`, {
        body: { assignee },
      });
      expect(reply.status).toBe(422);
      expect(reply.body.error.code).toBe('invalid_assignee');
    }
    const after = await kabapas1.request<CaseBody>('GET', `/api/cases/${opened.id}`);
    expect(after.body.assignee).toBeNull();
    expect(after.body.version).toBe(opened.version);
    const assigned = await kabapas1.request<CaseBody>('PATCH', `/api/cases/${opened.id}`, {
      body: { assignee: 'pk1' },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignee).toBe('pk1');
    const unassigned = await kabapas1.request<CaseBody>('PATCH', `/api/cases/${opened.id}`, {
      body: { assignee: null },
    });
    expect(unassigned.body.assignee).toBeNull();
  });

  it('refuses (422) a transfer to an office that does not exist or to the case’s own office', async () => {
    const opened = await openCase(kabapas1, { client: client() });
    const unknown = await kabapas1.request<ErrorBody>('POST', `/api/cases/${opened.id}/transfer`, {
      body: { toOffice: 'bapas-9', reason: 'Klien pindah' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('unknown_office');
    const same = await kabapas1.request<ErrorBody>('POST', `/api/cases/${opened.id}/transfer`, {
      body: { toOffice: 'bapas-1', reason: 'Klien pindah' },
    });
    expect(same.status).toBe(422);
    expect(same.body.error.code).toBe('same_office');
    const after = await kabapas1.request<CaseBody>('GET', `/api/cases/${opened.id}`);
    expect(after.body.transfer).toBeNull();
    expect(after.body.version).toBe(opened.version);
  });
});

describe('searching before opening a case', () => {
  const search = (client: Client, query: string) =>
    client.request<Search>('GET', `/api/cases/search?${query}`);

  it('finds a client’s cases by NIK in the caller’s scope, by one Query on the client index', async () => {
    const nik = newNik();
    const name = unique('Sari Cari ');
    const opened = await openCase(pk1, { client: { ...ADULT, name, nik } });
    let reply: Awaited<ReturnType<typeof search>> | undefined;
    const commands = await commandsDuring(async () => {
      reply = await search(pk1, `nik=${nik}`);
    });
    expect(reply?.status).toBe(200);
    expect(reply?.body.items).toEqual([
      {
        id: opened.id,
        client: { name, birthDate: ADULT.birthDate, nik },
        caseType: 'integrasi',
        caseTypeTitle: 'Integrasi narapidana dewasa (PB, CB, CMB, asimilasi)',
        stage: 'intake',
        stageTitle: 'Identifikasi',
        office: 'bapas-1',
        officeName: 'Bapas Kota Contoh Satu',
        assignee: 'pk1',
      },
    ]);
    expect(reply?.body.elsewhere).toBeUndefined();
    // One Query finds the matches (others may read the case type's and offices' titles).
    const onIndex = commands.filter(
      (command) => (command.input as { IndexName?: string } | undefined)?.IndexName === 'gsi6',
    );
    expect(onIndex.map((command) => command.name)).toEqual(['QueryCommand']);
    expect(commands.map((command) => command.name)).not.toContain('ScanCommand');
  });

  it('finds them by name and birth date whatever the spelling of case, spaces and accents', async () => {
    const name = unique('Dewi Penelusuran ');
    const opened = await openCase(pk1, { client: { ...ADULT, name, birthDate: '1991-07-08' } });
    const typed = `  ${name.toUpperCase().replace(' ', '   ').replace('E', 'É')} `;
    const found = await search(pk1, `name=${encodeURIComponent(typed)}&birthDate=1991-07-08`);
    expect(found.body.items.map((match) => match.id)).toEqual([opened.id]);
    const otherDate = await search(pk1, `name=${encodeURIComponent(name)}&birthDate=1991-07-09`);
    expect(otherDate.body.items).toEqual([]);
  });

  it('tells a supervisor how many matches other offices hold, without their contents; a worker neither', async () => {
    const nik = newNik();
    const opened = await openCase(pk1, { client: { ...ADULT, nik } });
    const own = await search(kabapas1, `nik=${nik}`);
    expect(own.body.items.map((match) => match.id)).toEqual([opened.id]);
    expect(own.body.elsewhere).toEqual([]);
    const other = await search(kabapas2, `nik=${nik}`);
    expect(other.body.items).toEqual([]);
    expect(other.body.elsewhere).toEqual([
      { office: 'bapas-1', officeName: 'Bapas Kota Contoh Satu', count: 1 },
    ]);
    expect(JSON.stringify(other.body)).not.toContain(opened.id);
    const worker = await search(pk2, `nik=${nik}`);
    expect(worker.body.items).toEqual([]);
    expect(worker.body.elsewhere).toBeUndefined();
    expect(worker.body.othersInOffice).toBe(0);
  });

  it('tells a worker that a colleague in their office holds a match, without what it is', async () => {
    const nik = newNik();
    const opened = await openCase(kabapas1, { client: { ...ADULT, nik } });
    const worker = await search(pk1, `nik=${nik}`);
    expect(worker.body.items).toEqual([]);
    expect(worker.body.othersInOffice).toBe(1);
    expect(JSON.stringify(worker.body)).not.toContain(opened.id);
  });

  it('follows the case: a move, an assignment and an accepted transfer show in the next search', async () => {
    const nik = newNik();
    const opened = await openCase(pk1, { client: { ...ADULT, nik } });
    await pk1.request('POST', `/api/cases/${opened.id}/transitions`, { body: { to: 'assessment' } });
    expect((await search(pk1, `nik=${nik}`)).body.items[0]?.stage).toBe('assessment');
    await kabapas1.request('POST', `/api/cases/${opened.id}/transfer`, {
      body: { toOffice: 'bapas-2', reason: 'Klien pindah domisili' },
    });
    const accepted = await kabapas2.request('POST', `/api/cases/${opened.id}/transfer/accept`);
    expect(accepted.status).toBe(200);
    const receiving = await search(kabapas2, `nik=${nik}`);
    expect(receiving.body.items.map((match) => match.office)).toEqual(['bapas-2']);
    const sending = await search(kabapas1, `nik=${nik}`);
    expect(sending.body.items).toEqual([]);
    expect(sending.body.elsewhere).toEqual([
      { office: 'bapas-2', officeName: 'Bapas Kota Contoh Dua', count: 1 },
    ]);
  });

  it('refuses a malformed search (400) and a caller without a case role (403)', async () => {
    expect((await search(pk1, 'nik=12345')).status).toBe(400);
    expect((await search(pk1, 'name=Budi')).status).toBe(400);
    expect((await search(pk1, 'name=Budi&birthDate=1990-02-31')).status).toBe(400);
    expect((await search(pk1, '')).status).toBe(400);
    expect((await search(admin, 'nik=3201010101010001')).status).toBe(403);
  });

  it('answers 409 duplicate_nik for a NIK already in the office, then opens the case once confirmed', async () => {
    const nik = newNik();
    const first = await openCase(pk1, { client: { ...ADULT, nik } });
    const body = { client: { ...ADULT, nik }, caseType: 'pembimbingan' };
    const refused = await kabapas1.request<ErrorBody>('POST', '/api/cases', { body });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('duplicate_nik');
    expect(refused.body.error.details).toEqual([
      expect.objectContaining({ path: '/client/nik', case: expect.objectContaining({ id: first.id }) }),
    ]);
    expect((await search(kabapas1, `nik=${nik}`)).body.items).toHaveLength(1);
    // A worker who may not read the other case learns it exists, not what it is.
    const worker = await pk1.request<ErrorBody>('POST', '/api/cases', { body });
    expect(worker.status).toBe(409);
    const confirmed = await kabapas1.request<CaseBody>('POST', '/api/cases', {
      body: { ...body, confirmDuplicate: true },
    });
    expect(confirmed.status).toBe(201);
    expect((await search(kabapas1, `nik=${nik}`)).body.items.map((match) => match.id).sort()).toEqual(
      [first.id, confirmed.body.id].sort(),
    );
    // Another office has no case with that NIK: no confirmation needed there.
    const elsewhere = await kabapas2.request<CaseBody>('POST', '/api/cases', { body });
    expect(elsewhere.status).toBe(201);
  });

  it('gives cases from before the search their keys when Kawal starts (the head migration)', async () => {
    const nik = newNik();
    const opened = await openCase(pk1, { client: { ...ADULT, nik } });
    // As an earlier Kawal left it: the head without its key items or their marker.
    for (const sk of ['CLIENT#NIK', 'CLIENT#PERSON']) {
      await db().send(new DeleteCommand({ TableName: tableName(), Key: { pk: `CASE#${opened.id}`, sk } }));
    }
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `CASE#${opened.id}`, sk: 'HEAD' },
        UpdateExpression: 'REMOVE clientKeys',
      }),
    );
    expect((await search(pk1, `nik=${nik}`)).body.items).toEqual([]);
    await migrateCaseHeads();
    expect((await search(pk1, `nik=${nik}`)).body.items.map((match) => match.id)).toEqual([opened.id]);
    // The case itself did not change.
    expect((await pk1.request<CaseBody>('GET', `/api/cases/${opened.id}`)).body.version).toBe(opened.version);
  });
});

describe('the client key items', () => {
  /** The client key items a write of the head puts, by sort key. */
  async function keyWritesDuring(action: () => Promise<unknown>): Promise<string[]> {
    const commands = await commandsDuring(action);
    // The document client's TransactWriteCommand runs as TransactWriteItemsCommand; keys may be marshalled.
    const writes = commands.filter((command) => command.name.startsWith('TransactWrite'));
    expect(writes).toHaveLength(1);
    const items = writes.flatMap(
      (command) => (command.input as { TransactItems: { Put?: { Item: { sk: unknown } } }[] }).TransactItems,
    );
    const skOf = (sk: unknown) =>
      typeof sk === 'string' ? sk : ((sk as { S?: string } | undefined)?.S ?? '');
    return items.map((item) => skOf(item.Put?.Item.sk)).filter((sk) => sk.startsWith('CLIENT#'));
  }

  async function rewrite(caseId: string, change: (head: CaseBody & { version: number }) => object) {
    const { head } = await caseWorkingSet(caseId);
    if (!head) throw new Error('no head');
    return keyWritesDuring(() =>
      commitCaseChange({
        head: {
          ...head,
          ...change(head as unknown as CaseBody & { version: number }),
          version: head.version + 1,
        },
        expectedVersion: head.version,
        previous: head,
        caseId,
        today: '2026-12-01',
        writes: [],
      }),
    );
  }

  it('are written with a head only when what they hold changed, and always for a head from before them', async () => {
    const nik = newNik();
    const opened = await openCase(pk1, { client: { ...ADULT, nik } });
    expect(await rewrite(opened.id, () => ({ updatedAt: new Date().toISOString() }))).toEqual([]);
    expect((await rewrite(opened.id, () => ({ stage: 'assessment' }))).sort()).toEqual([
      'CLIENT#NIK',
      'CLIENT#PERSON',
    ]);
    // A head an earlier Kawal wrote: no marker, no items; its next write gives it both.
    for (const sk of ['CLIENT#NIK', 'CLIENT#PERSON']) {
      await db().send(new DeleteCommand({ TableName: tableName(), Key: { pk: `CASE#${opened.id}`, sk } }));
    }
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `CASE#${opened.id}`, sk: 'HEAD' },
        UpdateExpression: 'REMOVE clientKeys',
      }),
    );
    expect((await rewrite(opened.id, () => ({}))).sort()).toEqual(['CLIENT#NIK', 'CLIENT#PERSON']);
    const found = await pk1.request<Search>('GET', `/api/cases/search?nik=${nik}`);
    expect(found.body.items.map((match) => [match.id, match.stage])).toEqual([[opened.id, 'assessment']]);
  });
});

describe('a table made by an earlier Kawal', () => {
  it('gets the indexes it lacks when local mode starts on it', async () => {
    const endpoint = kawal.dynamoEndpoint;
    const name = `kawal-old-${randomUUID()}`;
    const client = new DynamoDBClient({
      endpoint,
      region: 'ap-southeast-3',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const older = TABLE_SPEC.indexes.filter((index) => index.name !== 'gsi6');
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ['pk', 'sk', ...older.flatMap((i) => [i.partitionKey, i.sortKey])].map(
          (attribute) => ({ AttributeName: attribute, AttributeType: 'S' }),
        ),
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: older.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
    try {
      expect(await ensureTable(endpoint, name)).toBe('existing');
      const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
      expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
        TABLE_SPEC.indexes.map((index) => index.name).sort(),
      );
    } finally {
      await client.send(new DeleteTableCommand({ TableName: name }));
      client.destroy();
    }
    // DynamoDB Local builds a new index in the background, after the other files' work on the same store.
  }, 180_000);
});
