import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { Appointment } from 'fhir/r4';
import '../../packages/appointment-booker/src/define.js';
import '../../packages/core/src/define.js';
import type { FhirClient } from '../../packages/core/src/index.js';
import { schedulerFor, type AppointmentBooker, type BookOptions, type Scheduler } from '../../packages/appointment-booker/src/index.js';
import type { Sandbox } from '../helpers/backend.js';
import { until } from '../helpers/element.js';
import { ANNUAL, openReview, ownClinicPerTest, shadow } from './booker-page.js';

describe('<appointment-booker> with the host\'s own scheduler (a vendor API instead of FHIR writes)', () => {
  let sandbox: Sandbox;
  let patientId: string;

  ownClinicPerTest((own) => ({ sandbox, patientId } = own));

  it('finds and books through the scheduler the host hands it, and the patient sees the confirmation', async () => {
    const client = await sandbox.client('maria');
    // The "vendor": the open times and the booking come from it; here it books on the same server, and counts.
    const fhir = await schedulerFor(client);
    const booked: BookOptions[] = [];
    let searches = 0;
    const vendor: Scheduler = {
      path: 'slots',
      rights: fhir.rights,
      canBook: true,
      find: (options) => {
        searches++;
        return fhir.find(options);
      },
      book: async (options) => {
        booked.push(options);
        return fhir.book(options);
      },
      reschedule: (options) => fhir.reschedule(options),
      cancel: (appointment: Appointment, options) => fhir.cancel(appointment, options),
    };
    const el = await fixture<AppointmentBooker>(html`<appointment-booker .client=${client} .scheduler=${vendor} patient-id=${patientId} service-type=${ANNUAL} viewer-time-zone="America/New_York"></appointment-booker>`);
    await openReview(el);
    expect(searches > 0).to.equal(true);
    const done = oneEvent(el, 'portico-appointment-booked');
    shadow(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
    const { detail } = await done;
    expect(booked.length).to.equal(1);
    expect(booked[0]!.patientId).to.equal(patientId);
    expect(detail.appointment.id).to.be.a('string');
    expect((await client.read('Appointment', detail.appointment.id!)).status).to.equal('booked');
    expect(shadow(el).querySelector('[part="confirmation"]')?.textContent).to.contain('booked');
  });

  it("a host scheduler that cannot book: the times are shown with the clinic's phone, and no button that would fail", async () => {
    const client = await sandbox.client('maria');
    const fhir = await schedulerFor(client);
    const readOnly: Scheduler = { ...fhir, path: 'request', canBook: false, find: (options) => fhir.find(options) };
    const el = await fixture<AppointmentBooker>(html`<appointment-booker .client=${client} .scheduler=${readOnly} patient-id=${patientId} service-type=${ANNUAL} clinic-phone="(555) 010-0199"></appointment-booker>`);
    await openReview(el);
    expect(!!shadow(el).querySelector('[part="confirm-button"]')).to.equal(false);
    expect(shadow(el).querySelector('[part~="contact"]')?.textContent).to.contain('call the clinic');
  });

  it("takes the scheduler from the session's services, made for the session's client; the element's own wins", async () => {
    const { access_token } = await sandbox.token('maria');
    const madeFor: FhirClient[] = [];
    const booked: BookOptions[] = [];
    // A function: the host's scheduler needs the signed-in client, which the session makes.
    const factory = async (client: FhirClient): Promise<Scheduler> => {
      madeFor.push(client);
      const fhir = await schedulerFor(client);
      return { ...fhir, book: async (options) => (booked.push(options), fhir.book(options)) };
    };
    const session = await fixture<HTMLElement & { services?: object }>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id=${patientId} .accessToken=${access_token} .services=${{ scheduler: factory }}>
      <appointment-booker service-type=${ANNUAL} viewer-time-zone="America/New_York"></appointment-booker>
    </portal-session>`);
    const el = session.querySelector<AppointmentBooker>('appointment-booker')!;
    await openReview(el);
    const done = oneEvent(el, 'portico-appointment-booked');
    shadow(el).querySelector<HTMLButtonElement>('[part="confirm-button"]')!.click();
    await done;
    expect(booked.length).to.equal(1);
    expect(madeFor.length).to.equal(1);
    expect(madeFor[0]!.baseUrl).to.equal(sandbox.fhirBaseUrl);

    // The element's own scheduler (here one that cannot book) wins over the session's.
    const fhir = await schedulerFor(madeFor[0]!);
    el.scheduler = { ...fhir, path: 'request', canBook: false };
    await until(() => el.path === 'request', "the element's own scheduler");
    expect(madeFor.length).to.equal(1);
  });
});
