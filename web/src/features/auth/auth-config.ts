/**
 * Which sign-in the web app uses. In AWS the deploy writes `/config.json` next to the app (see
 * `deployWeb` in cdk/lib/api-stack.ts) with the Cognito user pool to sign in against; in local mode
 * there is no such file and the app signs in with POST /api/auth/login.
 */

/** `/config.json` as the CDK stack writes it. */
export interface CognitoConfig {
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  /** The agency's names (kawal.config.json's `agency`), when the deploy wrote them. */
  agency?: { name?: string; appName?: string };
}

export const CONFIG_PATH = '/config.json';

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** The Cognito settings in a parsed `/config.json`; throws when a field is missing. */
export function parseAuthConfig(value: unknown): CognitoConfig {
  const config = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const { region, userPoolId, userPoolClientId, agency } = config;
  if (!nonEmpty(region) || !nonEmpty(userPoolId) || !nonEmpty(userPoolClientId)) {
    throw new Error(`${CONFIG_PATH} needs region, userPoolId and userPoolClientId`);
  }
  const names = typeof agency === 'object' && agency !== null ? (agency as Record<string, unknown>) : {};
  const named = {
    ...(nonEmpty(names.name) ? { name: names.name } : {}),
    ...(nonEmpty(names.appName) ? { appName: names.appName } : {}),
  };
  return {
    region,
    userPoolId,
    userPoolClientId,
    ...(Object.keys(named).length > 0 ? { agency: named } : {}),
  };
}

/**
 * Fetches `/config.json`: the Cognito settings when the app is deployed to AWS, null in local mode
 * (404, or a page that is not JSON, as a dev server's SPA fallback would answer). Throws when the
 * file cannot be read (network, server error) or is malformed, rather than falling back to a local
 * login that AWS does not serve.
 */
export async function loadAuthConfig(fetchFn: typeof fetch = fetch): Promise<CognitoConfig | null> {
  const response = await fetchFn(CONFIG_PATH, {
    // Asking for JSON keeps Vite's dev server from answering with index.html.
    headers: { Accept: 'application/json' },
    cache: 'no-cache',
  });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${CONFIG_PATH}: HTTP ${response.status}`);
  const type = response.headers.get('content-type') ?? '';
  if (!/[/+]json\b/i.test(type)) return null;
  return parseAuthConfig(await response.json());
}
