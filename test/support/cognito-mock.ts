/**
 * A Cognito user pool endpoint for browser tests (`https://cognito-idp.<region>.amazonaws.com/`,
 * answered through playwright's routing, so nothing leaves the machine): the operations the web app's
 * sign-in calls, with Cognito's shapes and error codes. SRP: the challenge's numbers are random and
 * the client's proof is not checked (any password is taken). Two-step sign-in is real: codes are
 * checked with otpauth against the secret the account holds, a challenge's session runs out when
 * told to (Cognito's lasts 3 minutes), is refused once spent, and survives a wrong code. The tokens
 * are the local stack's (its issuer signs the ID token), so the API answers the signed-in user.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { UnsecuredJWT } from 'jose';
import { Secret, TOTP } from 'otpauth';
import type { BrowserContext, Route } from 'playwright-core';
import { handler as preToken } from '../../functions/auth/pre-token';
import type { Issuer } from '../../functions/local/issuer';
import type { Role } from '../../functions/platform/claims';
import { contentSecurityPolicy } from '../../functions/platform/security-headers';

export const POOL = {
  region: 'ap-southeast-3',
  userPoolId: 'ap-southeast-3_KawalUji1',
  userPoolClientId: '4kawaluji0client0id00000000',
} as const;

export interface PoolUser {
  email: string;
  /** The Cognito `sub`: the id the API and the users directory know the person by. */
  sub: string;
  name: string;
  roles: Role[];
  office: string | null;
  /** The authenticator's secret once one is confirmed (base32). */
  totpSecret?: string;
  /** Whether sign-in asks for its code (set by SetUserMFAPreference, or given). */
  totpEnabled?: boolean;
  /** The pool requires two-step sign-in: an account without an authenticator is asked to add one. */
  mfaRequired?: boolean;
  /** Cognito lets the user choose the factor first (SELECT_MFA_TYPE), as it does with two enabled. */
  selectFirst?: boolean;
}

/** One call the web app made: the operation and its parameters (for assertions). */
export interface PoolCall {
  operation: string;
  body: Record<string, unknown>;
  /** The error Cognito answered with, if any. */
  error?: string;
}

interface ChallengeSession {
  email: string;
  challenge: 'SOFTWARE_TOKEN_MFA' | 'SELECT_MFA_TYPE' | 'MFA_SETUP';
  /** MFA_SETUP: the secret AssociateSoftwareToken issued, and whether VerifySoftwareToken took its code. */
  pendingSecret?: string;
  verified?: boolean;
  spent?: boolean;
  expired?: boolean;
}

class CognitoFault extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** The current code of a base32 secret, or one taken `steps` periods from now. */
export function codeOf(secret: string, steps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + steps * 30_000 });
}

/** A six-digit code no authenticator with this secret accepts now (none of the codes ±1 period). */
export function wrongCodeOf(secret: string): string {
  const near = new Set([-1, 0, 1].map((steps) => codeOf(secret, steps)));
  for (let n = 0; ; n += 111_111) {
    const code = String(n % 1_000_000).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

/** An account as GetUser and AdminGetUser describe it: its attributes and its authenticator, if any. */
function accountOf(user: PoolUser): Record<string, unknown> {
  const on = Boolean(user.totpEnabled && user.totpSecret);
  return {
    Username: user.sub,
    UserAttributes: [
      { Name: 'sub', Value: user.sub },
      { Name: 'email', Value: user.email },
      { Name: 'name', Value: user.name },
    ],
    ...(on ? { UserMFASettingList: ['SOFTWARE_TOKEN_MFA'], PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' } : {}),
  };
}

export class CognitoMock {
  readonly calls: PoolCall[] = [];
  private readonly users = new Map<string, PoolUser>();
  private readonly sessions = new Map<string, ChallengeSession>();
  /** The SRP challenge's secret block per user, checked when the client answers it. */
  private readonly secretBlocks = new Map<string, string>();
  /** A signed-in user's new authenticator, between AssociateSoftwareToken and VerifySoftwareToken. */
  private readonly pendingBySub = new Map<string, string>();
  /** The refresh tokens handed out, to the user they renew. */
  private readonly refreshTokens = new Map<string, PoolUser>();
  /**
   * The pool's pre token generation trigger, as an installation with `mfa: "admins"` deploys it: the
   * real handler (functions/auth/pre-token.ts), asked about this mock's accounts.
   */
  adminMfa = false;

  constructor(private readonly issuer: Issuer) {}

  add(user: PoolUser): PoolUser {
    this.users.set(user.email, user);
    return user;
  }

  user(email: string): PoolUser {
    const user = this.users.get(email);
    if (!user) throw new Error(`no pool user ${email}`);
    return user;
  }

  /** The secret the last AssociateSoftwareToken issued (what the web app must show). */
  lastIssuedSecret(): string {
    const call = this.calls.findLast((c) => c.operation === 'AssociateSoftwareToken' && !c.error);
    const secret = call?.body.issued;
    if (typeof secret !== 'string') throw new Error('no secret issued yet');
    return secret;
  }

  /** The calls of one operation, in order. */
  callsOf(operation: string): PoolCall[] {
    return this.calls.filter((call) => call.operation === operation);
  }

  /** Lets every open challenge run out, as 3 minutes would. */
  expireSessions(): void {
    for (const session of this.sessions.values()) session.expired = true;
  }

  /**
   * Serves `/config.json` naming this pool (and the agency's names, when given, as the deploy writes
   * them from kawal.config.json) and answers Cognito's endpoint, for every page of the context. The
   * pages carry the Content-Security-Policy CloudFront sends for a stack in the pool's region (Cognito's
   * endpoint allowed) instead of the local server's, which allows no other origin.
   */
  async install(
    context: BrowserContext,
    appUrl: string,
    agency?: { name: string; appName: string },
  ): Promise<void> {
    await context.route(`${appUrl}/config.json`, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ ...POOL, ...(agency ? { agency } : {}) }),
      }),
    );
    await context.route(`https://cognito-idp.${POOL.region}.amazonaws.com/**`, (route) => this.answer(route));
    const origin = new URL(appUrl).origin;
    await context.route(
      (url) => url.origin === origin && !url.pathname.startsWith('/api/'),
      async (route) => {
        if (!route.request().isNavigationRequest()) return route.fallback();
        const response = await route.fetch();
        await route.fulfill({
          response,
          headers: { ...response.headers(), 'content-security-policy': contentSecurityPolicy(POOL.region) },
        });
      },
    );
  }

  private async answer(route: Route): Promise<void> {
    const request = route.request();
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': '*',
      'access-control-allow-methods': 'POST',
      'access-control-expose-headers': 'x-amzn-errortype, x-amzn-requestid',
    };
    if (request.method() === 'OPTIONS') {
      await route.fulfill({ status: 204, headers: cors });
      return;
    }
    const operation = (request.headers()['x-amz-target'] ?? '').replace(
      'AWSCognitoIdentityProviderService.',
      '',
    );
    const body = (request.postDataJSON() ?? {}) as Record<string, unknown>;
    const call: PoolCall = { operation, body: { ...body } };
    this.calls.push(call);
    let status = 200;
    let reply: unknown;
    try {
      reply = await this.handle(operation, body, call);
    } catch (error) {
      if (!(error instanceof CognitoFault)) throw error;
      status = 400;
      call.error = error.type;
      reply = { __type: error.type, message: error.message };
    }
    await route.fulfill({
      status,
      headers: {
        ...cors,
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': randomUUID(),
        ...(call.error ? { 'x-amzn-errortype': `${call.error}:` } : {}),
      },
      body: JSON.stringify(reply),
    });
  }

  private handle(operation: string, body: Record<string, unknown>, call: PoolCall): unknown {
    switch (operation) {
      case 'InitiateAuth':
        return this.initiateAuth(body);
      case 'RespondToAuthChallenge':
        return this.respond(body);
      case 'AssociateSoftwareToken':
        return this.associate(body, call);
      case 'VerifySoftwareToken':
        return this.verify(body);
      case 'SetUserMFAPreference':
        return this.setPreference(body);
      case 'GetUser':
        return this.getUser(body);
      case 'RevokeToken':
        return {};
      case 'AdminGetUser':
        return this.adminGetUser(body);
      case 'AdminDeleteSoftwareToken':
        return this.adminDeleteSoftwareToken(body);
      case 'AdminUserGlobalSignOut':
        return this.adminSignOut(body);
      default:
        throw new CognitoFault('InvalidParameterException', `Operation ${operation} is not served here`);
    }
  }

  private initiateAuth(body: Record<string, unknown>): unknown {
    if (body.ClientId !== POOL.userPoolClientId)
      throw new CognitoFault('ResourceNotFoundException', 'User pool client does not exist.');
    const params = (body.AuthParameters ?? {}) as Record<string, string>;
    if (body.AuthFlow === 'REFRESH_TOKEN_AUTH') {
      const owner = this.refreshTokens.get(params.REFRESH_TOKEN ?? '');
      if (!owner) throw new CognitoFault('NotAuthorizedException', 'Invalid Refresh Token');
      // Cognito answers a refresh with new ID and access tokens, and no new refresh token.
      return this.tokens(owner, { refresh: false });
    }
    if (body.AuthFlow !== 'USER_SRP_AUTH')
      throw new CognitoFault('InvalidParameterException', 'Only USER_SRP_AUTH here');
    const user = this.users.get(params.USERNAME ?? '');
    if (!user) throw new CognitoFault('NotAuthorizedException', 'Incorrect username or password.');
    if (!/^[0-9a-f]+$/.test(params.SRP_A ?? '')) throw new CognitoFault('InvalidParameterException', 'SRP_A');
    const secretBlock = randomBytes(64).toString('base64');
    this.secretBlocks.set(user.sub, secretBlock);
    return {
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeParameters: {
        // Any B the client can compute with (non-zero modulo N), a salt and an opaque block.
        SRP_B: `${'c'}${randomBytes(383).toString('hex')}`,
        SALT: randomBytes(16).toString('hex'),
        SECRET_BLOCK: secretBlock,
        USERNAME: user.sub,
        USER_ID_FOR_SRP: user.sub,
      },
    };
  }

  private userBySub(sub: unknown): PoolUser {
    for (const user of this.users.values()) if (user.sub === sub) return user;
    throw new CognitoFault('NotAuthorizedException', 'Incorrect username or password.');
  }

  /** A challenge's session, refused as Cognito refuses it once spent or run out. */
  private session(id: unknown, challenge: ChallengeSession['challenge']): ChallengeSession {
    const session = typeof id === 'string' ? this.sessions.get(id) : undefined;
    if (!session || session.expired || session.spent || session.challenge !== challenge)
      throw new CognitoFault('NotAuthorizedException', 'Invalid session for the user, session is expired.');
    return session;
  }

  private open(
    email: string,
    challenge: ChallengeSession['challenge'],
    extra: Partial<ChallengeSession> = {},
  ) {
    const id = randomBytes(48).toString('base64');
    this.sessions.set(id, { email, challenge, ...extra });
    return id;
  }

  private async respond(body: Record<string, unknown>): Promise<unknown> {
    const answers = (body.ChallengeResponses ?? {}) as Record<string, string>;
    switch (body.ChallengeName) {
      case 'PASSWORD_VERIFIER': {
        const user = this.userBySub(answers.USERNAME);
        if (answers.PASSWORD_CLAIM_SECRET_BLOCK !== this.secretBlocks.get(user.sub))
          throw new CognitoFault('NotAuthorizedException', 'Incorrect username or password.');
        if (Buffer.from(answers.PASSWORD_CLAIM_SIGNATURE ?? '', 'base64').length !== 32 || !answers.TIMESTAMP)
          throw new CognitoFault('NotAuthorizedException', 'Incorrect username or password.');
        if (user.totpEnabled && user.totpSecret) {
          if (user.selectFirst)
            return {
              ChallengeName: 'SELECT_MFA_TYPE',
              Session: this.open(user.email, 'SELECT_MFA_TYPE'),
              ChallengeParameters: { MFAS_CAN_CHOOSE: '["SOFTWARE_TOKEN_MFA"]' },
            };
          return this.totpChallenge(user);
        }
        if (user.mfaRequired)
          return {
            ChallengeName: 'MFA_SETUP',
            Session: this.open(user.email, 'MFA_SETUP'),
            ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' },
          };
        return this.tokens(user);
      }
      case 'SELECT_MFA_TYPE': {
        const session = this.session(body.Session, 'SELECT_MFA_TYPE');
        if (answers.ANSWER !== 'SOFTWARE_TOKEN_MFA')
          throw new CognitoFault('InvalidParameterException', 'Invalid MFA type');
        session.spent = true;
        return this.totpChallenge(this.user(session.email));
      }
      case 'SOFTWARE_TOKEN_MFA': {
        const session = this.session(body.Session, 'SOFTWARE_TOKEN_MFA');
        const user = this.user(session.email);
        if (!user.totpSecret || !this.accepts(user.totpSecret, answers.SOFTWARE_TOKEN_MFA_CODE))
          throw new CognitoFault('CodeMismatchException', 'Invalid code received for user');
        session.spent = true;
        return this.tokens(user);
      }
      case 'MFA_SETUP': {
        const session = this.session(body.Session, 'MFA_SETUP');
        if (!session.verified)
          throw new CognitoFault('InvalidParameterException', 'Software token not verified');
        session.spent = true;
        return this.tokens(this.user(session.email));
      }
      default:
        throw new CognitoFault('InvalidParameterException', `Challenge ${String(body.ChallengeName)}`);
    }
  }

  private totpChallenge(user: PoolUser): unknown {
    return {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: this.open(user.email, 'SOFTWARE_TOKEN_MFA'),
      ChallengeParameters: {},
    };
  }

  private accepts(secret: string, code: unknown): boolean {
    if (typeof code !== 'string' || !/^\d{6}$/.test(code)) return false;
    return new TOTP({ secret: Secret.fromBase32(secret) }).validate({ token: code, window: 1 }) !== null;
  }

  /** The signed-in user of an access token (the mock's own, unsigned). */
  private byAccessToken(token: unknown): PoolUser {
    try {
      const { payload } = UnsecuredJWT.decode(String(token));
      if (
        payload.token_use === 'access' &&
        typeof payload.exp === 'number' &&
        payload.exp * 1000 > Date.now()
      )
        return this.userBySub(payload.sub);
    } catch {
      // refused below
    }
    throw new CognitoFault('NotAuthorizedException', 'Invalid Access Token');
  }

  private associate(body: Record<string, unknown>, call: PoolCall): unknown {
    const secret = new Secret({ size: 32 }).base32;
    call.body.issued = secret;
    if (body.AccessToken !== undefined) {
      const user = this.byAccessToken(body.AccessToken);
      this.pendingBySub.set(user.sub, secret);
      return { SecretCode: secret };
    }
    const session = this.session(body.Session, 'MFA_SETUP');
    session.spent = true;
    return {
      SecretCode: secret,
      Session: this.open(session.email, 'MFA_SETUP', { pendingSecret: secret }),
    };
  }

  private verify(body: Record<string, unknown>): unknown {
    const mismatch = new CognitoFault(
      'EnableSoftwareTokenMFAException',
      'Code mismatch and fail enable Software Token MFA',
    );
    if (body.AccessToken !== undefined) {
      const user = this.byAccessToken(body.AccessToken);
      const secret = this.pendingBySub.get(user.sub);
      if (!secret) throw new CognitoFault('InvalidParameterException', 'No software token associated');
      if (!this.accepts(secret, body.UserCode)) throw mismatch;
      this.pendingBySub.delete(user.sub);
      user.totpSecret = secret;
      return { Status: 'SUCCESS' };
    }
    const session = this.session(body.Session, 'MFA_SETUP');
    if (!session.pendingSecret || !this.accepts(session.pendingSecret, body.UserCode)) throw mismatch;
    const user = this.user(session.email);
    user.totpSecret = session.pendingSecret;
    // Required by the pool: the confirmed authenticator is the account's factor from now on.
    user.totpEnabled = true;
    session.spent = true;
    return { Status: 'SUCCESS', Session: this.open(session.email, 'MFA_SETUP', { verified: true }) };
  }

  private setPreference(body: Record<string, unknown>): unknown {
    const user = this.byAccessToken(body.AccessToken);
    const settings = (body.SoftwareTokenMfaSettings ?? {}) as { Enabled?: boolean; PreferredMfa?: boolean };
    if (settings.Enabled && !user.totpSecret)
      throw new CognitoFault(
        'InvalidParameterException',
        'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA',
      );
    if (typeof settings.Enabled === 'boolean') user.totpEnabled = settings.Enabled;
    return {};
  }

  /** An administrator's view of an account, by its username (the `sub` here, as Kawal names accounts). */
  private adminUser(body: Record<string, unknown>): PoolUser {
    if (body.UserPoolId !== POOL.userPoolId)
      throw new CognitoFault('ResourceNotFoundException', 'User pool does not exist.');
    const user = [...this.users.values()].find((candidate) => candidate.sub === body.Username);
    if (!user) throw new CognitoFault('UserNotFoundException', 'User does not exist.');
    return user;
  }

  private adminGetUser(body: Record<string, unknown>): unknown {
    return { ...accountOf(this.adminUser(body)), Enabled: true, UserStatus: 'CONFIRMED' };
  }

  /** Cognito's reset of a lost authenticator: the token and any preference for it are gone. */
  private adminDeleteSoftwareToken(body: Record<string, unknown>): unknown {
    const user = this.adminUser(body);
    delete user.totpSecret;
    user.totpEnabled = false;
    return {};
  }

  /** Every refresh token of the account stops renewing its sessions. */
  private adminSignOut(body: Record<string, unknown>): unknown {
    const user = this.adminUser(body);
    for (const [token, owner] of this.refreshTokens) if (owner === user) this.refreshTokens.delete(token);
    return {};
  }

  /** How many sessions of an account can still be renewed (its refresh tokens the pool still takes). */
  sessionsOf(email: string): number {
    const user = this.user(email);
    return [...this.refreshTokens.values()].filter((owner) => owner === user).length;
  }

  /**
   * Answers Cognito's protocol over HTTP too, for the API's own client (the accounts routes' admin
   * calls, `functions/store/user-pool.ts`), which does not go through a browser: the same operations,
   * recorded in `calls` like the web app's.
   */
  async serve(): Promise<{ endpoint: string; close: () => Promise<void> }> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const operation = String(request.headers['x-amz-target'] ?? '').replace(
          'AWSCognitoIdentityProviderService.',
          '',
        );
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
        const call: PoolCall = { operation, body: { ...body } };
        this.calls.push(call);
        Promise.resolve()
          .then(() => this.handle(operation, body, call))
          .then(
            (reply) => ({ status: 200, reply }),
            (error: unknown) => {
              if (!(error instanceof CognitoFault)) throw error;
              call.error = error.type;
              return { status: 400, reply: { __type: error.type, message: error.message } };
            },
          )
          .then(({ status, reply }) => {
            response.writeHead(status, {
              'content-type': 'application/x-amz-json-1.1',
              'x-amzn-requestid': randomUUID(),
              ...(call.error ? { 'x-amzn-errortype': `${call.error}:` } : {}),
            });
            response.end(JSON.stringify(reply));
          })
          .catch((error: unknown) => {
            response.writeHead(500);
            response.end(String(error));
          });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as AddressInfo;
    return {
      endpoint: `http://127.0.0.1:${address.port}`,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }

  private getUser(body: Record<string, unknown>): unknown {
    return accountOf(this.byAccessToken(body.AccessToken));
  }

  /** Cognito's tokens: an ID token the local API accepts (with the claims Cognito's carries), an access token, a refresh token. */
  private async tokens(user: PoolUser, options: { refresh: boolean } = { refresh: true }): Promise<unknown> {
    let roles: Role[] = user.roles;
    let claims: Record<string, string> = {};
    if (this.adminMfa) {
      const event = {
        userPoolId: POOL.userPoolId,
        userName: user.sub,
        request: { groupConfiguration: { groupsToOverride: [...user.roles] }, userAttributes: {} },
        response: {},
      } as unknown as PreTokenGenerationTriggerEvent;
      const answered = await preToken(event, async () => Boolean(user.totpEnabled && user.totpSecret));
      const override = answered.response.claimsOverrideDetails;
      if (override?.groupOverrideDetails?.groupsToOverride) {
        roles = override.groupOverrideDetails.groupsToOverride as Role[];
      }
      claims = (override?.claimsToAddOrOverride ?? {}) as Record<string, string>;
    }
    const person = { id: user.sub, name: user.name, roles, office: user.office };
    const idToken = await this.issuer.sign(person, 3600, {
      email: user.email,
      email_verified: true,
      'cognito:username': user.sub,
      ...claims,
    });
    const accessToken = new UnsecuredJWT({
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      client_id: POOL.userPoolClientId,
      username: user.sub,
    })
      .setSubject(user.sub)
      .setIssuer(`https://cognito-idp.${POOL.region}.amazonaws.com/${POOL.userPoolId}`)
      .setIssuedAt()
      .setExpirationTime('1h')
      .encode();
    const refreshToken = randomBytes(64).toString('base64url');
    if (options.refresh) this.refreshTokens.set(refreshToken, user);
    return {
      ChallengeParameters: {},
      AuthenticationResult: {
        IdToken: idToken,
        AccessToken: accessToken,
        ...(options.refresh ? { RefreshToken: refreshToken } : {}),
        ExpiresIn: 3600,
        TokenType: 'Bearer',
      },
    };
  }
}
