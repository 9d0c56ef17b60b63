/**
 * The embedded backend served over HTTPS, as production FHIR and authorization servers are: HTTP/2 for
 * browsers (what the phone bench measures), HTTP/1.1 for clients without it, and its own addresses (the
 * FHIR base, the issuer, the SMART endpoints) on the https origin.
 *
 * Run: node --experimental-websocket --import tsx --test test/server/http2.test.ts
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { connect, type ClientHttp2Session } from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startPorticoServer, type PorticoServer } from '../../demo/server/server.js';
import { localhostTls, type LocalhostTls } from '../../tools/localhost-tls.js';

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: Buffer;
}

/** One request on an HTTP/2 session, the body as it came (compressed when the server compressed it). */
function h2(session: ClientHttp2Session, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ':method': method, ':path': path, ...headers });
    const chunks: Buffer[] = [];
    let head: Record<string, unknown> = {};
    stream.on('response', (h) => (head = h));
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve({ status: Number(head[':status']), headers: head, body: Buffer.concat(chunks) }));
    stream.on('error', reject);
    stream.end(body);
  });
}

describe('the embedded backend over HTTPS and HTTP/2', () => {
  let folder: string;
  let tls: LocalhostTls;
  let server: PorticoServer;
  let session: ClientHttp2Session;

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'portico-tls-'));
    const made = await localhostTls(folder);
    assert.ok(made, 'openssl makes a certificate for localhost');
    tls = made;
    server = await startPorticoServer({ port: 0, testAdmin: true, tls });
    session = connect(server.origin, { ca: tls.cert });
  });
  after(async () => {
    session?.close();
    await server?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('names its https addresses in the SMART configuration and the CapabilityStatement', async () => {
    assert.match(server.origin, /^https:\/\/localhost:\d+$/);
    const smart = await h2(session, 'GET', '/fhir/.well-known/smart-configuration');
    assert.equal(smart.status, 200);
    const config = JSON.parse(smart.body.toString('utf8')) as { issuer: string; authorization_endpoint: string; token_endpoint: string };
    assert.equal(config.issuer, `${server.origin}/auth`);
    assert.ok(config.authorization_endpoint.startsWith(`${server.origin}/auth/`), config.authorization_endpoint);
    assert.ok(config.token_endpoint.startsWith(`${server.origin}/auth/`), config.token_endpoint);
    const metadata = await h2(session, 'GET', '/fhir/metadata', { accept: 'application/fhir+json' });
    assert.equal(metadata.status, 200);
    const uris = JSON.stringify(JSON.parse(metadata.body.toString('utf8')).rest?.[0]?.security ?? {}).match(/"valueUri":"[^"]+"/g) ?? [];
    assert.ok(uris.length >= 2, 'the OAuth endpoints in the CapabilityStatement');
    assert.ok(uris.every((u) => u.includes(`"valueUri":"${server.origin}/auth/`)), uris.join(', '));
    const discovery = await h2(session, 'GET', '/auth/.well-known/openid-configuration');
    assert.equal(discovery.status, 200);
    assert.equal((JSON.parse(discovery.body.toString('utf8')) as { issuer: string }).issuer, `${server.origin}/auth`);
  });

  it("answers a patient's read over HTTP/2, compressed, and refuses another patient's", async () => {
    const minted = await h2(session, 'POST', '/__admin/token', { 'content-type': 'application/json' }, JSON.stringify({ username: 'maria', scope: 'patient/*.rs' }));
    assert.equal(minted.status, 200);
    const token = (JSON.parse(minted.body.toString('utf8')) as { access_token: string }).access_token;
    const headers = { authorization: `Bearer ${token}`, accept: 'application/fhir+json', 'accept-encoding': 'gzip' };
    const own = await h2(session, 'GET', '/fhir/Observation?patient=Patient/maria&_count=20', headers);
    assert.equal(own.status, 200);
    assert.equal(own.headers['content-encoding'], 'gzip');
    const bundle = JSON.parse(gunzipSync(own.body).toString('utf8')) as { resourceType: string; entry?: { fullUrl: string }[] };
    assert.equal(bundle.resourceType, 'Bundle');
    assert.ok(bundle.entry?.length, 'her observations');
    assert.ok(bundle.entry!.every((e) => e.fullUrl.startsWith(`${server.origin}/fhir/`)), bundle.entry![0]!.fullUrl);
    const other = await h2(session, 'GET', '/fhir/Patient/james', headers);
    assert.ok([403, 404].includes(other.status), `another patient's record: ${other.status}`);
  });

  it('answers HTTP/1.1 over TLS too', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      httpsRequest(`${server.fhirBaseUrl}/metadata`, { ca: tls.cert, headers: { accept: 'application/fhir+json' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
        .on('error', reject)
        .end();
    });
    assert.equal(status, 200);
  });
});
