/**
 * HTTP handler for the users directory: supervisors read their office's people, administrators read
 * anyone's and invite or change people (the only function allowed to call Cognito's admin API).
 */
import { MAX_NAMES } from '../domain/vocabulary';
import { ROLES, type Role } from '../platform/claims';
import { AppError } from '../platform/errors';
import { type ApiRequest, createApiHandler, ifMatchVersion } from '../platform/http';
import { lazyModule } from '../platform/lazy';
// Every route reads the table: its client loads with the function; each use case on its first request.
import '../store/client';
import { bodyParser } from '../validation/request';
import { routesOf } from './routes';

const users = lazyModule(
  () => import('../cases/users'),
  ['inviteUser', 'listDirectory', 'namesOf', 'patchUser', 'resetAuthenticator'],
);

const OFFICE_PATTERN = '^[a-z0-9][a-z0-9-]{0,63}$';
const OFFICE = { anyOf: [{ type: 'string', pattern: OFFICE_PATTERN }, { type: 'null' }] } as const;
const NAME = { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' } as const;
const ROLE_LIST = {
  type: 'array',
  minItems: 1,
  uniqueItems: true,
  items: { enum: ROLES },
} as const;
/** Nomor Induk Pegawai: 18 digits. */
const NIP = { type: 'string', pattern: '^[0-9]{18}$' } as const;

const inviteBody = bodyParser({
  type: 'object',
  required: ['name', 'roles'],
  additionalProperties: false,
  anyOf: [{ required: ['username'] }, { required: ['email'] }],
  properties: {
    username: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._@+-]{2,127}$' },
    email: { type: 'string', format: 'email', maxLength: 254 },
    name: NAME,
    roles: ROLE_LIST,
    office: OFFICE,
    nip: NIP,
  },
} as const);

const patchBody = bodyParser({
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: {
    name: NAME,
    roles: ROLE_LIST,
    office: OFFICE,
    active: { type: 'boolean' },
    nip: { anyOf: [NIP, { type: 'null' }] },
  },
} as const);

const USER_ID = /^[A-Za-z0-9._@+-]{1,128}$/;
const OFFICE_ID = new RegExp(OFFICE_PATTERN);

function userId(request: ApiRequest): string {
  const id = request.params.id;
  if (id === undefined || !USER_ID.test(id))
    throw new AppError('invalid_parameter', { params: { name: 'id' } });
  return id;
}

/** `?ids=a,b,c`: at least one, at most MAX_NAMES, each a well-formed user id. */
function idsOf(request: ApiRequest): string[] {
  const ids = (request.query.ids ?? '').split(',').filter((id) => id !== '');
  if (ids.length === 0 || ids.length > MAX_NAMES || !ids.every((id) => USER_ID.test(id)))
    throw new AppError('invalid_parameter', { params: { name: 'ids' } });
  return ids;
}

function directoryQuery(request: ApiRequest) {
  const { office, role, active } = request.query;
  if (office !== undefined && !OFFICE_ID.test(office)) {
    throw new AppError('invalid_parameter', { params: { name: 'office' } });
  }
  if (role !== undefined && !(ROLES as readonly string[]).includes(role)) {
    throw new AppError('invalid_parameter', { params: { name: 'role' } });
  }
  if (active !== undefined && active !== 'true' && active !== 'false') {
    throw new AppError('invalid_parameter', { params: { name: 'active' } });
  }
  return {
    ...(office !== undefined ? { office } : {}),
    ...(role !== undefined ? { role: role as Role } : {}),
    ...(active !== undefined ? { active: active === 'true' } : {}),
  };
}

export const handler = createApiHandler(routesOf('people'), {
  list: async (request) => ({ body: await users.listDirectory(request.user, directoryQuery(request)) }),

  names: async (request) => ({ body: { items: await users.namesOf(idsOf(request)) } }),

  invite: async (request) => {
    const input = await inviteBody(request.body ?? {}, request.lang);
    const person = await users.inviteUser(request.user, input);
    return { status: 201, body: person, ...(person.version ? { etag: person.version } : {}) };
  },

  patch: async (request) => {
    const input = await patchBody(request.body ?? {}, request.lang);
    const person = await users.patchUser(request.user, userId(request), input, ifMatchVersion(request));
    return { body: person, ...(person.version ? { etag: person.version } : {}) };
  },

  resetAuthenticator: async (request) => {
    const person = await users.resetAuthenticator(request.user, userId(request));
    return { body: person, ...(person.version ? { etag: person.version } : {}) };
  },
});
