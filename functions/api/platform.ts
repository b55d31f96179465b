/** Health and identity: the routes every client calls first. */
import { createApiHandler } from '../platform/http';
import { storeIsReachable } from '../store/health';
import { routesOf } from './routes';

export const handler = createApiHandler(routesOf('platform'), {
  health: async () => {
    const reachable = await storeIsReachable();
    return reachable
      ? { body: { status: 'ok', store: 'ok' } }
      : { status: 503, body: { status: 'degraded', store: 'unavailable' } };
  },
  me: async ({ user }) => ({ body: user }),
});
