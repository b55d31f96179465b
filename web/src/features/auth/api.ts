/** The auth feature's API calls. */
import { apiRequest } from '../../shared/api-client';
import type { Session } from './session';

/** POST /api/auth/login (local mode): a token and the user for a username and password. */
export function login(username: string, password: string): Promise<Session> {
  return apiRequest<Session>('/api/auth/login', {
    method: 'POST',
    body: { username, password },
    auth: false,
  });
}
