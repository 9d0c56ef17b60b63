import { expect } from '@open-wc/testing';
import { readStoredSession, signInResponsePending } from '../../packages/core/src/auth/stored-session.js';

const PREFIX = 'portico:test-stored:';
const NOW = Date.UTC(2026, 5, 1, 12);
const idToken = (claims: object) => `x.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.y`;

describe('readStoredSession: the session a reload takes up without sign-in code', () => {
  afterEach(() => {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
  });

  const smart = (expiresAt: number | undefined, token: object = { access_token: 'at-1', patient: 'maria', scope: 'patient/*.rs', refresh_token: 'rt', id_token: idToken({ fhirUser: 'https://fhir.example/Patient/maria', name: 'Maria H' }) }) => {
    sessionStorage.setItem(`${PREFIX}SMART_KEY`, JSON.stringify('k1'));
    sessionStorage.setItem(`${PREFIX}k1`, JSON.stringify({ tokenResponse: token, expiresAt }));
  };
  const read = (mode: 'smart' | 'oidc', extra = {}) => readStoredSession({ mode, fhirBaseUrl: 'https://fhir.example', storagePrefix: PREFIX, clientId: 'portal', now: NOW, ...extra });

  it('SMART: the session and token as fhirclient stored them, the person from the ID token', () => {
    smart(NOW / 1000 + 3600);
    const stored = read('smart');
    expect(stored?.accessToken).to.equal('at-1');
    expect(JSON.stringify(stored?.session)).to.equal(JSON.stringify({ fhirBaseUrl: 'https://fhir.example', patientId: 'maria', fhirUser: 'Patient/maria', userName: 'Maria H', scope: 'patient/*.rs', expiresAt: NOW + 3_600_000, canRefresh: true }));
  });

  it('SMART: nothing when the token is expired or about to (the strategy refreshes it), or there is no patient', () => {
    smart(NOW / 1000 + 2);
    expect(read('smart')).to.equal(undefined);
    smart(NOW / 1000 - 60);
    expect(read('smart')).to.equal(undefined);
    smart(undefined, { access_token: 'at-1' });
    expect(read('smart')).to.equal(undefined);
    smart(undefined);
    expect(read('smart')?.accessToken).to.equal('at-1', 'an expiry the server did not give is not an expired token');
  });

  it('OpenID Connect: the user oidc-client-ts stored under this authority and client; the patient from the claim', () => {
    const key = `${PREFIX}oidc.user:https://idp.example:portal`;
    sessionStorage.setItem(key, JSON.stringify({ access_token: 'at-2', scope: 'openid', profile: { patient: 'aisha', name: 'Aisha' }, expires_at: NOW / 1000 + 600 }));
    expect(read('oidc', { authority: 'https://idp.example' })?.session.patientId).to.equal('aisha');
    expect(read('oidc', { authority: 'https://other.example' })).to.equal(undefined, 'another provider’s user is not this session’s');
    sessionStorage.setItem(key, JSON.stringify({ access_token: 'at-2', profile: { name: 'No patient' }, expires_at: NOW / 1000 + 600 }));
    expect(read('oidc', { authority: 'https://idp.example' })).to.equal(undefined, 'no patient: the strategy says why');
  });

  it('a sign-in response or an EHR launch in the address is the strategy’s, never taken up from storage', () => {
    expect(signInResponsePending('https://h.example/p?code=a&state=b')).to.equal(true);
    expect(signInResponsePending('https://h.example/p?error=access_denied&state=b')).to.equal(true);
    expect(signInResponsePending('https://h.example/p?launch=x&iss=https://fhir.example')).to.equal(true);
    expect(signInResponsePending('https://h.example/p?tab=labs')).to.equal(false);
  });
});
