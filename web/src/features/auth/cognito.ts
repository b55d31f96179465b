/**
 * Sign-in against the installation's Cognito user pool (AWS mode), with amazon-cognito-identity-js:
 * SRP, so the password never leaves the browser. The session's bearer token is the **ID token**
 * (the API reads `name`, `cognito:groups` and `custom:office` from it; the access token lacks them).
 * Cognito's tokens (ID, access, refresh) are kept in sessionStorage, like the session itself, so they
 * end with the browser tab. Loaded only when `/config.json` exists (see ./authenticator.ts).
 */
import {
  AuthenticationDetails,
  CognitoRefreshToken,
  type CognitoUserSession as CognitoTokens,
  CognitoUser,
  CognitoUserPool,
  type IAuthenticationCallback,
  type ICognitoStorage,
} from 'amazon-cognito-identity-js';
import type { CognitoConfig } from './auth-config';
import { sessionFromIdToken } from './id-token';
import type { Session } from './session';
import type { Authenticator, SignInResult } from './sign-in';
import { cognitoErrorCode, SignInError, signInErrorFrom } from './sign-in-error';

/** sessionStorage, or memory when the browser refuses storage (the tokens then last until a reload). */
function tabStorage(): ICognitoStorage {
  try {
    sessionStorage.setItem('kawal.storage-test', '1');
    sessionStorage.removeItem('kawal.storage-test');
    return sessionStorage;
  } catch {
    const memory = new Map<string, string>();
    return {
      setItem: (key, value) => void memory.set(key, value),
      getItem: (key) => memory.get(key) ?? null,
      removeItem: (key) => void memory.delete(key),
      clear: () => memory.clear(),
    };
  }
}

export function createCognitoAuthenticator(config: CognitoConfig): Authenticator {
  const storage = tabStorage();
  const pool = new CognitoUserPool({
    UserPoolId: config.userPoolId,
    ClientId: config.userPoolClientId,
    Storage: storage,
  });
  /** The user of a sign-in waiting for a new password (NEW_PASSWORD_REQUIRED). */
  let challenged: CognitoUser | undefined;

  /** The refresh token the library keeps for the signed-in user (under its own storage keys). */
  function storedRefreshToken(user: CognitoUser): string | null {
    return storage.getItem(
      `CognitoIdentityServiceProvider.${config.userPoolClientId}.${user.getUsername()}.refreshToken`,
    );
  }

  function sessionOf(tokens: CognitoTokens): Session {
    return sessionFromIdToken(tokens.getIdToken().getJwtToken());
  }

  /** Callbacks that settle a sign-in step: a session, a new-password request, or an error. */
  function callbacks(
    user: CognitoUser,
    step: 'signIn' | 'newPassword',
    resolve: (result: SignInResult) => void,
    reject: (error: SignInError) => void,
  ): IAuthenticationCallback {
    const unsupported = () => {
      user.signOut();
      reject(new SignInError('login.mfaUnsupported'));
    };
    return {
      onSuccess: (tokens) => {
        challenged = undefined;
        try {
          resolve({ status: 'signedIn', session: sessionOf(tokens) });
        } catch (error) {
          reject(signInErrorFrom(error, step));
        }
      },
      onFailure: (error: unknown) => reject(signInErrorFrom(error, step)),
      newPasswordRequired: () => {
        challenged = user;
        resolve({ status: 'newPasswordRequired' });
      },
      // The web app has no screens for these (no account has them: MFA is optional and there is no
      // way yet to set it up); say so rather than hang.
      mfaRequired: unsupported,
      totpRequired: unsupported,
      mfaSetup: unsupported,
      selectMFAType: unsupported,
      customChallenge: unsupported,
    };
  }

  /** Revokes a refresh token (and the tokens issued with it); best effort. */
  async function revoke(refreshToken: string): Promise<void> {
    await fetch(`https://cognito-idp.${config.region}.amazonaws.com/`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': 'AWSCognitoIdentityProviderService.RevokeToken',
      },
      body: JSON.stringify({ Token: refreshToken, ClientId: config.userPoolClientId }),
    });
  }

  return {
    mode: 'cognito',

    signIn: (username, password) =>
      new Promise<SignInResult>((resolve, reject) => {
        challenged = undefined;
        const user = new CognitoUser({ Username: username, Pool: pool, Storage: storage });
        const details = new AuthenticationDetails({ Username: username, Password: password });
        user.authenticateUser(details, callbacks(user, 'signIn', resolve, reject));
      }),

    completeNewPassword: (newPassword) =>
      new Promise<Session>((resolve, reject) => {
        const user = challenged;
        if (!user) {
          reject(new SignInError('login.newPasswordExpired'));
          return;
        }
        // No attributes besides the password: the administrator set email, name and office.
        user.completeNewPasswordChallenge(
          newPassword,
          {},
          callbacks(
            user,
            'newPassword',
            (result) =>
              result.status === 'signedIn'
                ? resolve(result.session)
                : reject(new SignInError('login.failed', 'Cognito asked for a new password again')),
            reject,
          ),
        );
      }),

    refresh: () =>
      new Promise<Session | null>((resolve, reject) => {
        const user = pool.getCurrentUser();
        const refreshToken = user ? storedRefreshToken(user) : null;
        if (!user || !refreshToken) {
          resolve(null);
          return;
        }
        user.refreshSession(new CognitoRefreshToken({ RefreshToken: refreshToken }), (error, tokens) => {
          // Refused (expired or revoked): the user must sign in again. Anything else may pass.
          if (error) {
            if (cognitoErrorCode(error) === 'NotAuthorizedException') resolve(null);
            else reject(signInErrorFrom(error, 'signIn'));
            return;
          }
          try {
            resolve(sessionOf(tokens as CognitoTokens));
          } catch (caught) {
            reject(signInErrorFrom(caught, 'signIn'));
          }
        });
      }),

    signOut: async () => {
      challenged = undefined;
      const user = pool.getCurrentUser();
      if (!user) return;
      const refreshToken = storedRefreshToken(user);
      // Forget the tokens at once (a new sign-in may follow immediately), then revoke.
      user.signOut();
      if (refreshToken) await revoke(refreshToken).catch(() => undefined);
    },
  };
}
