/**
 * The local stand-in for Cognito: signs ES256 JWTs carrying the claims Cognito's ID token would
 * (`sub`, `name`, `cognito:groups`, `custom:office`), and verifies them the way API Gateway's JWT
 * authorizer does, handing the claims on as strings.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { User } from '../platform/claims';

export const LOCAL_ISSUER = 'kawal-local';
export const LOCAL_AUDIENCE = 'kawal';
const ALG = 'ES256';

export interface Issuer {
  /** A token for `user`; `claims` adds others a Cognito ID token carries (`email`...), as tests need. */
  sign(user: User, ttlSeconds?: number, claims?: JWTPayload): Promise<string>;
  /** The claims as API Gateway's authorizer passes them, or undefined for a bad token. */
  verify(token: string): Promise<Record<string, string> | undefined>;
}

/** Renders claims the way the HTTP API's JWT authorizer does: arrays as "[a b]", all else as strings. */
export function authorizerClaims(payload: JWTPayload): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) out[name] = `[${value.map(String).join(' ')}]`;
    else if (typeof value === 'object') out[name] = JSON.stringify(value);
    else out[name] = String(value);
  }
  return out;
}

async function loadKeys(
  keyFile: string | undefined,
): Promise<{ privateKey: CryptoKey; publicKey: CryptoKey }> {
  if (keyFile && existsSync(keyFile)) {
    const jwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
    const { d: _private, ...publicJwk } = jwk;
    return {
      privateKey: (await importJWK(jwk, ALG)) as CryptoKey,
      publicKey: (await importJWK(publicJwk, ALG)) as CryptoKey,
    };
  }
  const keys = await generateKeyPair(ALG, { extractable: true });
  if (keyFile) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(await exportJWK(keys.privateKey)), { mode: 0o600 });
  }
  return keys;
}

/** An issuer whose key is kept in `keyFile` (so tokens survive a restart), or in memory only. */
export async function createIssuer(keyFile?: string): Promise<Issuer> {
  const { privateKey, publicKey } = await loadKeys(keyFile);
  return {
    sign: (user, ttlSeconds = 8 * 3600, claims = {}) =>
      new SignJWT({
        ...claims,
        name: user.name,
        'cognito:groups': user.roles,
        ...(user.office ? { 'custom:office': user.office } : {}),
        token_use: 'id',
      })
        .setProtectedHeader({ alg: ALG, typ: 'JWT' })
        .setSubject(user.id)
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
        .sign(privateKey),
    verify: async (token) => {
      try {
        const { payload } = await jwtVerify(token, publicKey, {
          issuer: LOCAL_ISSUER,
          audience: LOCAL_AUDIENCE,
          algorithms: [ALG],
          requiredClaims: ['sub', 'exp'],
        });
        return authorizerClaims(payload);
      } catch {
        return undefined;
      }
    },
  };
}
