import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { problem } from './interactions.js';
import type { FhirService, FhirTenant } from './service.js';

/** The FHIR service on Node's http server: CORS, the body read with a size limit, and the answer written out. */

const MAX_BODY = 32 * 1024 * 1024;
const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** Answers one request to `tenant` (`path` is the part after its FHIR base). */
export async function serveFhir(service: FhirService, req: IncomingMessage, res: ServerResponse, tenant: FhirTenant, path: string, url: URL): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  cors(req, res);
  if (method === 'OPTIONS') {
    res.writeHead(204).end();
    return;
  }
  const answer = await service.answer(tenant, { method, path, url, headers: req.headers, readText: () => readText(req) });
  if ('drop' in answer) {
    if (answer.drop === 'before') req.socket.destroy();
    else cutOff(res);
    return;
  }
  if (res.headersSent) return;
  if (typeof answer.body === 'string') {
    // Compressed when the client accepts it, as production FHIR servers do (a search of open times is
    // half a megabyte of JSON, a twentieth of that gzipped): what a phone on a slow network waits for.
    if (answer.body.length > 1024 && /\bgzip\b/.test(header(req, 'accept-encoding') ?? '')) {
      const zipped = gzipSync(answer.body, { level: 6 });
      res.writeHead(answer.status, { ...answer.headers, 'Content-Encoding': 'gzip', 'Content-Length': String(zipped.length), Vary: 'Origin, Accept-Encoding' }).end(zipped);
      return;
    }
    res.writeHead(answer.status, answer.headers).end(answer.body);
    return;
  }
  const bytes = Buffer.from(answer.body.base64, 'base64');
  res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(bytes.length) }).end(bytes);
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw problem(413, 'too-costly', 'The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function cors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', header(req, 'origin') ?? '*');
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Accept, If-Match, If-None-Exist, If-None-Match, If-Modified-Since, Prefer, X-Request-Id');
  res.setHeader('Access-Control-Expose-Headers', 'ETag, Location, Last-Modified, Content-Location, Retry-After, WWW-Authenticate, Content-Disposition');
  // A preflight answer is kept by the browser for two hours (Chromium's limit; Firefox keeps 24 h):
  // without it, each new kind of request costs a phone one more round trip before it is sent.
  res.setHeader('Access-Control-Max-Age', '7200');
}

/**
 * The connection breaks after the server did the work: headers go out, the body never arrives.
 * (Cutting it before any byte is sent would let the browser resend the request on its own.)
 */
function cutOff(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': FHIR_JSON, 'Content-Length': '100000' });
  res.write('{"resourceType":', () => res.destroy());
}
