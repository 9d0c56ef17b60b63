/**
 * The demo processor's HTTP routes, under `/processor/` on the embedded server's origin:
 *
 * - `POST /processor/checkout-sessions` (JSON, CORS, `Authorization: Bearer <FHIR access token>`): a
 *   hosted page for a payment → 201 `{ id, url, paymentId, status }` (200 for the same paymentId again);
 * - `GET /processor/payments/<paymentId>` (CORS): `{ paymentId, status, decline? }`;
 * - `GET /processor/pay/<session>`: the hosted page; `POST` the same with `card=<number>` (a form) to pay.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { donePage, missingPage, newNonce, pageHeaders, paymentPage } from './hosted-page.js';
import type { CheckoutRequest, DemoProcessor } from './processor.js';

const MAX_BODY = 64 * 1024;

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
}

function cors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
  res.setHeader('Access-Control-Max-Age', '600');
}

/** Answers a request under `/processor/`; the brand is the hospital's name on the hosted page. */
export async function serveProcessor(processor: DemoProcessor, brandName: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const [, , route, id, ...rest] = url.pathname.split('/');
  if (route === 'checkout-sessions' || route === 'payments') {
    cors(req, res);
    if (method === 'OPTIONS') return void res.writeHead(204).end();
  }
  if (route === 'checkout-sessions' && !id && method === 'POST') {
    const text = await readBody(req);
    let request: CheckoutRequest | undefined;
    try {
      request = text ? (JSON.parse(text) as CheckoutRequest) : undefined;
    } catch {
      request = undefined;
    }
    if (!request || typeof request !== 'object') return json(res, 400, { error: 'The body must be a JSON object.' });
    const token = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const answer = await processor.createSession(request, token);
    return json(res, answer.status, answer.body);
  }
  if (route === 'payments' && id && !rest.length && method === 'GET') {
    const answer = processor.status(decodeURIComponent(id));
    return json(res, answer.status, answer.body);
  }
  if (route === 'pay' && id && !rest.length && (method === 'GET' || method === 'POST')) {
    const nonce = newNonce();
    if (method === 'GET') {
      const session = processor.session(id);
      if (!session) return void res.writeHead(404, pageHeaders(nonce)).end(missingPage(nonce, 'This payment page has expired or does not exist.'));
      const html = session.status === 'open' ? paymentPage(nonce, session, { brandName, statements: processor.statementNumbers(session), message: declineMessage(session.decline) }) : donePage(nonce, session, brandName);
      return void res.writeHead(200, pageHeaders(nonce, session)).end(html);
    }
    const form = new URLSearchParams((await readBody(req)) ?? '');
    const answer = await processor.pay(id, form.get('card') ?? '');
    if ('redirect' in answer) return void res.writeHead(303, { Location: answer.redirect, 'Cache-Control': 'no-store' }).end();
    const { session } = answer;
    if (!session) return void res.writeHead(answer.status, pageHeaders(nonce)).end(missingPage(nonce, answer.message));
    return void res.writeHead(answer.status, pageHeaders(nonce, session)).end(paymentPage(nonce, session, { brandName, statements: processor.statementNumbers(session), message: answer.message }));
  }
  res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
}

/** A decline shown again when the page is reloaded. */
function declineMessage(decline: string | undefined): string | undefined {
  if (!decline) return undefined;
  return decline === 'insufficient-funds' ? 'Your card was declined for insufficient funds. No money was taken.' : 'Your card was declined. No money was taken.';
}
