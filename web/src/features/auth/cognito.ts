/**
 * Sign-in against the installation's Cognito user pool (AWS mode), with amazon-cognito-identity-js:
 * SRP, so the password never leaves the browser. After the password Cognito may ask for a code from
 * an authenticator app (TOTP), or for one to be added first when the pool requires two-step sign-in;
 * SMS codes are not used (the pool offers only authenticator apps). The session's bearer token is the **ID token**
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
import { brandingFrom } from '../../shared/branding';
import type { CognitoConfig } from './auth-config';
import { sessionFromIdToken } from './id-token';
import type { Session } from './session';
import type { Authenticator, SignInResult, TotpSecret, TotpSettings } from './sign-in';
import { cognitoErrorCode, SignInError, type SignInStep, signInErrorFrom } from './sign-in-error';
import { totpUri } from './totp-uri';

const TOTP = 'SOFTWARE_TOKEN_MFA';

/**
 * Whether a challenge's list of factors (`MFAS_CAN_SETUP`, `MFAS_CAN_CHOOSE`: a JSON array in a
 * string) offers an authenticator app; a challenge without the list is taken to offer it.
 */
function offersTotp(list: unknown): boolean {
  if (typeof list !== 'string') return true;
  try {
    const factors: unknown = JSON.parse(list);
    return Array.isArray(factors) && factors.includes(TOTP);
  } catch {
    return list.includes(TOTP);
  }
}

/** The e-mail in an ID token, to name the account in the authenticator app. */
function emailOf(tokens: CognitoTokens): string | undefined {
  const { email } = tokens.getIdToken().decodePayload() as { email?: unknown };
  return typeof email === 'string' && email !== '' ? email : undefined;
}

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
  const endpoint = `https://cognito-idp.${config.region}.amazonaws.com/`;
  /**
   * The authenticator app's entry is named after the app (the issuer) and the account: the name the
   * web shows as its own, in the default language, so the entry keeps its name whatever the language.
   */
  const issuer = brandingFrom(config.agency).appName;
  /**
   * A sign-in waiting for an answer (a new password, an authenticator code, the first code of a new
   * authenticator), with the name the user signed in with (to name the authenticator's entry).
   */
  let challenged: { user: CognitoUser; account: string } | undefined;
  /** The signed-in user adding an authenticator (between `totp.begin` and `totp.confirm`). */
  let adding: CognitoUser | undefined;

  /** The refresh token the library keeps for the signed-in user (under its own storage keys). */
  function storedRefreshToken(user: CognitoUser): string | null {
    return storage.getItem(
      `CognitoIdentityServiceProvider.${config.userPoolClientId}.${user.getUsername()}.refreshToken`,
    );
  }

  function sessionOf(tokens: CognitoTokens): Session {
    return sessionFromIdToken(tokens.getIdToken().getJwtToken());
  }

  /** The secret Cognito associated, with the URI of its QR code. */
  function secretFor(secret: string, account: string): TotpSecret {
    return { secret, uri: totpUri(secret, account, issuer) };
  }

  /**
   * Callbacks that settle a sign-in step: a session, a request for more (a new password, an
   * authenticator code, a new authenticator), or an error.
   */
  function callbacks(
    user: CognitoUser,
    account: string,
    step: SignInStep,
    resolve: (result: SignInResult) => void,
    reject: (error: SignInError) => void,
  ): IAuthenticationCallback {
    const unsupported = () => {
      challenged = undefined;
      user.signOut();
      reject(new SignInError('login.mfaUnsupported'));
    };
    const handlers: IAuthenticationCallback = {
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
        challenged = { user, account };
        resolve({ status: 'newPasswordRequired' });
      },
      totpRequired: () => {
        challenged = { user, account };
        resolve({ status: 'totpRequired' });
      },
      // Only authenticator apps are offered, so the choice is made for the user.
      selectMFAType: (_name, parameters: { MFAS_CAN_CHOOSE?: unknown } | undefined) => {
        if (!offersTotp(parameters?.MFAS_CAN_CHOOSE)) return unsupported();
        user.sendMFASelectionAnswer(TOTP, {
          ...handlers,
          onFailure: (error) => reject(signInErrorFrom(error, 'totp')),
        });
      },
      // The pool requires two-step sign-in and the account has no authenticator yet: add one now.
      mfaSetup: (_name, parameters: { MFAS_CAN_SETUP?: unknown } | undefined) => {
        if (!offersTotp(parameters?.MFAS_CAN_SETUP)) return unsupported();
        user.associateSoftwareToken({
          associateSecretCode: (secret) => {
            challenged = { user, account };
            try {
              resolve({ status: 'totpSetup', ...secretFor(secret, account) });
            } catch (error) {
              reject(signInErrorFrom(error, 'totp'));
            }
          },
          onFailure: (error: unknown) => reject(signInErrorFrom(error, 'totp')),
        });
      },
      // SMS codes and custom challenges: the pool offers neither; say so rather than hang.
      mfaRequired: unsupported,
      customChallenge: unsupported,
    };
    return handlers;
  }

  /** The sign-in waiting for an answer, or the error to show when there is none (it ended). */
  function waiting(expired: SignInError['key']): { user: CognitoUser; account: string } {
    if (!challenged) throw new SignInError(expired);
    return challenged;
  }

  /** A session, for a step that can only end signed in. */
  function signedIn(result: SignInResult): Session {
    if (result.status === 'signedIn') return result.session;
    throw new SignInError('login.failed', `Cognito asked for ${result.status} again`);
  }

  /** Cognito's API (for what the library does not offer), as the library calls it. */
  async function request<T>(operation: string, body: object): Promise<T> {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(body),
    });
    const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.ok) return data as T;
    const code = String(data.__type ?? data.code ?? 'UnknownError')
      .split('#')
      .pop();
    throw Object.assign(new Error(String(data.message ?? data.Message ?? code)), { code, name: code });
  }

  /** Revokes a refresh token (and the tokens issued with it); best effort. */
  async function revoke(refreshToken: string): Promise<void> {
    await request('RevokeToken', { Token: refreshToken, ClientId: config.userPoolClientId });
  }

  /** The signed-in user with valid tokens (refreshed if need be). */
  function currentUser(): Promise<{ user: CognitoUser; tokens: CognitoTokens }> {
    return new Promise((resolve, reject) => {
      const user = pool.getCurrentUser();
      if (!user) {
        reject(new SignInError('login.expired'));
        return;
      }
      user.getSession((error: Error | null, tokens: CognitoTokens | null) => {
        if (error || !tokens) reject(signInErrorFrom(error ?? new Error('no session'), 'settings'));
        else resolve({ user, tokens });
      });
    });
  }

  const totp: TotpSettings = {
    enabled: async () => {
      const { tokens } = await currentUser();
      try {
        const data = await request<{ UserMFASettingList?: string[]; PreferredMfaSetting?: string }>(
          'GetUser',
          { AccessToken: tokens.getAccessToken().getJwtToken() },
        );
        return (data.UserMFASettingList ?? []).includes(TOTP) || data.PreferredMfaSetting === TOTP;
      } catch (error) {
        throw signInErrorFrom(error, 'settings');
      }
    },

    begin: async () => {
      const { user, tokens } = await currentUser();
      const account = emailOf(tokens) ?? user.getUsername();
      return new Promise<TotpSecret>((resolve, reject) => {
        user.associateSoftwareToken({
          associateSecretCode: (secret) => {
            adding = user;
            try {
              resolve(secretFor(secret, account));
            } catch (error) {
              reject(signInErrorFrom(error, 'settings'));
            }
          },
          onFailure: (error: unknown) => reject(signInErrorFrom(error, 'settings')),
        });
      });
    },

    confirm: (code) =>
      new Promise<void>((resolve, reject) => {
        const user = adding;
        if (!user) {
          reject(new SignInError('account.totpNotStarted'));
          return;
        }
        user.verifySoftwareToken(code, issuer, {
          onSuccess: () =>
            // Enabled, and preferred: sign-in asks for the app's code from now on.
            user.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }, (error) => {
              if (error) {
                reject(signInErrorFrom(error, 'settings'));
                return;
              }
              adding = undefined;
              resolve();
            }),
          onFailure: (error: unknown) => reject(signInErrorFrom(error, 'settings')),
        });
      }),
  };

  return {
    mode: 'cognito',
    totp,

    signIn: (username, password) =>
      new Promise<SignInResult>((resolve, reject) => {
        challenged = undefined;
        const user = new CognitoUser({ Username: username, Pool: pool, Storage: storage });
        const details = new AuthenticationDetails({ Username: username, Password: password });
        user.authenticateUser(details, callbacks(user, username, 'signIn', resolve, reject));
      }),

    completeNewPassword: (newPassword) =>
      new Promise<SignInResult>((resolve, reject) => {
        const { user, account } = waiting('login.newPasswordExpired');
        // No attributes besides the password: the administrator set email, name and office.
        user.completeNewPasswordChallenge(
          newPassword,
          {},
          callbacks(
            user,
            account,
            'newPassword',
            (result) =>
              result.status === 'newPasswordRequired'
                ? reject(new SignInError('login.failed', 'Cognito asked for a new password again'))
                : resolve(result),
            reject,
          ),
        );
      }),

    sendTotpCode: (code) =>
      new Promise<SignInResult>((resolve, reject) => {
        const { user, account } = waiting('login.totpExpired');
        user.sendMFACode(code, callbacks(user, account, 'totp', resolve, reject), TOTP);
      }).then(signedIn),

    verifyTotpSetup: (code) =>
      new Promise<SignInResult>((resolve, reject) => {
        const { user, account } = waiting('login.totpExpired');
        // After the code, the library answers MFA_SETUP and Cognito hands out the tokens.
        const settle = callbacks(user, account, 'totp', resolve, reject);
        user.verifySoftwareToken(code, issuer, { onSuccess: settle.onSuccess, onFailure: settle.onFailure });
      }).then(signedIn),

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
      adding = undefined;
      const user = pool.getCurrentUser();
      if (!user) return;
      const refreshToken = storedRefreshToken(user);
      // Forget the tokens at once (a new sign-in may follow immediately), then revoke.
      user.signOut();
      if (refreshToken) await revoke(refreshToken).catch(() => undefined);
    },
  };
}
