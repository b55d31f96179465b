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

/** Cognito's error code (`NotAuthorizedException`...) of a failure amazon-cognito-identity-js reports. */
export function cognitoErrorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const { code, name } = error as { code?: unknown; name?: unknown };
  return typeof code === 'string' ? code : typeof name === 'string' ? name : '';
}

function keyFor(code: string, detail: string, step: 'signIn' | 'newPassword'): MessageKey {
  switch (code) {
    case 'NotAuthorizedException':
      // One code for a wrong password, too many attempts, an expired temporary password and, while
      // choosing a new password, an expired sign-in session.
      if (/attempts exceeded/i.test(detail)) return 'login.tooManyAttempts';
      if (/temporary password has expired/i.test(detail)) return 'login.temporaryExpired';
      return step === 'newPassword' ? 'login.newPasswordExpired' : 'login.wrongCredentials';
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
export function signInErrorFrom(error: unknown, step: 'signIn' | 'newPassword'): SignInError {
  if (error instanceof SignInError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new SignInError(keyFor(cognitoErrorCode(error), detail, step), detail);
}
