/**
 * The attacks of test/server/cross-patient-attacks.test.ts that are about a route rather than a
 * resource type: operations (`$graphql`, `$everything`), history and searches across types, Bundles
 * inside Bundles, Binary content, Slot writes, and the scopes the authorization server grants and the
 * FHIR server enforces. Each with its positive control.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Appointment, Binary, Bundle, CapabilityStatement, DocumentReference, FhirResource, Resource, Slot } from 'fhir/r4';
import type { PorticoServer } from '../../demo/server/server.js';
import { admin, call, tokenFor } from '../helpers/server-http.js';
import { assertOwnDataOnly, assertRefused, assertRefusedEntry, matches, onlyEntry, signIn, transaction, VICTIMS } from './attack-support.js';

const aisha = VICTIMS.aisha;

export function routeAttacks(getServer: () => PorticoServer, elementScope: string): void {
  describe('routes', () => {
    let server: PorticoServer;
    let fhir: string;
    let maria: string;
    let mariaAll: string;
    let aishaToken: string;

    before(async () => {
      server = getServer();
      // A tenant without the record operations (on by default; test/server/record-operations.test.ts): no operation at all.
      fhir = (await admin<{ fhirBaseUrl: string }>(server, 'POST', 'sandboxes', { recordOperations: false })).fhirBaseUrl;
      [maria, mariaAll, aishaToken] = await Promise.all([tokenFor(server, 'maria', elementScope), tokenFor(server, 'maria', 'patient/*.cruds'), tokenFor(server, 'aisha', elementScope)]);
    });

    const graphql = { query: '{ PatientList { id name { family } } ObservationList(_count: 5) { id subject { reference } } }' };

    it('$graphql is not offered: directly, in a batch, in a transaction', async () => {
      assertRefused(await call(fhir, 'POST', '$graphql', { token: mariaAll, body: graphql }), 403, aisha);
      assertRefused(await call(fhir, 'GET', `$graphql?query=${encodeURIComponent(graphql.query)}`, { token: mariaAll }), 403, aisha);
      const entry = { resource: { resourceType: 'Parameters' } as FhirResource, request: { method: 'POST' as const, url: '$graphql' } };
      assertRefusedEntry(await call(fhir, 'POST', '', { token: mariaAll, body: transaction('batch', entry) }), 403, aisha);
      assertRefused(await call(fhir, 'POST', '', { token: mariaAll, body: transaction('transaction', entry) }), 403, aisha);
    });

    it('operations that are not offered are refused, for another patient and for her own', async () => {
      for (const path of ['Patient/aisha/$everything', 'Patient/maria/$everything', 'Patient/$everything', 'Patient/$summary', 'DocumentReference/$docref', 'Observation/$validate', 'Patient/maria/$meta', 'Appointment/$find?start=2030-01-01', '$export', 'Observation/$lastn?patient=aisha']) {
        assertRefused(await call(fhir, 'GET', path, { token: mariaAll }), 403, aisha);
      }
      assertRefused(await call(fhir, 'POST', 'Appointment/$book', { token: mariaAll, body: { resourceType: 'Parameters' } }), 403, aisha);
      assertRefusedEntry(await call(fhir, 'POST', '', { token: mariaAll, body: transaction('batch', { request: { method: 'GET', url: 'Patient/aisha/$everything' } }) }), 403, aisha);
      const capability = (await call<CapabilityStatement>(fhir, 'GET', 'metadata')).body;
      const operations = (capability.rest ?? []).flatMap((r) => [...(r.operation ?? []), ...(r.resource ?? []).flatMap((x) => x.operation ?? [])]);
      assert.deepEqual(operations, [], 'this sandbox offers no operation at all');
    });

    it('history and searches across types are refused; a Bundle inside a Bundle too', async () => {
      for (const path of ['_history', 'Observation/_history', 'Patient/_history', '?_type=Observation']) {
        assertRefused(await call(fhir, 'GET', path, { token: maria }), 403, aisha);
      }
      const nested = transaction('batch', { resource: transaction('batch', { request: { method: 'GET', url: 'Observation?patient=aisha' } }), request: { method: 'POST', url: '/' } });
      assertRefusedEntry(await call(fhir, 'POST', '', { token: maria, body: nested }), 403, aisha);
      // Control: her own instance history.
      assert.equal((await call(fhir, 'GET', 'Patient/maria/_history', { token: maria })).status, 200);
    });

    describe('Binary', () => {
      let mariaDocument: DocumentReference;
      let aishaDocument: DocumentReference;

      before(async () => {
        mariaDocument = matches((await call<Bundle>(fhir, 'GET', 'DocumentReference?_count=1', { token: maria })).body)[0] as DocumentReference;
        aishaDocument = matches((await call<Bundle>(fhir, 'GET', 'DocumentReference?_count=1', { token: aishaToken })).body)[0] as DocumentReference;
        await admin(server, 'POST', `sandboxes/${fhir.split('/sandbox/')[1]!.split('/')[0]}/resources`, [
          { resourceType: 'Binary', id: 'bin-no-context', contentType: 'text/plain', data: Buffer.from('aisha Rahman: nobody’s').toString('base64') },
        ]);
      });

      const binary = (securityContext: string | undefined, contentType = 'application/pdf', text = '%PDF-1.4 test'): Binary => ({
        resourceType: 'Binary',
        contentType,
        ...(securityContext ? { securityContext: { reference: securityContext } } : {}),
        data: Buffer.from(text).toString('base64'),
      });

      it('a Binary without a securityContext is nobody’s to read', async () => {
        assertRefused(await call(fhir, 'GET', 'Binary/bin-no-context', { token: mariaAll }), 404, aisha);
        const raw = await fetch(`${fhir}/Binary/bin-no-context`, { headers: { Authorization: `Bearer ${mariaAll}`, Accept: '*/*' } });
        assert.equal(raw.status, 404);
        assert.doesNotMatch(await raw.text(), aisha.markers);
        assertRefused(await call<Bundle>(fhir, 'GET', 'Binary?_id=bin-no-context', { token: mariaAll }), 403, aisha);
      });

      it('creating a Binary needs a securityContext in her own record', async () => {
        assertRefused(await call(fhir, 'POST', 'Binary', { token: mariaAll, body: binary(undefined) }), 403, aisha);
        assertRefused(await call(fhir, 'POST', 'Binary', { token: mariaAll, body: binary('Patient/aisha') }), 403, aisha);
        assertRefused(await call(fhir, 'POST', 'Binary', { token: mariaAll, body: binary(`DocumentReference/${aishaDocument.id}`) }), 403, aisha);
        assertRefused(await call(fhir, 'POST', 'Binary', { token: mariaAll, body: binary('Practitioner/dr-chen') }), 403, aisha);
        assertRefused(await call(fhir, 'POST', '', { token: mariaAll, body: transaction('transaction', { resource: binary('Patient/aisha'), request: { method: 'POST', url: 'Binary' } }) }), 403, aisha);
        // Controls: her own patient, her own document, and a document created in the same transaction.
        assert.equal((await call(fhir, 'POST', 'Binary', { token: mariaAll, body: binary('Patient/maria') })).status, 201);
        const own = await call<Binary>(fhir, 'POST', 'Binary', { token: mariaAll, body: binary(`DocumentReference/${mariaDocument.id}`) });
        assert.equal(own.status, 201);
        assert.equal((await call(fhir, 'GET', `Binary/${own.body.id}`, { token: maria })).status, 200);
        const documentUrl = 'urn:uuid:5e0b7f1c-0000-4000-8000-00000000b001';
        const binaryUrl = 'urn:uuid:5e0b7f1c-0000-4000-8000-00000000b002';
        // The document as a patient adds one (the documents module's rule, test/server/record-attacks.test.ts).
        const document = {
          resourceType: 'DocumentReference',
          meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'PATAST' }] },
          status: 'current',
          subject: { reference: 'Patient/maria' },
          author: [{ reference: 'Patient/maria' }],
          content: [{ attachment: { contentType: 'application/pdf', url: binaryUrl } }],
        } as DocumentReference;
        const together = await call<Bundle>(fhir, 'POST', '', {
          token: mariaAll,
          body: transaction(
            'transaction',
            { fullUrl: documentUrl, resource: document, request: { method: 'POST', url: 'DocumentReference' } },
            { fullUrl: binaryUrl, resource: binary(documentUrl), request: { method: 'POST', url: 'Binary' } },
          ),
        });
        assert.equal(together.status, 200, JSON.stringify(together.body).slice(0, 300));
        // Updating her Binary into another record is refused too.
        assertRefused(await call(fhir, 'PUT', `Binary/${own.body.id}`, { token: mariaAll, body: { ...own.body, securityContext: { reference: 'Patient/aisha' } } }), 403, aisha);
      });

      it('raw bytes come with nosniff, a sandbox policy and a disposition', async () => {
        const html = await call<Binary>(fhir, 'POST', 'Binary', { token: mariaAll, body: binary('Patient/maria', 'text/html', '<script>alert(document.cookie)</script>') });
        assert.equal(html.status, 201);
        const raw = await fetch(`${fhir}/Binary/${html.body.id}`, { headers: { Authorization: `Bearer ${maria}`, Accept: '*/*' } });
        assert.equal(raw.status, 200);
        assert.equal(raw.headers.get('X-Content-Type-Options'), 'nosniff');
        assert.match(raw.headers.get('Content-Security-Policy') ?? '', /sandbox/);
        assert.match(raw.headers.get('Content-Security-Policy') ?? '', /default-src 'none'/);
        assert.match(raw.headers.get('Content-Disposition') ?? '', /^attachment; filename="[^"]+\.html"$/);
        const pdfPath = mariaDocument.content[0]!.attachment.url!;
        const pdf = await fetch(`${fhir}/${pdfPath}`, { headers: { Authorization: `Bearer ${maria}`, Accept: 'application/pdf' } });
        assert.equal(pdf.status, 200);
        assert.equal(pdf.headers.get('X-Content-Type-Options'), 'nosniff');
        assert.match(pdf.headers.get('Content-Security-Policy') ?? '', /sandbox/);
        assert.match(pdf.headers.get('Content-Disposition') ?? '', /^inline; filename="[^"]+\.pdf"$/);
        assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1'), '%PDF-');
      });
    });

    describe('Slots change only with her own booking', () => {
      let freeSlot: Slot;
      let aishaSlot: Slot;
      let mariaBooked: Appointment;
      let mariaCancelled: Appointment;

      const read = async <T extends Resource>(path: string, token = maria) => (await call<T>(fhir, 'GET', path, { token })).body;
      const slotOf = (a: Appointment) => a.slot![0]!.reference!.split('/')[1]!;
      const booking = (slot: Slot, status: Appointment['status'] = 'booked'): Appointment => ({
        resourceType: 'Appointment',
        status,
        slot: [{ reference: `Slot/${slot.id}` }],
        participant: [{ actor: { reference: 'Patient/maria' }, status: 'accepted' }],
      });
      const slotEntry = (slot: Slot, status: Slot['status']) => ({ resource: { ...slot, status }, request: { method: 'PUT' as const, url: `Slot/${slot.id}`, ifMatch: `W/"${slot.meta?.versionId}"` } });

      before(async () => {
        freeSlot = matches((await call<Bundle>(fhir, 'GET', 'Slot?status=free&_count=1', { token: maria })).body)[0] as Slot;
        const aishaAppointment = matches((await call<Bundle>(fhir, 'GET', 'Appointment?status=booked&_count=1', { token: aishaToken })).body)[0] as Appointment;
        aishaSlot = await read<Slot>(`Slot/${slotOf(aishaAppointment)}`);
        mariaBooked = matches((await call<Bundle>(fhir, 'GET', 'Appointment?status=booked&_count=1', { token: maria })).body)[0] as Appointment;
        mariaCancelled = matches((await call<Bundle>(fhir, 'GET', 'Appointment?status=cancelled&_count=1', { token: maria })).body)[0] as Appointment;
        assert.equal(aishaSlot.status, 'busy');
        assert.ok(mariaBooked?.slot?.length && mariaCancelled, 'Maria has a booked and a cancelled visit');
      });

      it('a bare PUT, POST or DELETE of a Slot is refused, in a batch too', async () => {
        assertRefused(await call(fhir, 'PUT', `Slot/${freeSlot.id}`, { token: maria, body: { ...freeSlot, status: 'busy' } }), 403, aisha);
        assertRefused(await call(fhir, 'PUT', `Slot/${aishaSlot.id}`, { token: maria, body: { ...aishaSlot, status: 'free' } }), 403, aisha);
        assertRefused(await call(fhir, 'POST', 'Slot', { token: mariaAll, body: { ...freeSlot, id: undefined } }), 403, aisha);
        assertRefused(await call(fhir, 'DELETE', `Slot/${freeSlot.id}`, { token: mariaAll }), 403, aisha);
        assertRefusedEntry(await call(fhir, 'POST', '', { token: maria, body: transaction('batch', slotEntry(freeSlot, 'busy')) }), 403, aisha);
      });

      it('a transaction may not set a Slot busy without her Appointment for it', async () => {
        assertRefused(await call(fhir, 'POST', '', { token: maria, body: transaction('transaction', slotEntry(freeSlot, 'busy')) }), 403, aisha);
        const other = matches((await call<Bundle>(fhir, 'GET', 'Slot?status=free&_count=2', { token: maria })).body)[1] as Slot;
        // An Appointment for another Slot does not count.
        assertRefused(await call(fhir, 'POST', '', { token: maria, body: transaction('transaction', { resource: booking(other), request: { method: 'POST', url: 'Appointment' } }, slotEntry(freeSlot, 'busy')) }), 403, aisha);
        // A conditional create that finds her old Appointment creates nothing, so the Slot may not change.
        const reused = transaction('transaction', { resource: booking(freeSlot), request: { method: 'POST', url: 'Appointment', ifNoneExist: `_id=${mariaCancelled.id}` } }, slotEntry(freeSlot, 'busy'));
        assertRefused(await call(fhir, 'POST', '', { token: maria, body: reused }), 403, aisha);
        // Nor may anything but its status change.
        assertRefused(await call(fhir, 'POST', '', { token: maria, body: transaction('transaction', { resource: booking(freeSlot), request: { method: 'POST', url: 'Appointment' } }, { ...slotEntry(freeSlot, 'busy'), resource: { ...freeSlot, status: 'busy', end: '2099-01-01T00:00:00Z' } }) }), 403, aisha);
        assert.equal((await read<Slot>(`Slot/${freeSlot.id}`)).status, 'free');
      });

      it('a transaction may not free a Slot someone else booked', async () => {
        const cancelMine = { resource: { ...mariaBooked, status: 'cancelled' as const }, request: { method: 'PUT' as const, url: `Appointment/${mariaBooked.id}` } };
        assertRefused(await call(fhir, 'POST', '', { token: maria, body: transaction('transaction', cancelMine, slotEntry(aishaSlot, 'free')) }), 403, aisha);
        // Pointing her own Appointment at Aisha's Slot while cancelling it does not help.
        const moved = { resource: { ...mariaBooked, status: 'cancelled' as const, slot: [{ reference: `Slot/${aishaSlot.id}` }] }, request: { method: 'PUT' as const, url: `Appointment/${mariaBooked.id}` } };
        assertRefused(await call(fhir, 'POST', '', { token: maria, body: transaction('transaction', moved, slotEntry(aishaSlot, 'free')) }), 403, aisha);
        // Nor does re-cancelling a visit she cancelled long ago.
        const again = { resource: { ...mariaCancelled, slot: [{ reference: `Slot/${aishaSlot.id}` }] }, request: { method: 'PUT' as const, url: `Appointment/${mariaCancelled.id}` } };
        assertRefused(await call(fhir, 'POST', '', { token: maria, body: transaction('transaction', again, slotEntry(aishaSlot, 'free')) }), 403, aisha);
        assert.equal((await read<Slot>(`Slot/${aishaSlot.id}`)).status, 'busy');
        assert.equal((await read<Appointment>(`Appointment/${mariaBooked.id}`)).status, 'booked');
      });

      it('control: she books a free Slot and cancels her own visit in one transaction each', async () => {
        const booked = await call<Bundle>(fhir, 'POST', '', { token: maria, body: transaction('transaction', { resource: booking(freeSlot), request: { method: 'POST', url: 'Appointment' } }, slotEntry(freeSlot, 'busy')) });
        assert.equal(booked.status, 200, JSON.stringify(booked.body).slice(0, 300));
        const slot = await read<Slot>(`Slot/${freeSlot.id}`);
        assert.equal(slot.status, 'busy');
        const appointment = booked.body.entry![0]!.resource as Appointment;
        const cancelled = await call<Bundle>(fhir, 'POST', '', {
          token: maria,
          body: transaction('transaction', { resource: { ...appointment, status: 'cancelled' }, request: { method: 'PUT', url: `Appointment/${appointment.id}` } }, slotEntry(slot, 'free')),
        });
        assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body).slice(0, 300));
        assert.equal((await read<Slot>(`Slot/${freeSlot.id}`)).status, 'free');
        // A taken Slot is a conflict, not a second booking.
        await call(fhir, 'POST', '', { token: aishaToken, body: transaction('transaction', { resource: { ...booking(freeSlot), participant: [{ actor: { reference: 'Patient/aisha' }, status: 'accepted' }] }, request: { method: 'POST', url: 'Appointment' } }, slotEntry(await read<Slot>(`Slot/${freeSlot.id}`), 'busy')) });
        const late = await call(fhir, 'POST', '', { token: maria, body: transaction('transaction', { resource: booking(freeSlot), request: { method: 'POST', url: 'Appointment' } }, { ...slotEntry(await read<Slot>(`Slot/${freeSlot.id}`), 'busy') }) });
        assertRefused(late, 409, aisha);
      });
    });

    describe('scopes', () => {
      it('the authorization server grants a client only the scopes it is registered for', async () => {
        const { token, consent } = await signIn(server, 'maria', 'openid fhirUser launch/patient patient/*.cruds user/*.* system/*.* patient/Observation.write');
        const granted = String(token.scope).split(' ');
        for (const scope of ['patient/*.rs', 'patient/Appointment.cu', 'patient/Communication.cu', 'patient/Slot.u']) assert.ok(granted.includes(scope), `${scope} in ${token.scope}`);
        for (const scope of granted) assert.doesNotMatch(scope, /^(user|system)\/|cruds|\.\*|write|\.d$|Observation\.c/, `${scope} granted`);
        assert.doesNotMatch(consent, /Read and update your health record/, 'the consent page does not ask for everything');
        const access = String(token.access_token);
        assertRefused(await call(server.fhirBaseUrl, 'DELETE', 'Communication/msg-maria-none', { token: access }), 403, aisha);
        assertRefused(await call(server.fhirBaseUrl, 'POST', 'Observation', { token: access, body: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'Patient/maria' } } }), 403, aisha);
        assert.equal((await call(server.fhirBaseUrl, 'GET', 'Patient/maria', { token: access })).status, 200);
      });

      it('the FHIR server enforces the scopes on every path: bundles, _include, chains, _has', async () => {
        const observations = await tokenFor(server, 'maria', 'patient/Observation.rs');
        assertRefusedEntry(await call(fhir, 'POST', '', { token: observations, body: transaction('batch', { request: { method: 'GET', url: 'Patient/maria' } }) }), 403, aisha);
        assertRefused(await call(fhir, 'POST', '', { token: observations, body: transaction('transaction', { request: { method: 'GET', url: 'Condition?_count=1' } }) }), 403, aisha);
        assertRefused(await call(fhir, 'POST', '', { token: observations, body: transaction('transaction', { resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'Patient/maria' } }, request: { method: 'POST', url: 'Observation' } }) }), 403, aisha);
        const included = assertOwnDataOnly(await call(fhir, 'GET', 'Observation?_count=5&_include=Observation:subject&_include=Observation:performer', { token: observations }), aisha);
        assert.deepEqual([...new Set((included.entry ?? []).map((e) => e.resource?.resourceType))], ['Observation'], 'types the scopes do not cover are not included');
        assertRefused(await call(fhir, 'GET', `Observation?subject:Patient.name=${encodeURIComponent('Hernández')}`, { token: observations }), 403, aisha);
        assertRefused(await call(fhir, 'GET', 'Observation?_has:DiagnosticReport:result:status=final', { token: observations }), 403, aisha);
        // SMART v1 forms: read = rs, write = cud.
        const v1Read = await tokenFor(server, 'maria', 'patient/Observation.read');
        assert.equal((await call(fhir, 'GET', 'Observation?_count=1', { token: v1Read })).status, 200);
        assertRefused(await call(fhir, 'POST', 'Observation', { token: v1Read, body: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'Patient/maria' } } }), 403, aisha);
        const v1Write = await tokenFor(server, 'maria', 'patient/Communication.write');
        const message = { resourceType: 'Communication', status: 'completed', subject: { reference: 'Patient/maria' }, sender: { reference: 'Patient/maria' }, recipient: [{ reference: 'CareTeam/careteam-maria' }] };
        assert.equal((await call(fhir, 'POST', 'Communication', { token: v1Write, body: message })).status, 201);
        assertRefused(await call(fhir, 'GET', 'Communication?_count=1', { token: v1Write }), 403, aisha);
        // Control: with the scopes, the chain works.
        const chained = assertOwnDataOnly(await call(fhir, 'GET', `Observation?subject:Patient.name=${encodeURIComponent('Hernández')}&_count=1`, { token: maria }), aisha);
        assert.ok((chained.total ?? 0) > 0, 'the chain finds her own results');
        const own = onlyEntry(await call(fhir, 'POST', '', { token: maria, body: transaction('batch', { request: { method: 'GET', url: 'Patient/maria' } }) }));
        assert.equal(own.response?.status?.slice(0, 3), '200');
      });
    });
  });
}
