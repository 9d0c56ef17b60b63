/**
 * Serves a built site as a production host would, for timings that depend on the HTTP cache: files with a
 * content hash in their name (Vite's `assets/`) are cached for a year, everything else is revalidated on
 * each use (ETag, `304 Not Modified`), and text is gzip-compressed when the browser accepts it. The test
 * suite's static server sends `no-store` instead, so that a test never sees a stale file.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

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

/** A file name Vite gave a content hash (`assets/my-health-BnJd2Xq1.js`): it never changes under that name. */
const HASHED = /^\/assets\/.+-[\w-]{8}\.\w+$/;

export interface CachingSiteServer {
  /** `http://localhost:<port>/` (a loopback origin, as the embedded authorization server requires). */
  url: string;
  close(): Promise<void>;
}

interface Entry {
  body: Buffer;
  gzip?: Buffer;
  etag: string;
}

/** Serves `folder` on a free loopback port with `csp` as every response's Content-Security-Policy. */
export async function serveWithCaching(folder: string, csp: string): Promise<CachingSiteServer> {
  const root = resolve(folder);
  const entries = new Map<string, Promise<Entry | undefined>>();
  const load = async (pathname: string): Promise<Entry | undefined> => {
    let file = resolve(root, `.${sep}${pathname}`);
    if (file !== root && !file.startsWith(root + sep)) return undefined;
    if ((await stat(file).catch(() => undefined))?.isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file).catch(() => undefined);
    if (!body) return undefined;
    const compressible = (COMPRESSIBLE as readonly string[]).includes(extname(file));
    return { body, gzip: compressible ? gzipSync(body, { level: 9 }) : undefined, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
  };
  const server = createServer((req, res) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      let entry = entries.get(pathname);
      if (!entry) entries.set(pathname, (entry = load(pathname)));
      const found = await entry;
      const headers: Record<string, string> = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
      if (!found) return void res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      const name = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
      headers['Content-Type'] = CONTENT_TYPES[extname(name)] ?? 'application/octet-stream';
      headers['Cache-Control'] = HASHED.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache';
      headers.ETag = found.etag;
      headers.Vary = 'Accept-Encoding';
      if (req.headers['if-none-match'] === found.etag) return void res.writeHead(304, headers).end();
      const gzip = found.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      if (gzip) headers['Content-Encoding'] = 'gzip';
      res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : gzip ? found.gzip : found.body);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String(error));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const address = server.address();
  return {
    url: `http://localhost:${typeof address === 'object' && address ? address.port : 0}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
