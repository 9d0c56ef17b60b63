/**
 * The embedded FHIR server compresses its JSON answers for clients that accept gzip, as production
 * servers do; the bytes decompress to exactly the uncompressed answer, and Binary content is sent as it is.
 *
 * Run: node --experimental-websocket --import tsx --test test/server/compression.test.ts
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { startPorticoServer, type PorticoServer } from '../../demo/server/server.js';
import { admin, tokenFor } from '../helpers/server-http.js';

/** A raw GET (node:http sends no Accept-Encoding of its own), with the bytes as they came. */
function get(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describe('the embedded FHIR server compresses what it sends', () => {
  let server: PorticoServer;
  let token: string;
  before(async () => {
    server = await startPorticoServer({ port: 0, testAdmin: true });
    token = await tokenFor(server, 'maria', 'patient/*.rs');
  });
  after(() => server.close());

  it('a search answered with gzip when accepted, the same JSON when not', async () => {
    const url = `${server.fhirBaseUrl}/Observation?patient=Patient/maria&_count=50`;
    const auth = { Authorization: `Bearer ${token}`, Accept: 'application/fhir+json' };
    const plain = await get(url, auth);
    const zipped = await get(url, { ...auth, 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.match(String(zipped.headers.vary), /Accept-Encoding/);
    assert.ok(zipped.bytes.length * 4 < plain.bytes.length, `${zipped.bytes.length} gzipped vs ${plain.bytes.length} plain`);
    const a = JSON.parse(plain.bytes.toString('utf8'));
    const b = JSON.parse(gunzipSync(zipped.bytes).toString('utf8'));
    // The same resources in the same order (the Bundle's id and timestamp are made per answer).
    assert.deepEqual(b.entry.map((e: { fullUrl: string }) => e.fullUrl), a.entry.map((e: { fullUrl: string }) => e.fullUrl));
  });
});

describe('the embedded FHIR server helps clients keep what they read', () => {
  let server: PorticoServer;
  before(async () => {
    server = await startPorticoServer({ port: 0, testAdmin: true });
  });
  after(() => server.close());

  it('GET metadata carries an ETag; If-None-Match naming it answers 304 without a body; another tag gets the statement', async () => {
    const url = `${server.fhirBaseUrl}/metadata`;
    const first = await get(url, {});
    assert.equal(first.status, 200);
    const etag = String(first.headers.etag);
    assert.match(etag, /^W\/"[\w-]+"$/);
    assert.equal(first.headers['cache-control'], 'no-cache');
    assert.equal(String((await get(url, {})).headers.etag), etag, 'the same statement, the same tag');
    const same = await get(url, { 'If-None-Match': etag });
    assert.equal(same.status, 304);
    assert.equal(same.bytes.length, 0);
    assert.equal(String(same.headers.etag), etag);
    assert.equal((await get(url, { 'If-None-Match': etag.replace(/^W\//, '') })).status, 304, 'weak comparison');
    const other = await get(url, { 'If-None-Match': 'W/"something-else"' });
    assert.equal(other.status, 200);
    assert.equal(JSON.parse(other.bytes.toString('utf8')).resourceType, 'CapabilityStatement');

    // A server with other operations has another statement, so another tag.
    const sandbox = await admin<{ fhirBaseUrl: string }>(server, 'POST', 'sandboxes', { recordOperations: false });
    const changed = await get(`${sandbox.fhirBaseUrl}/metadata`, { 'If-None-Match': etag });
    assert.equal(changed.status, 200);
    assert.notEqual(String(changed.headers.etag), etag);
  });

  it('a CORS preflight is answered for two hours (Access-Control-Max-Age), allowing the conditional and write headers', async () => {
    const preflight = await fetch(`${server.fhirBaseUrl}/metadata`, { method: 'OPTIONS', headers: { Origin: 'https://hospital.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'if-none-match, authorization' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-max-age'), '7200');
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://hospital.example');
    for (const name of ['If-None-Match', 'Authorization', 'If-Match', 'If-None-Exist']) assert.match(preflight.headers.get('access-control-allow-headers') ?? '', new RegExp(name));
    assert.match((await fetch(`${server.fhirBaseUrl}/metadata`, { headers: { Origin: 'https://hospital.example' } })).headers.get('access-control-expose-headers') ?? '', /ETag/);
  });
});
