/**
 * The caller's identity, read from the JWT claims API Gateway's authorizer hands to the handler.
 * The HTTP API passes every claim as a string: an array claim such as `cognito:groups` arrives as
 * "[admin worker]". The local server builds claims the same way, so this one parser runs in both.
 */

export const ROLES = ['admin', 'supervisor', 'worker'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  name: string;
  roles: Role[];
  office: string | null;
}

/** Kawal itself: seeding content, the daily run. */
export const SYSTEM_USER: User = { id: 'system', name: 'Kawal', roles: ['admin'], office: null };

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Parses an array claim as the HTTP API renders it ("[a b]"), or a JSON array, or a lone value. */
export function parseListClaim(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== 'string') return [];
  const text = raw.trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    const inner = text.slice(1, -1).trim();
    if (inner.startsWith('"')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed)) return parsed.map(String);
      } catch {
        // not JSON: fall through to the space-separated form
      }
    }
    return inner.split(/[\s,]+/).filter((part) => part !== '');
  }
  return text === '' ? [] : [text];
}

/**
 * Set in an administrator's token (to `"missing"`) while their account lacks the authenticator app an
 * installation with `mfa: "admins"` requires; the admin group is then left out of the token
 * (functions/auth/pre-token.ts), and the web app asks for an authenticator.
 */
export const MFA_CLAIM = 'kawal:mfa';

/** The user behind the claims, or undefined when there is no subject. */
export function userFromClaims(claims: Record<string, unknown> | undefined): User | undefined {
  const sub = claims?.sub;
  if (typeof sub !== 'string' || sub === '') return undefined;
  const name = claims?.name;
  const office = claims?.['custom:office'];
  return {
    id: sub,
    name: typeof name === 'string' && name !== '' ? name : sub,
    roles: parseListClaim(claims?.['cognito:groups']).filter(isRole),
    office: typeof office === 'string' && office !== '' ? office : null,
  };
}
