/** The app: the sign-in mode and the API client wired to the session, and the router. */
import { RouterProvider } from 'react-router/dom';
import { endSession, refreshSession, startAuth } from '../features/auth/authenticator';
import { getSession } from '../features/auth/session';
import { configureApiClient } from '../shared/api-client';
import { router } from './router';

// Reads /config.json: Cognito in AWS, the local login otherwise.
startAuth();

configureApiClient({
  token: () => getSession()?.token,
  // With Cognito, a refused token may just have expired: renew it once and send the request again.
  refresh: refreshSession,
  // The guard around the signed-in pages sees the session end and goes to the login page.
  onUnauthorized: () => endSession('expired'),
});

export function App() {
  return <RouterProvider router={router} />;
}
