import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

export interface StaticSiteOptions {
  /** URL path prefix (ending in '/') → folder served under it, as it is; the longest matching prefix wins. */
  mounts: Record<string, string>;
  /** The Content-Security-Policy header sent with every response. */
  csp: string;
  /** Values written into HTML pages where they say `{{name}}` (HTML-escaped); a page naming an unknown one is a 500. */
  variables?: Record<string, string>;
}

export interface StaticSite {
  /** `http://localhost:<port>` (a loopback origin, as the embedded authorization server requires). */
  origin: string;
  close(): Promise<void>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The file a URL path names under one of the mounts, or undefined when it is outside them. */
function fileFor(mounts: [string, string][], pathname: string): string | undefined {
  const mount = mounts.find(([prefix]) => pathname.startsWith(prefix));
  if (!mount) return undefined;
  const [prefix, root] = mount;
  const file = resolve(root, `.${sep}${pathname.slice(prefix.length)}`);
  return file === root || file.startsWith(root + sep) ? file : undefined;
}

/** A plain static web server on a free loopback port: files as they are, HTML pages with `{{variables}}` filled in. */
export async function serveStaticSite(options: StaticSiteOptions): Promise<StaticSite> {
  const mounts = Object.entries(options.mounts)
    .map(([prefix, folder]): [string, string] => [prefix, resolve(folder)])
    .sort(([a], [b]) => b.length - a.length);
  const server = createServer((req, res) => {
    void (async () => {
      const headers: Record<string, string> = { 'Content-Security-Policy': options.csp, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      let file = fileFor(mounts, pathname);
      if (file && (await stat(file).catch(() => undefined))?.isDirectory()) file = join(file, 'index.html');
      const body = file ? await readFile(file).catch(() => undefined) : undefined;
      if (!file || !body || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(body ? 405 : 404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end(body ? 'Method not allowed' : 'Not found');
        return;
      }
      headers['Content-Type'] = TYPES[extname(file)] ?? 'application/octet-stream';
      if (extname(file) !== '.html') return void res.writeHead(200, headers).end(body);
      const unknown: string[] = [];
      const page = body.toString('utf8').replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
        const value = options.variables?.[name];
        if (value === undefined) unknown.push(name);
        return escapeHtml(value ?? '');
      });
      if (unknown.length) return void res.writeHead(500, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end(`No value for {{${unknown.join('}}, {{')}}}`);
      res.writeHead(200, headers).end(page);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String(error));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const address = server.address();
  return {
    origin: `http://localhost:${typeof address === 'object' && address ? address.port : 0}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
