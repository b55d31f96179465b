/** What both ways of signing in offer (local mode's login and Cognito), apart from how each does it. */
import type { Session } from './session';

export type AuthMode = 'local' | 'cognito';

/** A new authenticator app's secret: for typing by hand, and as the `otpauth://` URI its QR code carries. */
export interface TotpSecret {
  secret: string;
  uri: string;
}

/**
 * Where a sign-in step leaves the user: signed in, or asked for more. Cognito may ask for a new
 * password (an account's first sign-in), a code from the authenticator app (`totpRequired`), or,
 * when the pool requires two-step sign-in and the account has no authenticator yet, to add one now
 * (`totpSetup`, with the secret to add).
 */
export type SignInResult =
  | { status: 'signedIn'; session: Session }
  | { status: 'newPasswordRequired' }
  | { status: 'totpRequired' }
  | ({ status: 'totpSetup' } & TotpSecret);

/** The signed-in user's authenticator app (Cognito only: local mode has no two-step sign-in). */
export interface TotpSettings {
  /** Whether sign-in asks for a code from an authenticator app. */
  enabled(): Promise<boolean>;
  /** Starts adding an authenticator app (replacing the one there is, once confirmed). */
  begin(): Promise<TotpSecret>;
  /** Confirms the app of the last `begin` with a code it shows, and makes sign-in ask for its codes. */
  confirm(code: string): Promise<void>;
}

/** The sign-in both modes offer. */
export interface Authenticator {
  readonly mode: AuthMode;
  /** Checks a username and password; Cognito may ask for more first (see SignInResult). */
  signIn(username: string, password: string): Promise<SignInResult>;
  /** Answers the new-password request of the last step; Cognito may then ask for an authenticator. */
  completeNewPassword(newPassword: string): Promise<SignInResult>;
  /** Answers `totpRequired` with the six-digit code the authenticator app shows. */
  sendTotpCode(code: string): Promise<Session>;
  /** Answers `totpSetup` with the first code of the newly added app, which signs in. */
  verifyTotpSetup(code: string): Promise<Session>;
  /**
   * A renewed session; null when it cannot be renewed (local mode, or the refresh token was
   * refused). Throws when the service cannot be reached.
   */
  refresh(): Promise<Session | null>;
  /** Forgets (and, with Cognito, revokes) the signed-in user's tokens. */
  signOut(): Promise<void>;
  /** The signed-in user's authenticator app; absent where there is none to set (local mode). */
  readonly totp?: TotpSettings;
}
