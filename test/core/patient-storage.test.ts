import { expect, fixture, html } from '@open-wc/testing';
import '../../packages/core/src/define.js';
import { forgetDrafts, hashedPatientId, PatientStorage, type PortalSession } from '../../packages/core/src/index.js';
import { Sandbox } from '../helpers/backend.js';

describe('PatientStorage: what an element keeps per patient on this browser', () => {
  afterEach(() => {
    forgetDrafts();
    new PatientStorage('test-element', 'device').clear();
  });

  it('keeps a value for one patient only, under a hash of the id (never the id)', () => {
    const drafts = new PatientStorage<{ text: string }>('test-element', 'tab');
    drafts.write('patient-maria-123', { text: 'about my knee' });
    expect(drafts.read('patient-maria-123')?.text).to.equal('about my knee');
    expect(drafts.read('patient-leo-456')).to.equal(undefined);
    const keys = Object.keys(sessionStorage).filter((key) => sessionStorage.getItem(key)!.includes('about my knee'));
    expect(keys.length).to.equal(1);
    expect(keys[0]!.includes('patient-maria-123')).to.equal(false);
    expect(keys[0]!.startsWith('portico:draft:test-element:')).to.equal(true);
  });

  it('"tab" is sessionStorage, "device" is localStorage', () => {
    new PatientStorage<number>('test-element', 'tab').write('p1', 1);
    new PatientStorage<number>('test-element', 'device').write('p1', 2);
    expect(Object.keys(sessionStorage).some((key) => key.startsWith('portico:draft:test-element:'))).to.equal(true);
    expect(Object.keys(localStorage).some((key) => key.startsWith('portico:mark:test-element:'))).to.equal(true);
    expect(new PatientStorage<number>('test-element', 'device').read('p1')).to.equal(2);
  });

  it('writing undefined removes; clear() removes every patient of that element and no other', () => {
    const a = new PatientStorage<string>('test-element', 'tab');
    const b = new PatientStorage<string>('other-element', 'tab');
    a.write('p1', 'one');
    a.write('p2', 'two');
    b.write('p1', 'kept');
    a.write('p1', undefined);
    expect(a.read('p1')).to.equal(undefined);
    expect(a.read('p2')).to.equal('two');
    a.clear();
    expect(a.read('p2')).to.equal(undefined);
    expect(b.read('p1')).to.equal('kept');
  });

  it('forgetDrafts() removes every draft of every element, and leaves the device markers and other keys', () => {
    new PatientStorage<string>('test-element', 'tab').write('p1', 'draft');
    new PatientStorage<string>('other-element', 'tab').write('p1', 'draft');
    new PatientStorage<number>('test-element', 'device').write('p1', 5);
    sessionStorage.setItem('host-page-key', 'mine');
    forgetDrafts();
    expect(Object.keys(sessionStorage).some((key) => key.startsWith('portico:draft:'))).to.equal(false);
    expect(sessionStorage.getItem('host-page-key')).to.equal('mine');
    expect(new PatientStorage<number>('test-element', 'device').read('p1')).to.equal(5);
    sessionStorage.removeItem('host-page-key');
  });

  it("adopts what an earlier version kept under its own key, once, and never over a newer value", () => {
    const marks = new PatientStorage<number>('test-element', 'device');
    localStorage.setItem(`old:seen:${hashedPatientId('p1')}`, '1234');
    marks.adoptFormer('p1', 'old:seen:');
    expect(marks.read('p1')).to.equal(1234);
    expect(localStorage.getItem(`old:seen:${hashedPatientId('p1')}`)).to.equal(null);
    marks.write('p2', 99);
    localStorage.setItem(`old:seen:${hashedPatientId('p2')}`, '5');
    marks.adoptFormer('p2', 'old:seen:');
    expect(marks.read('p2')).to.equal(99);
    expect(localStorage.getItem(`old:seen:${hashedPatientId('p2')}`)).to.equal(null);
    expect(marks.read('p3')).to.equal(undefined);
  });

  it('a value that cannot be read counts as nothing', () => {
    const drafts = new PatientStorage<{ text: string }>('test-element', 'tab');
    drafts.write('p1', { text: 'x' });
    const key = Object.keys(sessionStorage).find((k) => k.startsWith('portico:draft:test-element:'))!;
    sessionStorage.setItem(key, '{not json');
    expect(drafts.read('p1')).to.equal(undefined);
  });

  it("signing out of a portal-session removes every element's drafts from the tab (not the device markers)", async () => {
    const sandbox = await Sandbox.create();
    try {
      const { access_token, patient } = await sandbox.token('maria');
      const session = await fixture<PortalSession>(html`<portal-session auth="token" fhir-base-url=${sandbox.fhirBaseUrl} patient-id=${patient} .accessToken=${access_token}></portal-session>`);
      new PatientStorage<string>('some-element', 'tab').write(patient, 'typed before signing out');
      new PatientStorage<number>('some-element', 'device').write(patient, 7);
      await session.signOut();
      expect(Object.values(sessionStorage).some((value) => value.includes('typed before signing out'))).to.equal(false);
      expect(new PatientStorage<number>('some-element', 'device').read(patient)).to.equal(7);
    } finally {
      new PatientStorage('some-element', 'device').clear();
      await sandbox.dispose();
    }
  });
});
