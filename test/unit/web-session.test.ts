import { UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { messageFor } from '../../functions/platform/messages';
import { loadAuthConfig, parseAuthConfig } from '../../web/src/features/auth/auth-config';
import {
  clockSkew,
  isCognitoToken,
  REFRESH_MARGIN_MS,
  refreshDelay,
  sessionFromIdToken,
  userFromIdTokenPayload,
} from '../../web/src/features/auth/id-token';
import { SignInError, signInErrorFrom } from '../../web/src/features/auth/sign-in-error';
import { translate } from '../../web/src/shared/i18n/dictionary';

/** An ID token's payload as Cognito issues it (the JSON claims, groups as an array). */
const payload = {
  sub: '5f1c2a9e-1111-2222-3333-444455556666',
  'cognito:groups': ['supervisor', 'worker'],
  'cognito:username': '5f1c2a9e-1111-2222-3333-444455556666',
  name: 'Sari Wulandari',
  'custom:office': 'bapas-jakarta-selatan',
  email: 'sari@example.go.id',
  email_verified: true,
  token_use: 'id',
  aud: 'client-id',
  iss: 'https://cognito-idp.ap-southeast-3.amazonaws.com/ap-southeast-3_abc',
  iat: 1_700_000_000,
  exp: 1_700_003_600,
};

describe('the user from a Cognito ID token', () => {
  it('reads id (sub), name, roles (cognito:groups as an array) and office', () => {
    expect(userFromIdTokenPayload(payload)).toEqual({
      id: payload.sub,
      name: 'Sari Wulandari',
      roles: ['supervisor', 'worker'],
      office: 'bapas-jakarta-selatan',
    });
  });

  it('has no office when custom:office is missing (an administrator)', () => {
    const { 'custom:office': _office, ...rest } = payload;
    expect(userFromIdTokenPayload({ ...rest, 'cognito:groups': ['admin'] })).toMatchObject({
      roles: ['admin'],
      office: null,
    });
  });

  it('ignores groups that are not Kawal roles, and a user in no group has no role', () => {
    expect(
      userFromIdTokenPayload({ ...payload, 'cognito:groups': ['worker', 'testers', 'Admin'] }).roles,
    ).toEqual(['worker']);
    const { 'cognito:groups': _groups, ...ungrouped } = payload;
    expect(userFromIdTokenPayload(ungrouped).roles).toEqual([]);
  });

  it('falls back to the sub for a user without a name, and refuses a token without a sub', () => {
    const { name: _name, ...nameless } = payload;
    expect(userFromIdTokenPayload(nameless).name).toBe(payload.sub);
    const { sub: _sub, ...anonymous } = payload;
    expect(() => userFromIdTokenPayload(anonymous)).toThrow(/subject/);
  });

  it("tells a Cognito token from local mode's (so a local session never asks for /config.json)", () => {
    expect(isCognitoToken(new UnsecuredJWT(payload).encode())).toBe(true);
    const local = { ...payload, iss: 'kawal-local' };
    expect(isCognitoToken(new UnsecuredJWT(local).encode())).toBe(false);
    const lookalike = { ...payload, iss: 'https://cognito-idp.example.com/pool' };
    expect(isCognitoToken(new UnsecuredJWT(lookalike).encode())).toBe(false);
    expect(isCognitoToken('not-a-jwt')).toBe(false);
  });

  it('makes the ID token itself the session token (decoded, not verified: the API verifies)', () => {
    const token = new UnsecuredJWT(payload).encode();
    expect(sessionFromIdToken(token)).toEqual({ token, user: userFromIdTokenPayload(payload) });
    expect(() => sessionFromIdToken('not-a-jwt')).toThrow();
  });
});

describe('the sign-in mode from /config.json', () => {
  const deployed = {
    region: 'ap-southeast-3',
    userPoolId: 'ap-southeast-3_AbCdEf123',
    userPoolClientId: '1example23456789abcdefghij',
  };

  function fakeFetch(response: () => Response) {
    const calls: { url: string; accept: string | null }[] = [];
    const fetchFn = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      calls.push({ url: String(input), accept: new Headers(init?.headers).get('accept') });
      return response();
    };
    return { calls, fetchFn: fetchFn as typeof fetch };
  }

  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('is Cognito when the deploy wrote the file (the shape deployWeb writes)', async () => {
    const { calls, fetchFn } = fakeFetch(() => json(deployed));
    await expect(loadAuthConfig(fetchFn)).resolves.toEqual(deployed);
    // Asked for as JSON, so a dev server does not answer with index.html.
    expect(calls).toEqual([{ url: '/config.json', accept: 'application/json' }]);
  });

  it('is local mode when there is no file (404)', async () => {
    const { fetchFn } = fakeFetch(() => new Response('Not found', { status: 404 }));
    await expect(loadAuthConfig(fetchFn)).resolves.toBeNull();
  });

  it('is local mode when a SPA fallback answers with a page instead of JSON', async () => {
    const page = '<!doctype html><title>Kawal</title>';
    const { fetchFn } = fakeFetch(() => new Response(page, { headers: { 'content-type': 'text/html' } }));
    await expect(loadAuthConfig(fetchFn)).resolves.toBeNull();
  });

  it('fails, rather than guessing local mode, on a server error or a malformed file', async () => {
    await expect(loadAuthConfig(fakeFetch(() => new Response('', { status: 503 })).fetchFn)).rejects.toThrow(
      /503/,
    );
    const { userPoolClientId: _client, ...incomplete } = deployed;
    await expect(loadAuthConfig(fakeFetch(() => json(incomplete)).fetchFn)).rejects.toThrow(
      /userPoolClientId/,
    );
    expect(() => parseAuthConfig({ ...deployed, region: '' })).toThrow();
    expect(() => parseAuthConfig(null)).toThrow();
  });

  it('ignores fields it does not know', () => {
    expect(parseAuthConfig({ ...deployed, extra: true })).toEqual(deployed);
  });
});

describe('when to refresh the session', () => {
  const minute = 60_000;
  const issuedAt = payload.iat * 1000;

  it('refreshes a 1-hour ID token 5 minutes before it expires', () => {
    expect(REFRESH_MARGIN_MS).toBe(5 * minute);
    expect(refreshDelay(payload, issuedAt)).toBe(55 * minute);
    expect(refreshDelay(payload, issuedAt + 50 * minute)).toBe(5 * minute);
  });

  it('refreshes at once when the time has come or the token has expired (a reload after a pause)', () => {
    expect(refreshDelay(payload, issuedAt + 55 * minute)).toBe(0);
    expect(refreshDelay(payload, issuedAt + 58 * minute)).toBe(0);
    expect(refreshDelay(payload, issuedAt + 3 * 60 * minute)).toBe(0);
  });

  it('refreshes a short-lived token a fifth of its lifetime early', () => {
    const short = { iat: payload.iat, exp: payload.iat + 5 * 60 };
    expect(refreshDelay(short, issuedAt)).toBe(4 * minute);
  });

  it('corrects for a browser clock that is wrong by the skew measured when the token arrived', () => {
    const ahead = 20 * minute;
    const skew = clockSkew(payload, issuedAt + ahead);
    expect(skew).toBe(ahead);
    expect(refreshDelay(payload, issuedAt + ahead, skew)).toBe(55 * minute);
    const behind = clockSkew(payload, issuedAt - ahead);
    expect(refreshDelay(payload, issuedAt - ahead, behind)).toBe(55 * minute);
  });

  it('has nothing to time for a token without an expiry', () => {
    const { exp: _exp, ...endless } = payload;
    expect(refreshDelay(endless, issuedAt)).toBeUndefined();
  });
});

describe('Cognito errors on the login page', () => {
  const cognitoError = (code: string, message: string) =>
    Object.assign(new Error(message), { code, name: code });

  it('says a refused password as local mode does', () => {
    const error = signInErrorFrom(
      cognitoError('NotAuthorizedException', 'Incorrect username or password.'),
      'signIn',
    );
    expect(error.key).toBe('login.wrongCredentials');
    for (const lang of ['id', 'en'] as const) {
      expect(translate(lang, error.key)).toBe(messageFor('invalid_credentials', lang));
    }
  });

  it('tells apart the other refusals Cognito reports with the same code', () => {
    const refused = (message: string, step: 'signIn' | 'newPassword' = 'signIn') =>
      signInErrorFrom(cognitoError('NotAuthorizedException', message), step).key;
    expect(refused('Password attempts exceeded')).toBe('login.tooManyAttempts');
    expect(refused('Temporary password has expired and must be reset by an administrator.')).toBe(
      'login.temporaryExpired',
    );
    expect(refused('Invalid session for the user, session is expired.', 'newPassword')).toBe(
      'login.newPasswordExpired',
    );
  });

  it('shows anything else with the generic message and Cognito English detail', () => {
    const error = signInErrorFrom(cognitoError('InternalErrorException', 'Something broke'), 'signIn');
    expect(error).toBeInstanceOf(SignInError);
    expect(translate('id', error.key, { detail: error.detail })).toContain('Something broke');
    expect(
      signInErrorFrom(cognitoError('InvalidPasswordException', 'Password not long enough'), 'newPassword')
        .key,
    ).toBe('login.newPasswordRejected');
  });
});
