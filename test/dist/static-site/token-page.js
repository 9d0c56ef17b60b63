/* global document, customElements, fetch */
// The website's own session, as a host page in token mode has one: it gets an access token for the
// signed-in visitor and hands it to portal-session. Here the token comes from the embedded backend's
// test administration route (`/__admin/token`, only with testAdmin) for the demo user the session names.
const SCOPE = 'openid fhirUser patient/*.rs patient/Appointment.cu patient/Slot.u';

const session = document.querySelector('portal-session[auth="token"]');
if (session) {
  const response = await fetch(new URL('/__admin/token', session.getAttribute('fhir-base-url')), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: session.dataset.demoUser, scope: SCOPE, patient: session.getAttribute('patient-id') }),
  });
  if (!response.ok) throw new Error(`The website could not get a token: ${response.status} ${await response.text()}`);
  const { access_token: accessToken } = await response.json();
  await customElements.whenDefined('portal-session');
  session.accessToken = accessToken;
}
