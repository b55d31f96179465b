/**
 * Sign-in failures as the login page shows them: a message of the dictionary, with the service's own
 * (English) words as the detail. Cognito's error codes are mapped here.
 */
import type { MessageKey } from '../../shared/i18n/dictionary';

export class SignInError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly detail = '',
  ) {
    super(detail || key);
    this.name = 'SignInError';
  }
}

/**
 * The step a failure happened at, which changes what some codes mean: the first form (username and
 * password), the new password, an authenticator code while signing in (`totp`, also when adding one
 * at sign-in), or adding an authenticator while signed in (`settings`).
 */
export type SignInStep = 'signIn' | 'newPassword' | 'totp' | 'settings';

/** Cognito's error code (`NotAuthorizedException`...) of a failure amazon-cognito-identity-js reports. */
export function cognitoErrorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const { code, name } = error as { code?: unknown; name?: unknown };
  return typeof code === 'string' ? code : typeof name === 'string' ? name : '';
}

function keyFor(code: string, detail: string, step: SignInStep): MessageKey {
  switch (code) {
    case 'NotAuthorizedException':
      // One code for a wrong password, too many attempts, an expired temporary password and, after
      // the password, an expired sign-in session (Cognito's lasts 3 minutes).
      if (/attempts exceeded/i.test(detail)) return 'login.tooManyAttempts';
      if (/temporary password has expired/i.test(detail)) return 'login.temporaryExpired';
      if (step === 'newPassword') return 'login.newPasswordExpired';
      if (step === 'totp') return 'login.totpExpired';
      if (step === 'settings') return 'login.expired';
      return 'login.wrongCredentials';
    // A wrong code: answering the sign-in's challenge, or confirming a new authenticator.
    case 'CodeMismatchException':
    case 'EnableSoftwareTokenMFAException':
      return 'login.totpWrong';
    // Cognito takes each code once: the app's next one (within 30 seconds) will do.
    case 'ExpiredCodeException':
      return 'login.totpUsed';
    case 'UserNotFoundException':
      return 'login.wrongCredentials';
    case 'InvalidPasswordException':
      return 'login.newPasswordRejected';
    case 'PasswordResetRequiredException':
      return 'login.resetRequired';
    case 'UserNotConfirmedException':
      return 'login.notConfirmed';
    case 'LimitExceededException':
    case 'TooManyRequestsException':
    case 'TooManyFailedAttemptsException':
      return 'login.tooManyAttempts';
    case 'NetworkError':
      return 'error.network';
    default:
      return 'login.failed';
  }
}

/**
 * The SignInError for a Cognito failure: Indonesian (or English) words for the errors a user can act
 * on, the generic message with Cognito's English text for the rest.
 */
export function signInErrorFrom(error: unknown, step: SignInStep): SignInError {
  if (error instanceof SignInError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new SignInError(keyFor(cognitoErrorCode(error), detail, step), detail);
}

/** Whether a failure ends the sign-in under way, so the user starts again from the username and password. */
export function restartsSignIn(error: unknown): boolean {
  return (
    error instanceof SignInError &&
    (error.key === 'login.totpExpired' || error.key === 'login.tooManyAttempts')
  );
}
