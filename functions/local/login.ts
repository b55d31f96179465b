/** POST /api/auth/login in local mode: checks a local account and issues a token (Cognito's job in AWS). */
import { routesOf } from '../api/routes';
import { AppError } from '../platform/errors';
import { createApiHandler } from '../platform/http';
import { getAccount } from '../store/users-repo';
import { bodyParser } from '../validation/request';
import type { Issuer } from './issuer';
import { hashPassword, verifyPassword } from './passwords';

const loginBody = bodyParser({
  type: 'object',
  required: ['username', 'password'],
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 128 },
    password: { type: 'string', minLength: 1, maxLength: 1024 },
  },
} as const);

/** Compared against when the account does not exist, so both paths take the same time. */
const decoy = hashPassword('kawal-decoy');

export function createLoginHandler(issuer: Issuer) {
  return createApiHandler(routesOf('login'), {
    login: async (request) => {
      const { username, password } = loginBody(request.body ?? {}, request.lang);
      const account = await getAccount(username.trim().toLowerCase());
      const ok = await verifyPassword(password, account?.passwordHash ?? (await decoy));
      if (!account || !ok) throw new AppError('invalid_credentials');
      const user = { id: account.username, name: account.name, roles: account.roles, office: account.office };
      return { body: { token: await issuer.sign(user), user } };
    },
  });
}
