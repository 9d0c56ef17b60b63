/**
 * The webhook signature the demo processor puts on every event and the hospital's webhook checks, in
 * the style of Stripe's `Stripe-Signature`: `Portico-Signature: t=<unix seconds>,v1=<hex>`, where the
 * hex is HMAC-SHA256, keyed with the secret the two share, of `<t>.<the raw request body>`. The time
 * is signed too, so an old event cannot be sent again after `SIGNATURE_TOLERANCE_SECONDS`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries the signature. */
export const SIGNATURE_HEADER = 'portico-signature';
/** How old a signed event may be when it arrives (replays inside it are answered once: the webhook is idempotent). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

function mac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The header value for `body` signed at `timestamp` (unix seconds). */
export function signWebhook(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${mac(secret, timestamp, body)}`;
}

/** Why a signature is not accepted, or undefined when it is: missing, malformed, too old, or not made with the secret. */
export function signatureProblem(secret: string, body: string, header: string | undefined, now = Date.now()): string | undefined {
  if (!header) return 'The webhook has no signature.';
  const parts = new Map(header.split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given)) return 'The webhook signature is malformed.';
  if (Math.abs(now / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return 'The webhook signature is too old.';
  const expected = Buffer.from(mac(secret, timestamp, body), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex')) ? undefined : 'The webhook signature does not match.';
}
