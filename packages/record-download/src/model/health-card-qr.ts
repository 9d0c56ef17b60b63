/**
 * A SMART Health Card as one QR code: `shc:/` then the JWS in numeric form (each character c as the two
 * digits of `c.charCodeAt(0) - 45`), the prefix in byte mode and the digits in numeric mode, error
 * correction L, version 22 at most (the SMART Health Cards specification; splitting a card across
 * several codes is deprecated). The QR encoder (lean-qr) loads the first time a code is drawn.
 */
import type { Bitmap2D } from 'lean-qr';

/** The largest QR version a card is drawn in (the specification's limit for one code). */
export const HEALTH_CARD_MAX_QR_VERSION = 22;

/** The card's text in a QR code: `shc:/` and two digits per character of the JWS. */
export function healthCardQrText(jws: string): string {
  return `shc:/${numericJws(jws)}`;
}

/** The JWS in numeric form. */
export function numericJws(jws: string): string {
  let digits = '';
  for (const char of jws) {
    const value = char.charCodeAt(0) - 45;
    if (value < 0 || value > 99) throw new RangeError('A JWS holds only base64url characters and dots.');
    digits += String(value).padStart(2, '0');
  }
  return digits;
}

/** A card too large for one QR code. */
export class HealthCardTooLarge extends Error {
  override readonly name = 'HealthCardTooLarge';
}

/** The QR code of a card (lean-qr loaded on first use). Throws a HealthCardTooLarge when it needs more than version 22. */
export async function healthCardQr(jws: string): Promise<Bitmap2D> {
  const { generate, mode, correction } = await import('lean-qr');
  const prefix = Array.from('shc:/', (c) => c.charCodeAt(0));
  try {
    return generate(mode.multi(mode.bytes(prefix), mode.numeric(numericJws(jws))), {
      minCorrectionLevel: correction.L,
      maxCorrectionLevel: correction.L,
      maxVersion: HEALTH_CARD_MAX_QR_VERSION,
    });
  } catch (error) {
    throw new HealthCardTooLarge(`The card does not fit one QR code of version ${HEALTH_CARD_MAX_QR_VERSION}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
