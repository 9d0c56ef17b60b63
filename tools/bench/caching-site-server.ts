/**
 * Serves a folder as a production host would, for timings that depend on the HTTP cache and on compression:
 * files with a content hash in their name (Vite's `assets/name-<hash>.js`, the umbrella's
 * `chunks/name-<hash>.js`) are cached for a year as immutable; the umbrella's entry `portico.js` as the
 * README's "Deploy it" asks (`max-age=300, stale-while-revalidate=604800`: a reload runs it from the cache,
 * and a new release reaches a returning patient on the next visit); everything else (the pages) is
 * revalidated on each use (`Cache-Control: no-cache`, ETag, `304 Not Modified`). Text is sent brotli-compressed
 * (quality 11) when the browser accepts `br`, else gzip-compressed (level 9) when it accepts `gzip`,
 * compressed once per file and kept. The test suite's static server sends `no-store` instead, so that a
 * test never sees a stale file.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createSecureServer } from 'node:http2';
import type { Socket } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Compressed when asked for: the text types (images are compressed already, except SVG). */
const COMPRESSIBLE = ['.html', '.js', '.css', '.json', '.svg'] as const;

/** A file name the bundler gave a content hash (`/assets/my-health-BnJd2Xq1.js`, `/portico/chunks/define-DK9U4Ebg.js`): it never changes under that name. */
const HASHED = /\/(?:assets|chunks)\/[^/]+-[\w-]{8}\.\w+$/;

/** How the README asks a host to serve `portico.js`, the one file without a content hash in its name. */
export const ENTRY_CACHING = 'public, max-age=300, stale-while-revalidate=604800';

/** Encodings the server offers, preferred first, with the `Accept-Encoding` token that asks for each. */
const ENCODINGS = ['br', 'gzip'] as const;
type Encoding = (typeof ENCODINGS)[number];

export interface CachingSiteServer {
  /** `http://localhost:<port>/`, or `https://` with TLS (a loopback origin, as the embedded authorization server requires). */
  url: string;
  /** Responses sent so far, by `Content-Encoding` (`identity` when uncompressed) and by status (`304`). */
  sent: Record<string, number>;
  close(): Promise<void>;
}

interface Entry {
  body: Buffer;
  encoded: Partial<Record<Encoding, Buffer>>;
  /** The content's hash; the ETag adds the encoding. */
  etag: string;
}

function compress(body: Buffer): Record<Encoding, Buffer> {
  return {
    br: brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    gzip: gzipSync(body, { level: 9 }),
  };
}

/** The encoding to answer with: the first of ENCODINGS the request's `Accept-Encoding` lists (without `;q=0`). */
function chooseEncoding(acceptEncoding: string): Encoding | undefined {
  const accepted = acceptEncoding
    .split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, q]) => !/^\s*q=0(?:\.0*)?\s*$/.test(q ?? ''))
    .map(([token]) => token!.toLowerCase());
  return ENCODINGS.find((encoding) => accepted.includes(encoding));
}

/**
 * Serves `folder` on a free loopback port with `csp` as every response's Content-Security-Policy; with `tls`
 * (PEM key and certificate), over HTTPS and HTTP/2 as production hosts serve.
 */
export async function serveWithCaching(folder: string, csp: string, tls?: { key: string; cert: string }): Promise<CachingSiteServer> {
  const root = resolve(folder);
  const entries = new Map<string, Promise<Entry | undefined>>();
  const sent: Record<string, number> = {};
  const load = async (pathname: string): Promise<Entry | undefined> => {
    let file = resolve(root, `.${sep}${pathname}`);
    if (file !== root && !file.startsWith(root + sep)) return undefined;
    if ((await stat(file).catch(() => undefined))?.isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file).catch(() => undefined);
    if (!body) return undefined;
    const compressible = (COMPRESSIBLE as readonly string[]).includes(extname(file));
    return { body, encoded: compressible ? compress(body) : {}, etag: createHash('sha1').update(body).digest('base64url') };
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      let entry = entries.get(pathname);
      if (!entry) entries.set(pathname, (entry = load(pathname)));
      const found = await entry;
      const headers: Record<string, string> = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
      if (!found) return void res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      const name = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
      headers['Content-Type'] = CONTENT_TYPES[extname(name)] ?? 'application/octet-stream';
      headers['Cache-Control'] = HASHED.test(name) ? 'public, max-age=31536000, immutable' : name.endsWith('/portico.js') ? ENTRY_CACHING : 'no-cache';
      headers.Vary = 'Accept-Encoding';
      const chosen = chooseEncoding(String(req.headers['accept-encoding'] ?? ''));
      const encoding = chosen && found.encoded[chosen] ? chosen : undefined;
      // Each encoding is a representation of its own, with a tag of its own.
      headers.ETag = encoding ? `"${found.etag}-${encoding}"` : `"${found.etag}"`;
      if (req.headers['if-none-match'] === headers.ETag) {
        sent['304'] = (sent['304'] ?? 0) + 1;
        return void res.writeHead(304, headers).end();
      }
      const body = encoding ? found.encoded[encoding]! : found.body;
      if (encoding) headers['Content-Encoding'] = encoding;
      sent[headers['Content-Encoding'] ?? 'identity'] = (sent[headers['Content-Encoding'] ?? 'identity'] ?? 0) + 1;
      res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String(error));
    });
  };
  // HTTP/2's compatibility request and response stand in for HTTP/1.1's.
  const server = tls ? createSecureServer({ ...tls, allowHTTP1: true }, handle as never) : createServer(handle);
  const connections = new Set<Socket>();
  server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const address = server.address();
  return {
    url: `${tls ? 'https' : 'http'}://localhost:${typeof address === 'object' && address ? address.port : 0}/`,
    sent,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of connections) socket.destroy();
        server.close(() => done());
      }),
  };
}
