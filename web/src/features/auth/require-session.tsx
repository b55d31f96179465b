/** Route guard: renders the nested routes when signed in, otherwise sends the user to the login page. */
import { Navigate, Outlet, useLocation } from 'react-router';
import { sessionSignedOut, useSession } from './session';

export interface LoginState {
  /** Where to go back to after signing in. */
  from?: string;
}

export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    // After signing out there is no page to come back to: the next user starts at their own home.
    const state: LoginState | undefined = sessionSignedOut()
      ? undefined
      : { from: `${location.pathname}${location.search}` };
    return <Navigate to="/masuk" replace state={state} />;
  }
  return <Outlet />;
}
