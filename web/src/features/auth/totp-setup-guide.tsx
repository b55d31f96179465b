/**
 * How to add an authenticator app, shared by the sign-in (when the pool requires one of an account
 * without it) and the account page: numbered steps, the QR code of the `otpauth://` URI, a link that
 * opens the app on the same phone, and the key in groups of four to type by hand. Loaded only when
 * shown (the QR encoder comes with it).
 */
import { useMemo, useState } from 'react';
import { useI18n } from '../../shared/i18n/language';
import { qrPath } from './qr';
import type { TotpSecret } from './sign-in';
import { groupSecret } from './totp';

/** The QR code of an `otpauth://` URI, drawn as an image with a name for screen readers. */
function QrCode({ text, label }: { text: string; label: string }) {
  const { size, d } = useMemo(() => qrPath(text), [text]);
  return (
    <svg
      className="totp-qr"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#ffffff" />
      <path d={d} fill="#000000" />
    </svg>
  );
}

/** How to add the app: numbered steps, the QR code, the key in groups of four, and a link for this phone. */
export function TotpSetupGuide({ secret, uri }: TotpSecret) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  // The clipboard exists only on a secure page (HTTPS); elsewhere the key is selected by hand.
  const canCopy = typeof navigator !== 'undefined' && typeof navigator.clipboard?.writeText === 'function';
  const copy = () => {
    navigator.clipboard.writeText(secret).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <ol className="totp-steps">
      <li>{t('totp.stepApp')}</li>
      <li>
        <p>{t('totp.stepScan')}</p>
        <QrCode text={uri} label={t('totp.qrLabel')} />
        <p>
          <a href={uri}>{t('totp.openApp')}</a>
        </p>
        <p>{t('totp.manual')}</p>
        <p>
          <span className="sr-only">{t('totp.secretLabel')}: </span>
          <code className="totp-secret">{groupSecret(secret)}</code>
        </p>
        {canCopy ? (
          <p className="totp-copy">
            <button type="button" className="button button-small" onClick={copy}>
              {t('totp.copy')}
            </button>
            <span role="status">{copied ? t('totp.copied') : ''}</span>
          </p>
        ) : null}
      </li>
      <li>{t('totp.stepCode')}</li>
    </ol>
  );
}
