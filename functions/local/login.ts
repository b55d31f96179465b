/** POST /api/auth/login in local mode: checks a local account and issues a token (Cognito's job in AWS). */
import { routesOf } from '../api/routes';
import { AppError } from '../platform/errors';
import { createApiHandler } from '../platform/http';
import { hashPassword, verifyPassword } from '../store/passwords';
import { getAccount } from '../store/users-repo';
import { bodyParser } from '../validation/request';
import type { Issuer } from './issuer';
import { ACCOUNT_POLICY, ADDRESS_POLICY, LoginThrottle } from './login-throttle';

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

export function createLoginHandler(
  issuer: Issuer,
  throttles = { account: new LoginThrottle(ACCOUNT_POLICY), address: new LoginThrottle(ADDRESS_POLICY) },
) {
  return createApiHandler(routesOf('login'), {
    login: async (request) => {
      const { username, password } = await loginBody(request.body ?? {}, request.lang);
      const key = username.trim().toLowerCase();
      const wait = Math.max(
        throttles.account.waitSeconds(key),
        throttles.address.waitSeconds(request.sourceIp),
      );
      if (wait > 0) throw new AppError('too_many_attempts', { params: { retryAfter: wait } });
      const account = await getAccount(key);
      const ok = await verifyPassword(password, account?.passwordHash ?? (await decoy));
      // A disabled account is refused like a wrong password: nothing tells it apart.
      if (!account || !ok || !account.active) {
        throttles.account.failed(key);
        throttles.address.failed(request.sourceIp);
        throw new AppError('invalid_credentials');
      }
      throttles.account.succeeded(key);
      const user = { id: account.username, name: account.name, roles: account.roles, office: account.office };
      return { body: { token: await issuer.sign(user), user } };
    },
  });
}
