/** A QR code as one SVG path (uqr encodes), so React draws it without inserting markup. */
import { encode } from 'uqr';

/** The quiet zone the QR standard asks for around the code, in modules. */
const QUIET_ZONE = 4;

/**
 * The QR code of `text` (error correction M, which a phone's camera reads from a screen) as the
 * side of a square in modules, quiet zone included, and a path drawing its dark modules one unit each.
 */
export function qrPath(text: string): { size: number; d: string } {
  const { size, data } = encode(text, { ecc: 'M', border: QUIET_ZONE });
  const parts: string[] = [];
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${x},${y}h1v1h-1z`);
    });
  });
  return { size, d: parts.join('') };
}
