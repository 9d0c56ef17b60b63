import { expect } from '@open-wc/testing';
import type { CapabilityStatement } from 'fhir/r4';
import { FhirClient } from '../../packages/core/src/fhir/client.js';
import { keepCapabilities, keptCapabilities, MAX_AGE_WITHOUT_ETAG_MS, MAX_KEPT_SERVERS, REVALIDATION_DELAY_MS } from '../../packages/core/src/fhir/capability-cache.js';
import { Sandbox } from '../helpers/backend.js';

const KEY = (base: string) => `portico:capabilities:${base}`;

/** A metadata request as the server saw it: its If-None-Match, and the status it answered. */
interface MetadataCall {
  ifNoneMatch: string | null;
  status?: number;
}

/**
 * A client of a fresh sandbox (a FHIR base this page has not read the CapabilityStatement of: as on a
 * new page load), recording its metadata requests.
 */
async function freshClient(sandbox: Sandbox): Promise<{ client: FhirClient; calls: MetadataCall[] }> {
  const calls: MetadataCall[] = [];
  const client = new FhirClient({
    baseUrl: sandbox.fhirBaseUrl,
    fetch: async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.endsWith('/metadata')) return fetch(input, init);
      const call: MetadataCall = { ifNoneMatch: new Headers(init?.headers).get('If-None-Match') };
      calls.push(call);
      const response = await fetch(input, init);
      call.status = response.status;
      return response;
    },
  });
  return { client, calls };
}

/** A kept copy that is not the server's (its software is named "kept copy"), so a test can tell which answered. */
function keep(base: string, etag: string | undefined, savedAt = Date.now()): void {
  const statement: CapabilityStatement = { resourceType: 'CapabilityStatement', status: 'active', date: '2020-01-01', kind: 'instance', fhirVersion: '4.0.1', format: ['json'], software: { name: 'kept copy' } };
  localStorage.setItem(KEY(base), JSON.stringify({ statement, ...(etag ? { etag } : {}), savedAt }));
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  if (!check()) throw new Error(`${what} did not happen`);
};

describe('the CapabilityStatement kept across page loads', function () {
  // Revalidation waits REVALIDATION_DELAY_MS, and the server may be slow under a full run.
  this.timeout(20_000);
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await Sandbox.create();
  });
  afterEach(async () => {
    localStorage.removeItem(KEY(sandbox.fhirBaseUrl));
    await sandbox.dispose();
  });

  it('the first read keeps the statement with the server’s ETag, without its prose', async () => {
    const { client, calls } = await freshClient(sandbox);
    const statement = await client.capabilities();
    expect(statement.rest?.[0]?.resource?.some((r) => r.type === 'Observation')).to.equal(true);
    expect(JSON.stringify(calls)).to.equal(JSON.stringify([{ ifNoneMatch: null, status: 200 }]));
    const kept = JSON.parse(localStorage.getItem(KEY(sandbox.fhirBaseUrl))!) as { statement: CapabilityStatement; etag: string };
    expect(kept.etag).to.match(/^W\/".+"$/);
    expect(kept.statement.rest?.[0]?.resource?.length).to.equal(statement.rest?.[0]?.resource?.length);
    expect(/"(documentation|description|text)":/.test(JSON.stringify(statement))).to.equal(true, 'the server’s statement has prose');
    expect(/"(documentation|description|text)":/.test(localStorage.getItem(KEY(sandbox.fhirBaseUrl))!)).to.equal(false, 'no prose kept');
  });

  it('a kept copy answers at once while the server is still answering; a 304 keeps it', async () => {
    // The server's current ETag, read past the client (whose memory of this base URL stays empty, as on a new page).
    const etag = (await fetch(`${sandbox.fhirBaseUrl}/metadata`)).headers.get('ETag')!;
    expect(etag).to.match(/^W\/".+"$/);
    keep(sandbox.fhirBaseUrl, etag, Date.now() - 1000);
    await sandbox.injectFaults([{ method: 'GET', path: '^metadata$', delayMs: 1500, times: 1 }]);
    const { client, calls } = await freshClient(sandbox);
    const statement = await client.capabilities();
    expect(statement.software?.name).to.equal('kept copy');
    expect(calls.length).to.equal(0, 'the server is asked only after the first screen’s requests');
    await until(() => calls.length === 1, 'the revalidation sent');
    expect(calls[0]!.status === undefined).to.equal(true, 'the server has not answered yet');
    expect(calls[0]!.ifNoneMatch).to.equal(etag);
    await until(() => calls[0]!.status !== undefined, 'the revalidation');
    expect(calls[0]!.status).to.equal(304);
    expect((await client.capabilities()).software?.name).to.equal('kept copy', 'unchanged: the kept copy stays');
    const kept = JSON.parse(localStorage.getItem(KEY(sandbox.fhirBaseUrl))!) as { savedAt: number; etag: string };
    expect(kept.etag).to.equal(etag);
    expect(Date.now() - kept.savedAt < 1000).to.equal(true, 'revalidated now');
  });

  it('a kept copy the server has changed since is replaced: the fresh one answers from then on, and is kept', async () => {
    keep(sandbox.fhirBaseUrl, 'W/"an-old-version"');
    const { client, calls } = await freshClient(sandbox);
    expect((await client.capabilities()).software?.name).to.equal('kept copy');
    await until(() => calls[0]?.status !== undefined, 'the revalidation');
    expect(calls[0]!.status).to.equal(200);
    await until(() => !localStorage.getItem(KEY(sandbox.fhirBaseUrl))!.includes('kept copy'), 'the fresh copy kept');
    const fresh = await client.capabilities();
    expect(fresh.software?.name === 'kept copy').to.equal(false);
    expect(fresh.rest?.[0]?.resource?.some((r) => r.type === 'Observation')).to.equal(true);
  });

  it('without an ETag a young copy is used without asking; an old one is read again', async () => {
    keep(sandbox.fhirBaseUrl, undefined, Date.now() - 60_000);
    const young = await freshClient(sandbox);
    expect((await young.client.capabilities()).software?.name).to.equal('kept copy');
    await new Promise((resolve) => setTimeout(resolve, REVALIDATION_DELAY_MS + 300));
    expect(young.calls.length).to.equal(0, 'not asked at all');

    const other = await Sandbox.create();
    try {
      keep(other.fhirBaseUrl, undefined, Date.now() - MAX_AGE_WITHOUT_ETAG_MS - 60_000);
      const old = await freshClient(other);
      expect((await old.client.capabilities()).software?.name).to.equal('kept copy');
      await until(() => old.calls[0]?.status !== undefined, 'the read');
      expect(JSON.stringify(old.calls)).to.equal(JSON.stringify([{ ifNoneMatch: null, status: 200 }]));
      localStorage.removeItem(KEY(other.fhirBaseUrl));
    } finally {
      await other.dispose();
    }
  });

  it('a revalidation that fails leaves the kept copy answering', async () => {
    keep(sandbox.fhirBaseUrl, 'W/"x"');
    await sandbox.injectFaults([{ method: 'GET', path: '^metadata$', status: 500, times: 10 }]);
    const { client, calls } = await freshClient(sandbox);
    expect((await client.capabilities()).software?.name).to.equal('kept copy');
    await until(() => calls.length > 0 && calls.every((c) => c.status !== undefined) && calls.length >= 1, 'the failed revalidation');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await client.capabilities()).software?.name).to.equal('kept copy');
  });

  it(`keeps the statements of ${MAX_KEPT_SERVERS} servers at most, forgetting the one kept longest ago`, () => {
    const statement: CapabilityStatement = { resourceType: 'CapabilityStatement', status: 'active', date: '2020-01-01', kind: 'instance', fhirVersion: '4.0.1', format: ['json'] };
    const bases = Array.from({ length: MAX_KEPT_SERVERS + 1 }, (_, i) => `https://fhir-${i}.example/r4`);
    try {
      bases.forEach((base, i) => keepCapabilities(base, statement, undefined, Date.now() + i));
      expect(bases.map((base) => !!keptCapabilities(base)).join()).to.equal([false, ...Array<boolean>(MAX_KEPT_SERVERS).fill(true)].join());
      // Kept again, the second is the newest: the next server makes the third go.
      keepCapabilities(bases[1]!, statement, undefined, Date.now() + 10);
      keepCapabilities(bases[0]!, statement, undefined, Date.now() + 11);
      expect(bases.map((base) => !!keptCapabilities(base)).join()).to.equal([true, true, false, ...Array<boolean>(MAX_KEPT_SERVERS - 2).fill(true)].join());
    } finally {
      for (const base of bases) localStorage.removeItem(KEY(base));
      localStorage.removeItem('portico:capabilities-index');
    }
  });
});
