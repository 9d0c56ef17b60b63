/**
 * The demo processor's hosted payment page: server-rendered HTML with its own strict Content Security
 * Policy (no script at all; one nonce'd style element; the form posts back here and may only be
 * redirected to the hospital's return address). It shows the hospital's name, the amount and the test
 * cards, and says plainly that no real card is handled.
 */
import { randomBytes } from 'node:crypto';
import { returnTo, type CheckoutSession } from './processor.js';
import { TEST_CARDS } from './test-cards.js';

/** What a page shows beyond the session. */
export interface PageContent {
  brandName: string;
  /** A message above the form: a decline, an unknown card number. */
  message?: string;
  statements?: readonly string[];
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `4520` USD → `$45.20`. */
export function formatAmount(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
}

/** The page's headers: its CSP allows its one style element and posting the form here, then the return address. */
export function pageHeaders(nonce: string, session?: CheckoutSession): Record<string, string> {
  const returnOrigin = session ? ` ${new URL(session.returnUrl).origin}` : '';
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'${returnOrigin}; frame-ancestors 'none'; base-uri 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d2230}
main{max-width:30rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002}
h1{font-size:1.25rem;margin:0 0 .25rem}.amount{font-size:2rem;font-weight:700;margin:.5rem 0}
.demo{background:#fff4d6;border:1px solid #e0b84d;padding:.5rem .75rem;border-radius:6px}
.message{background:#fde8e8;border:1px solid #c53030;padding:.5rem .75rem;border-radius:6px}
label{display:block;font-weight:600;margin-top:1rem}input{font:inherit;width:100%;box-sizing:border-box;padding:.5rem;margin:.25rem 0 1rem}
button{font:inherit;font-weight:600;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#2b59c3;color:#fff;cursor:pointer}
table{border-collapse:collapse;margin:.5rem 0}td{padding:.15rem .75rem .15rem 0}code{font-size:.95em}a{color:#2b59c3}`;

function layout(nonce: string, title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title><style nonce="${nonce}">${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** The page of an open session: the amount, the test cards, the card form and a way back. */
export function paymentPage(nonce: string, session: CheckoutSession, content: PageContent): string {
  const amount = formatAmount(session.amount.value, session.amount.currency);
  const brand = escape(content.brandName);
  const cards = TEST_CARDS.map((card) => `<tr><td><code>${card.number}</code></td><td>${escape(card.label)}</td></tr>`).join('');
  const statements = content.statements?.length ? `<p>For ${content.statements.length === 1 ? 'statement' : 'statements'} ${content.statements.map(escape).join(', ')}</p>` : '';
  return layout(
    nonce,
    `Pay ${content.brandName}`,
    `<h1>Pay ${brand}</h1><p class="amount">${amount}</p>${statements}
<p class="demo" role="note"><strong>Demo payment page.</strong> No real card is charged and no card data is kept: use one of the test cards below and never a real card number.</p>
${content.message ? `<p class="message" role="alert">${escape(content.message)}</p>` : ''}
<form method="post" action="/processor/pay/${escape(session.id)}">
<label for="card">Card number</label><input id="card" name="card" inputmode="numeric" autocomplete="off" required placeholder="4242 4242 4242 4242">
<button type="submit">Pay ${amount}</button></form>
<h2>Test cards</h2><table>${cards}</table>
<p><a href="${escape(returnTo(session, 'cancelled'))}">Cancel and return to ${brand}</a></p>`,
  );
}

/** The page of a session already paid (or still processing): nothing more to do here. */
export function donePage(nonce: string, session: CheckoutSession, brandName: string): string {
  const amount = formatAmount(session.amount.value, session.amount.currency);
  const brand = escape(brandName);
  const what = session.status === 'processing' ? `Your payment of ${amount} is being processed.` : `Your payment of ${amount} has been made.`;
  return layout(nonce, `Pay ${brandName}`, `<h1>Pay ${brand}</h1><p>${what} You will not be charged again.</p><p><a href="${escape(returnTo(session, session.status))}">Return to ${brand}</a></p>`);
}

/** A page without a session: expired or unknown. */
export function missingPage(nonce: string, message: string): string {
  return layout(nonce, 'Payment', `<h1>Payment</h1><p>${escape(message)}</p>`);
}
