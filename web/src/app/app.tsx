/** The app: the API client wired to the session, and the router. */
import { RouterProvider } from 'react-router/dom';
import { clearSession, getSession } from '../features/auth/session';
import { configureApiClient } from '../shared/api-client';
import { router } from './router';

configureApiClient({
  token: () => getSession()?.token,
  // The guard around the signed-in pages sees the session end and goes to the login page.
  onUnauthorized: () => clearSession('expired'),
});

export function App() {
  return <RouterProvider router={router} />;
}
