/**
 * The sign-in stack: the Cognito user pool (every account, its groups and its office) and the web app's
 * client. It holds people, not code, so it lives apart from the Api stack: retained, deletion- and
 * termination-protected, and changed only when sign-in itself changes. Every case stores accounts'
 * `sub`s as assignees, so a replaced pool would orphan them all.
 */
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolEmail,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { ROLES } from '../../functions/platform/claims';
import { type StageConfig, tracingOf } from './config';
import { KawalFunction } from './kawal-function';

export interface AuthStackProps extends StackProps {
  config: StageConfig;
}

/** The invitation and verification e-mails, in Indonesian (principle 8), under the agency's names. */
export function emailTexts(config: StageConfig): {
  invitationSubject: string;
  invitationBody: string;
  verificationSubject: string;
  verificationBody: string;
} {
  const { appName, name } = config.agency;
  const signedBy = name === appName ? appName : `${appName} · ${name}`;
  return {
    invitationSubject: `Akun ${appName} Anda`,
    invitationBody:
      `Akun ${appName} Anda telah dibuat. Nama pengguna: {username}. Kata sandi sementara: {####} ` +
      `(berlaku 3 hari; Anda akan diminta menggantinya saat pertama masuk).` +
      (config.mfa === 'required'
        ? ' Siapkan aplikasi autentikator di ponsel Anda: Anda akan diminta memasangnya saat pertama masuk.'
        : '') +
      ` — ${signedBy}`,
    verificationSubject: `Kode verifikasi ${appName}`,
    verificationBody: `Kode verifikasi ${appName} Anda: {####} — ${signedBy}`,
  };
}

export class AuthStack extends Stack {
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;
  /** The pre token generation trigger, with `mfa: "admins"` only (functions/auth/pre-token.ts). */
  readonly adminMfaTrigger: KawalFunction | undefined;

  constructor(scope: Construct, id: string, props: AuthStackProps) {
    super(scope, id, props);
    const { config } = props;
    const { stage } = config;
    const texts = emailTexts(config);

    // Accounts are created by administrators (no self sign-up); users sign in with their email.
    this.userPool = new UserPool(this, 'Users', {
      userPoolName: `kawal-${stage}`,
      featurePlan: FeaturePlan.ESSENTIALS,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      // The office a worker or supervisor belongs to: the token's `custom:office` claim, which
      // functions/platform/claims.ts reads to scope caseloads (principle 7).
      customAttributes: { office: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      // An authenticator app (TOTP), never SMS. `required`: everyone enrols one at the first sign-in
      // (the web app shows the QR code); `optional`: each person may turn it on from their account.
      mfa: config.mfa === 'required' ? Mfa.REQUIRED : Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // From the agency's own address through SES when configured: Cognito's own sender is limited to
      // about 50 e-mails a day, too few for inviting an office's staff in one morning.
      ...(config.email
        ? {
            email: UserPoolEmail.withSES({
              fromEmail: config.email.from,
              ...(config.email.fromName ? { fromName: config.email.fromName } : {}),
              ...(config.email.replyTo ? { replyTo: config.email.replyTo } : {}),
              ...(config.email.sesRegion ? { sesRegion: config.email.sesRegion } : {}),
            }),
          }
        : {}),
      userInvitation: { emailSubject: texts.invitationSubject, emailBody: texts.invitationBody },
      userVerification: { emailSubject: texts.verificationSubject, emailBody: texts.verificationBody },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // `admins`: an administrator's token carries the admin group only once their account has an
    // authenticator app (TOTP); until then the web app asks them to add one on their account page.
    this.adminMfaTrigger = config.mfa === 'admins' ? this.addAdminMfaTrigger(config) : undefined;

    // The groups are the roles of the route table (cognito:groups → User.roles); declared once.
    ROLES.forEach((role, precedence) => {
      this.userPool.addGroup(`Group-${role}`, {
        groupName: role,
        description: `Kawal role ${role}`,
        precedence,
      });
    });

    this.webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: `kawal-${stage}-web`,
      // A browser cannot keep a secret; SRP never sends the password.
      generateSecret: false,
      authFlows: { userSrp: true },
      // No hosted UI: the web app has its own sign-in form.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // The web app sends the ID token and renews it with the refresh token a few minutes before it
      // expires, so a session lasts a working day without signing in again; after that, or once the
      // user signs out (which revokes the refresh token), the next request needs the password.
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      // Time to choose a new password (or enrol an authenticator) at the first sign-in before starting over.
      authSessionValidity: Duration.minutes(10),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('office'),
      // Users may fix their display name, never their office: the office decides which cases a
      // token can see, so only administrators (admin-update-user-attributes) may change it.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }

  private addAdminMfaTrigger(config: StageConfig): KawalFunction {
    const trigger = new KawalFunction(this, 'AdminMfa', {
      ...tracingOf(config.tracing),
      name: 'pre-token',
      kind: 'auth',
      description: 'Kawal sign-in trigger: the admin group only with an authenticator app',
      timeout: Duration.seconds(5),
    });
    this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION, trigger);
    // It reads the signing-in account's MFA settings. The pool cannot be named here: it names the
    // trigger, and a policy naming the pool would make the two wait on each other. So: any pool of
    // this account and region, for this one read-only action.
    trigger.addToRolePolicy(
      new PolicyStatement({
        actions: ['cognito-idp:AdminGetUser'],
        resources: [
          Stack.of(this).formatArn({ service: 'cognito-idp', resource: 'userpool', resourceName: '*' }),
        ],
      }),
    );
    return trigger;
  }
}
