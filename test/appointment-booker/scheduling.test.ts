import { expect } from '@open-wc/testing';
import { FhirClient } from '../../packages/core/src/fhir/client.js';
import { findOpenTimes } from '../../packages/appointment-booker/src/index.js';
import { Sandbox } from '../helpers/backend.js';

const DAY = 24 * 3600 * 1000;

/** A client that counts the requests it sends to the real server. */
async function countingClient(sandbox: Sandbox, username = 'maria') {
  const { access_token } = await sandbox.token(username);
  const counter = { requests: 0 };
  const client = new FhirClient({
    baseUrl: sandbox.fhirBaseUrl,
    getAccessToken: () => access_token,
    retry: { baseDelayMs: 20 },
    fetch: (input, init) => {
      counter.requests++;
      return fetch(input, init);
    },
  });
  return { client, counter };
}

describe('appointment-booker scheduling against the embedded server', () => {
  let sandbox: Sandbox;
  const start = new Date(Date.now() + DAY);
  const end = new Date(start.getTime() + 7 * DAY);

  before(async () => {
    sandbox = await Sandbox.create();
  });
  after(() => sandbox.dispose());

  it('sends the window’s start to the hour, so the address is the same for an hour (a reload reuses its CORS preflight), and still keeps only the times after the exact start', async () => {
    const urls: string[] = [];
    const { access_token } = await sandbox.token('maria');
    const client = new FhirClient({ baseUrl: sandbox.fhirBaseUrl, getAccessToken: () => access_token, fetch: (input, init) => (urls.push(String(input)), fetch(input, init)) });
    const hour = Math.floor((Date.now() + DAY) / 3_600_000) * 3_600_000;
    const early = await findOpenTimes(client, { start: new Date(hour + 7 * 60_000), end: new Date(hour + 3 * DAY) });
    const late = await findOpenTimes(client, { start: new Date(hour + 41 * 60_000), end: new Date(hour + 3 * DAY) });
    expect(urls.length).to.equal(2);
    expect(urls[0]).to.equal(urls[1]);
    expect(new URL(urls[0]!).searchParams.getAll('start')[0]).to.equal(`ge${new Date(hour).toISOString()}`);
    expect(early.times.every((t) => Date.parse(t.start) >= hour + 7 * 60_000)).to.equal(true);
    expect(late.times.every((t) => Date.parse(t.start) >= hour + 41 * 60_000)).to.equal(true);
    expect(late.times.length <= early.times.length).to.equal(true);
  });

  it('finds a week of open times with clinicians, places and time zones in one request', async () => {
    const { client, counter } = await countingClient(sandbox);
    const { times, truncated } = await findOpenTimes(client, { start, end });
    expect(counter.requests).to.equal(1);
    expect(truncated).to.equal(false);
    expect(times.length).to.be.greaterThan(20);
    for (const time of times) {
      expect(time.slot.status).to.equal('free');
      expect(Date.parse(time.start)).to.be.within(start.getTime(), end.getTime());
      expect(time.practitioner?.resourceType).to.equal('Practitioner');
      expect(time.location?.resourceType).to.equal('Location');
      expect(time.timeZone).to.equal('America/New_York');
    }
    const starts = times.map((t) => Date.parse(t.start));
    expect(starts).to.deep.equal([...starts].sort((a, b) => a - b));
  });

  it('filters by clinician, place and service type', async () => {
    const { client } = await countingClient(sandbox);
    const byClinician = await findOpenTimes(client, { start, end, practitioner: 'dr-chen' });
    expect(byClinician.times.length).to.be.greaterThan(0);
    expect(byClinician.times.every((t) => t.practitioner?.id === 'dr-chen')).to.equal(true);
    const byPlace = await findOpenTimes(client, { start, end, location: 'loc-north' });
    expect(byPlace.times.every((t) => t.location?.id === 'loc-north')).to.equal(true);
    const annual = await findOpenTimes(client, { start, end, serviceType: 'https://riverside-health.example.org/fhir/CodeSystem/visit-type|annual-physical' });
    expect(annual.times.length).to.be.greaterThan(0);
    expect(annual.times.every((t) => t.serviceTypes.some((st) => st.coding?.some((c) => c.code === 'annual-physical')))).to.equal(true);
  });
});
