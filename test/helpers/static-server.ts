/** The plain static web server the browser tests load their pages from (the demo site, built files, test pages). */
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

/** Content types by file extension; anything else is sent as `application/octet-stream`. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface StaticServerOptions {
  /** URL path prefix (ending in '/') → folder served under it, as it is; the longest matching prefix wins. */
  mounts?: Record<string, string>;
  /** URL path → body, answered before the mounts (`/` and `/dir/` name `/index.html` and `/dir/index.html`). */
  files?: Record<string, string | Buffer>;
  /** The Content-Security-Policy header sent with every response. */
  csp?: string;
  /**
   * Values written into HTML pages where they say `{{name}}` (HTML-escaped); a page naming an unknown
   * one is a 500. Without it, HTML is sent as it is.
   */
  variables?: Record<string, string>;
}

export interface StaticServer {
  /** `http://localhost:<port>` (a loopback origin, as the embedded authorization server requires). */
  origin: string;
  /** The origin with a trailing `/`: the site's root page. */
  url: string;
  close(): Promise<void>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The file a URL path names under one of the mounts (a folder's index.html), or undefined when it is outside them or missing. */
async function fileFor(mounts: [string, string][], pathname: string): Promise<string | undefined> {
  const mount = mounts.find(([prefix]) => pathname.startsWith(prefix));
  if (!mount) return undefined;
  const [prefix, root] = mount;
  let file = resolve(root, `.${sep}${pathname.slice(prefix.length)}`);
  // `..` (plain or percent-encoded) never leaves the mounted folder.
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  if ((await stat(file).catch(() => undefined))?.isDirectory()) file = join(file, 'index.html');
  return (await stat(file).catch(() => undefined))?.isFile() ? file : undefined;
}

/** Fills `{{name}}` in an HTML page; the names with no value are returned in `unknown`. */
function fillVariables(page: string, variables: Record<string, string>): { page: string; unknown: string[] } {
  const unknown: string[] = [];
  const filled = page.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    const value = variables[name];
    if (value === undefined) unknown.push(name);
    return escapeHtml(value ?? '');
  });
  return { page: filled, unknown };
}

/**
 * A static web server on a free loopback port, nothing else: no transforms, no import maps, no
 * polyfills. GET and HEAD only; no caching; `nosniff`.
 */
export async function serveStatic(options: StaticServerOptions): Promise<StaticServer> {
  const mounts = Object.entries(options.mounts ?? {})
    .map(([prefix, folder]): [string, string] => [prefix, resolve(folder)])
    .sort(([a], [b]) => b.length - a.length);
  const server = createServer((req, res) => {
    void (async () => {
      const headers: Record<string, string> = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
      if (options.csp) headers['Content-Security-Policy'] = options.csp;
      const plain = (status: number, text: string) => void res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end(text);
      let pathname: string;
      try {
        pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      } catch {
        return plain(400, 'Bad request');
      }
      const name = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
      const given = options.files?.[name];
      const file = given === undefined ? await fileFor(mounts, pathname) : undefined;
      if (given === undefined && !file) return plain(404, 'Not found');
      if (req.method !== 'GET' && req.method !== 'HEAD') return plain(405, 'Method not allowed');
      const body = given ?? (await readFile(file!));
      const extension = extname(file ?? name);
      headers['Content-Type'] = CONTENT_TYPES[extension] ?? 'application/octet-stream';
      if (extension !== '.html' || !options.variables) return void res.writeHead(200, headers).end(body);
      const { page, unknown } = fillVariables(body.toString('utf8'), options.variables);
      if (unknown.length) return plain(500, `No value for {{${unknown.join('}}, {{')}}}`);
      res.writeHead(200, headers).end(page);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String(error));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const address = server.address();
  const origin = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    origin,
    url: `${origin}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
