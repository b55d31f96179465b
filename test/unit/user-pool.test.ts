/**
 * The Cognito side of the accounts port: the commands it sends to the user pool for an invitation
 * and for each kind of change, checked on the SDK's own client with the network replaced by a
 * recorder at the AWS boundary (nothing leaves the machine). The local side runs in the integration tests.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { cognitoUserPool, localUserPool, temporaryPassword } from '../../functions/store/user-pool';

const POOL = 'ap-southeast-3_Contoh';

interface Sent {
  command: string;
  input: Record<string, unknown>;
}

/** A real client whose requests stop at the first middleware step, answered by `answer`. */
function recordingClient(answer: (command: string) => unknown = () => ({})) {
  const sent: Sent[] = [];
  const client = new CognitoIdentityProviderClient({
    region: 'ap-southeast-3',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  client.middlewareStack.add(
    (_next, context) => async (args) => {
      const command = String(context.commandName);
      sent.push({ command, input: args.input as Record<string, unknown> });
      const output = answer(command);
      if (output instanceof Error) throw output;
      return { output: { $metadata: {}, ...(output as object) }, response: {} };
    },
    { step: 'initialize', name: 'recorder' },
  );
  return { client, sent };
}

const created = {
  User: {
    Username: '7f1c0c1e-0000-4000-8000-000000000001',
    Attributes: [{ Name: 'sub', Value: '7f1c0c1e-0000-4000-8000-000000000001' }],
  },
};

describe('the Cognito user pool', () => {
  it('invites by email with the name and office, then puts the person in each role’s group', async () => {
    const { client, sent } = recordingClient((command) =>
      command === 'AdminCreateUserCommand' ? created : {},
    );
    const account = await cognitoUserPool(client, POOL).create({
      username: 'sari@bapas.example',
      email: 'sari@bapas.example',
      name: 'Sari Contoh',
      roles: ['worker', 'supervisor'],
      office: 'bapas-1',
    });
    expect(account).toEqual({ id: '7f1c0c1e-0000-4000-8000-000000000001' });
    expect(sent).toEqual([
      {
        command: 'AdminCreateUserCommand',
        input: {
          UserPoolId: POOL,
          Username: 'sari@bapas.example',
          UserAttributes: [
            { Name: 'email', Value: 'sari@bapas.example' },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: 'Sari Contoh' },
            { Name: 'custom:office', Value: 'bapas-1' },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        },
      },
      {
        command: 'AdminAddUserToGroupCommand',
        input: { UserPoolId: POOL, Username: account.id, GroupName: 'worker' },
      },
      {
        command: 'AdminAddUserToGroupCommand',
        input: { UserPoolId: POOL, Username: account.id, GroupName: 'supervisor' },
      },
    ]);
  });

  it('takes the account back when its roles cannot be given, so the invitation can be repeated', async () => {
    const { client, sent } = recordingClient((command) => {
      if (command === 'AdminCreateUserCommand') return created;
      if (command === 'AdminAddUserToGroupCommand') return new Error('throttled');
      return {};
    });
    await expect(
      cognitoUserPool(client, POOL).create({
        username: 'a@b.example',
        name: 'A',
        roles: ['worker'],
        office: 'bapas-1',
      }),
    ).rejects.toThrow('throttled');
    expect(sent.map((s) => s.command)).toEqual([
      'AdminCreateUserCommand',
      'AdminAddUserToGroupCommand',
      'AdminDeleteUserCommand',
    ]);
    expect(sent[2]?.input).toEqual({ UserPoolId: POOL, Username: created.User.Username });
  });

  it('finds the account an email already has, changing nothing, so the caller can link it', async () => {
    const taken = Object.assign(new Error('User account already exists'), {
      name: 'UsernameExistsException',
    });
    const { client, sent } = recordingClient((command) => {
      if (command === 'AdminCreateUserCommand') return taken;
      return { Username: 'u-9', UserAttributes: [{ Name: 'sub', Value: 'sub-9' }] };
    });
    const account = await cognitoUserPool(client, POOL).create({
      username: 'a@b.example',
      name: 'A',
      roles: ['admin'],
      office: null,
    });
    expect(account).toEqual({ id: 'sub-9', existing: true });
    expect(sent.map((s) => s.command)).toEqual(['AdminCreateUserCommand', 'AdminGetUserCommand']);
    expect(sent[1]?.input).toEqual({ UserPoolId: POOL, Username: 'a@b.example' });
  });

  it('passes other refusals of the pool on as they are', async () => {
    const refused = Object.assign(new Error('Invalid email address format.'), {
      name: 'InvalidParameterException',
    });
    const { client } = recordingClient(() => refused);
    const attempt = cognitoUserPool(client, POOL).create({
      username: 'a@b.example',
      name: 'A',
      roles: ['admin'],
      office: null,
    });
    await expect(attempt).rejects.toBe(refused);
  });

  it('changes the name and office, the groups, and disables, each with its own admin command', async () => {
    const { client, sent } = recordingClient();
    await cognitoUserPool(client, POOL).change('u-1', {
      name: 'Nama Baru',
      office: 'bapas-2',
      addRoles: ['supervisor'],
      removeRoles: ['worker'],
      active: false,
    });
    expect(sent).toEqual([
      {
        command: 'AdminUpdateUserAttributesCommand',
        input: {
          UserPoolId: POOL,
          Username: 'u-1',
          UserAttributes: [
            { Name: 'name', Value: 'Nama Baru' },
            { Name: 'custom:office', Value: 'bapas-2' },
          ],
        },
      },
      {
        command: 'AdminAddUserToGroupCommand',
        input: { UserPoolId: POOL, Username: 'u-1', GroupName: 'supervisor' },
      },
      {
        command: 'AdminRemoveUserFromGroupCommand',
        input: { UserPoolId: POOL, Username: 'u-1', GroupName: 'worker' },
      },
      { command: 'AdminDisableUserCommand', input: { UserPoolId: POOL, Username: 'u-1' } },
    ]);
  });

  it('enables, removes the office of someone who no longer has one, and sends nothing for no change', async () => {
    const { client, sent } = recordingClient();
    const pool = cognitoUserPool(client, POOL);
    await pool.change('u-2', { active: true, office: null });
    expect(sent).toEqual([
      {
        command: 'AdminDeleteUserAttributesCommand',
        input: { UserPoolId: POOL, Username: 'u-2', UserAttributeNames: ['custom:office'] },
      },
      { command: 'AdminEnableUserCommand', input: { UserPoolId: POOL, Username: 'u-2' } },
    ]);
    sent.length = 0;
    await pool.change('u-2', {});
    expect(sent).toEqual([]);
  });

  it('answers user_not_found for a person the pool does not have', async () => {
    const missing = Object.assign(new Error('User does not exist.'), { name: 'UserNotFoundException' });
    const { client } = recordingClient(() => missing);
    await expect(cognitoUserPool(client, POOL).change('u-3', { active: false })).rejects.toMatchObject({
      code: 'user_not_found',
    });
  });
});

describe('resetting an authenticator app in the Cognito user pool', () => {
  const ID = '7f1c0c1e-0000-4000-8000-000000000001';

  it('deletes the person’s software token, then signs them out of every session', async () => {
    const { client, sent } = recordingClient((command) =>
      command === 'AdminGetUserCommand'
        ? {
            Username: ID,
            UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
            PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
          }
        : {},
    );
    await expect(cognitoUserPool(client, POOL).resetAuthenticator(ID)).resolves.toBe(true);
    expect(sent).toEqual([
      { command: 'AdminGetUserCommand', input: { UserPoolId: POOL, Username: ID } },
      { command: 'AdminDeleteSoftwareTokenCommand', input: { UserPoolId: POOL, Username: ID } },
      { command: 'AdminUserGlobalSignOutCommand', input: { UserPoolId: POOL, Username: ID } },
    ]);
  });

  it('changes nothing for a person without one, and says so', async () => {
    const { client, sent } = recordingClient((command) =>
      command === 'AdminGetUserCommand' ? { Username: ID, UserMFASettingList: [] } : {},
    );
    await expect(cognitoUserPool(client, POOL).resetAuthenticator(ID)).resolves.toBe(false);
    expect(sent.map((call) => call.command)).toEqual(['AdminGetUserCommand']);
  });

  it('answers user_not_found for an account the pool does not have', async () => {
    const missing = Object.assign(new Error('User does not exist.'), { name: 'UserNotFoundException' });
    const { client } = recordingClient(() => missing);
    await expect(cognitoUserPool(client, POOL).resetAuthenticator(ID)).rejects.toMatchObject({
      code: 'user_not_found',
    });
  });

  it('has nothing to reset on a laptop, whose accounts sign in with a password only', async () => {
    await expect(localUserPool.resetAuthenticator('pk1')).resolves.toBe(false);
  });
});

describe('the local user pool', () => {
  it('makes a readable first password and its hash, and keys the account by its username', async () => {
    const account = await localUserPool.create({
      username: 'pk9',
      name: 'PK',
      roles: ['worker'],
      office: 'bapas-1',
    });
    expect(account.id).toBe('pk9');
    expect(account.temporaryPassword).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    expect(account.temporaryPassword).not.toMatch(/[01lIO]/);
    expect(account.passwordHash).toMatch(/^scrypt\$/);
    expect(temporaryPassword()).not.toBe(temporaryPassword());
  });
});
