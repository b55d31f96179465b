/**
 * The web app's security headers, written once. The Content-Security-Policy: CloudFront sends it in
 * AWS (cdk/lib/site.ts) and the local server on every page in local mode, so the browser tests run
 * the app under the policy it is deployed with. Only the app's own files run; the browser may talk to
 * the app's origin and, for sign-in in AWS, to Cognito in the stack's region; nothing may frame it.
 */

/** The policy; `region` adds Cognito's endpoint there (the web app signs in against it in AWS). */
export function contentSecurityPolicy(region?: string): string {
  const connect = ["'self'", ...(region ? [`https://cognito-idp.${region}.amazonaws.com`] : [])];
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Styles from the app's files; CodeMirror and the form renderer set element styles from script,
    // which a policy does not restrict, and constructable style sheets.
    "style-src 'self'",
    // Icons and the authenticator QR code are data: URLs.
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The header CloudFront adds to every request it forwards to the API (cdk/lib/site.ts), with a secret
 * the functions also hold (KAWAL_ORIGIN_SECRET): without it, a request reached the API some other way.
 */
export const ORIGIN_HEADER = 'x-kawal-origin';
