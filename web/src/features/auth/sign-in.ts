/** What both ways of signing in offer (local mode's login and Cognito), apart from how each does it. */
import type { Session } from './session';

export type AuthMode = 'local' | 'cognito';

export type SignInResult = { status: 'signedIn'; session: Session } | { status: 'newPasswordRequired' };

/** The sign-in both modes offer. */
export interface Authenticator {
  readonly mode: AuthMode;
  /** Checks a username and password; Cognito may ask for a new password first (an account's first login). */
  signIn(username: string, password: string): Promise<SignInResult>;
  /** Answers the new-password request of the last `signIn`. */
  completeNewPassword(newPassword: string): Promise<Session>;
  /**
   * A renewed session; null when it cannot be renewed (local mode, or the refresh token was
   * refused). Throws when the service cannot be reached.
   */
  refresh(): Promise<Session | null>;
  /** Forgets (and, with Cognito, revokes) the signed-in user's tokens. */
  signOut(): Promise<void>;
}
