/** Health and identity: the routes every client calls first. */
import type { User } from '../platform/claims';
import { createApiHandler } from '../platform/http';
import { storeIsReachable } from '../store/health';
import { getUser } from '../store/users-repo';
import { routesOf } from './routes';

/** The caller's NIP from the users directory, when it has one; the caller as the token says otherwise. */
async function nipOf(user: User): Promise<string | undefined> {
  try {
    const nip: unknown = (await getUser(user.id))?.nip;
    return typeof nip === 'string' && nip !== '' ? nip : undefined;
  } catch {
    // The directory cannot be read now: who the caller is does not depend on it.
    return undefined;
  }
}

export const handler = createApiHandler(routesOf('platform'), {
  health: async () => {
    const reachable = await storeIsReachable();
    return reachable
      ? { body: { status: 'ok', store: 'ok' } }
      : { status: 503, body: { status: 'degraded', store: 'unavailable' } };
  },
  me: async ({ user }) => {
    const nip = await nipOf(user);
    return { body: nip ? { ...user, nip } : user };
  },
});
