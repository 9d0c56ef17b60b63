/** The static server the browser tests load their pages from: what it answers, and what it refuses. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serveStatic, type StaticServer } from '../helpers/static-server.js';

const CSP = "default-src 'self'";

/** GET `path` exactly as written (no URL normalisation on the way, unlike fetch). */
function getRaw(origin: string, path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((done, fail) => {
    const req = request(`${origin}${path}`, { method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.path = path;
    req.end();
  });
}

describe('the test static server', () => {
  let folder: string;
  let server: StaticServer;
  let templated: StaticServer;

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'portico-static-server-'));
    await mkdir(join(folder, 'site', 'docs'), { recursive: true });
    await mkdir(join(folder, 'lib'));
    await writeFile(join(folder, 'secret.txt'), 'not for the web');
    await writeFile(join(folder, 'site', 'index.html'), '<!doctype html><title>{{title}}</title>');
    await writeFile(join(folder, 'site', 'docs', 'index.html'), '<!doctype html><title>Docs</title>');
    await writeFile(join(folder, 'site', 'app.js'), 'export {};');
    await writeFile(join(folder, 'site', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await writeFile(join(folder, 'lib', 'lib.js'), 'export const lib = 1;');
    server = await serveStatic({ mounts: { '/': join(folder, 'site'), '/lib/': join(folder, 'lib') }, files: { '/made.html': '<p>in memory</p>' }, csp: CSP });
    templated = await serveStatic({ mounts: { '/': join(folder, 'site') }, variables: { title: 'A & B' } });
  });

  after(async () => {
    await server.close();
    await templated.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('serves files, folder index pages and in-memory files with their content types and the CSP', async () => {
    const cases = [
      ['/', 'text/html; charset=utf-8', '<!doctype html><title>{{title}}</title>'],
      ['/docs/', 'text/html; charset=utf-8', '<!doctype html><title>Docs</title>'],
      ['/docs', 'text/html; charset=utf-8', '<!doctype html><title>Docs</title>'],
      ['/app.js', 'text/javascript; charset=utf-8', 'export {};'],
      ['/lib/lib.js', 'text/javascript; charset=utf-8', 'export const lib = 1;'],
      ['/made.html', 'text/html; charset=utf-8', '<p>in memory</p>'],
    ] as const;
    for (const [path, type, body] of cases) {
      const response = await fetch(`${server.url}${path.slice(1)}`);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('content-type'), type, path);
      assert.equal(response.headers.get('content-security-policy'), CSP, path);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(await response.text(), body, path);
    }
    assert.equal((await fetch(`${server.origin}/logo.png`)).headers.get('content-type'), 'image/png');
  });

  it('refuses paths that climb out of a mounted folder, plain or percent-encoded, and what is not there', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/lib/..%2f..%2fsecret.txt', '/missing.js']) {
      const response = await getRaw(server.origin, path);
      assert.equal(response.status, 404, path);
      assert.equal(response.body, 'Not found', path);
      assert.equal(response.headers['content-security-policy'], CSP, path);
    }
    assert.equal((await getRaw(server.origin, '/%E0%A4%A')).status, 400, 'a malformed escape');
  });

  it('answers GET and HEAD only', async () => {
    assert.equal((await getRaw(server.origin, '/app.js', 'POST')).status, 405);
    const head = await getRaw(server.origin, '/app.js', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
  });

  it('fills {{variables}} in HTML pages (escaped) when given them, and says which one is missing', async () => {
    assert.equal(await (await fetch(templated.url)).text(), '<!doctype html><title>A &#38; B</title>');
    const unknown = await serveStatic({ mounts: { '/': join(folder, 'site') }, variables: {} });
    try {
      const response = await fetch(unknown.url);
      assert.equal(response.status, 500);
      assert.equal(await response.text(), 'No value for {{title}}');
    } finally {
      await unknown.close();
    }
  });
});
