/**
 * Secure messages and care teams. A thread is a header Communication (topic = the subject) with
 * the messages as children (partOf the header); replies point at the message they answer
 * (inResponseTo). A message addressed to the patient (or the proxy) without `received` is unread.
 * One thread keeps its first message in the header itself, as some EHRs do; another has no header at
 * all (a reply chain: the first message carries the subject, the others only `inResponseTo`).
 * Attachments are inline PDFs, an inline PNG photo, and a PDF stored as a Binary (`url: Binary/<id>`).
 */
import type { Attachment, Binary, CareTeam, Communication, Reference, Resource } from 'fhir/r4';
import { addDays, ageOn, isoDate, zonedDateTime, type LocalDate } from './calendar.js';
import { HOSPITAL_ID } from './organizations.js';
import { fullName, patientRef, PROXY_ID, type PatientId, type PatientProfile } from './patients.js';
import { pdfAttachmentData } from './pdf.js';
import { pngAttachmentData, type Rgb } from './png.js';
import { clinician, clinicianName } from './practitioners.js';
import { ref } from './references.js';
import { SYSTEM, concept, loinc, snomed } from './terminology.js';

export interface MessageContext {
  readonly today: LocalDate;
  readonly profiles: readonly PatientProfile[];
}

/** Who takes part: the patient, James acting for Leo, the patient's care team, or a clinician's id. */
type Party = 'patient' | 'proxy' | 'care-team' | string;

interface MessageSpec {
  readonly from: Party;
  readonly to: Party;
  readonly daysAgo: number;
  readonly hour: number;
  readonly minute: number;
  readonly text: string;
  /** Minutes until the recipient read it; absent = not read yet. */
  readonly readAfter?: number;
  /** Inline PDFs and photo; `skin-care-sheet` is a PDF stored as a Binary of the patient's. */
  readonly attachment?: 'cardiology-visit' | 'allergy-action-plan' | 'rash-photo' | 'skin-care-sheet';
}

interface ThreadSpec {
  readonly slug: string;
  readonly patient: PatientId;
  readonly subject: string;
  readonly category?: 'notification' | 'reminder' | 'instruction';
  /** The header carries the first message itself instead of having it as a child. */
  readonly firstMessageInHeader?: boolean;
  /** No header: the first message carries the subject, the others answer it (`inResponseTo` only). */
  readonly replyChain?: boolean;
  readonly messages: readonly MessageSpec[];
}

const THREADS: readonly ThreadSpec[] = [
  {
    slug: 'metformin', patient: 'maria', subject: 'Question about my metformin dose',
    messages: [
      { from: 'patient', to: 'care-team', daysAgo: 21, hour: 19, minute: 12, readAfter: 820,
        text: 'Hi Dr. Chen, since we raised my metformin to 1,000 mg twice a day my stomach has been upset after breakfast. Should I take it in the middle of the meal instead? Thank you, Maria' },
      { from: 'dr-chen', to: 'patient', daysAgo: 20, hour: 9, minute: 3, readAfter: 190,
        text: "Hi Maria, yes: take it in the middle of your meal, never on an empty stomach. The upset usually settles within 2–3 weeks. If it doesn't, we can switch you to the extended-release tablet. Dr. Chen" },
      { from: 'patient', to: 'dr-chen', daysAgo: 20, hour: 12, minute: 30, readAfter: 45, text: 'That helps, thank you!' },
    ],
  },
  {
    slug: 'lab-results', patient: 'maria', subject: 'Your recent lab results', category: 'notification',
    messages: [
      { from: 'dr-chen', to: 'patient', daysAgo: 4, hour: 16, minute: 5,
        text: 'Hi Maria, great news: your A1c is 6.8%, the best it has been since your diagnosis, and your LDL cholesterol is at goal. Potassium and kidney tests are normal. The urine test is still preliminary while the culture finishes; I will let you know if anything changes. See you at your follow-up. Dr. Chen' },
    ],
  },
  {
    slug: 'cardiology-referral', patient: 'maria', subject: 'Preparing for your cardiology visit', category: 'instruction',
    messages: [
      { from: 'rn-brooks', to: 'patient', daysAgo: 58, hour: 11, minute: 20, readAfter: 300, attachment: 'cardiology-visit',
        text: "Hi Maria, Dr. Chen has referred you to Dr. Nguyen in cardiology. I've attached a sheet on what to expect at your first visit and at the stress test. You can book online or call 845-555-0100, option 3. Jordan Brooks, RN" },
      { from: 'patient', to: 'rn-brooks', daysAgo: 57, hour: 8, minute: 10, readAfter: 60, text: 'Thanks Jordan. I booked the appointment online.' },
    ],
  },
  {
    slug: 'atorvastatin-renewal', patient: 'maria', subject: 'Prescription renewal: atorvastatin',
    messages: [
      { from: 'patient', to: 'care-team', daysAgo: 120, hour: 20, minute: 45, readAfter: 760,
        text: 'Could you renew my atorvastatin? I have 5 tablets left. My pharmacy is Hudson Valley Pharmacy on Main Street.' },
      { from: 'dr-chen', to: 'patient', daysAgo: 119, hour: 10, minute: 15, readAfter: 200,
        text: 'Done: 90 days with 3 refills sent to Hudson Valley Pharmacy. Dr. Chen' },
    ],
  },
  {
    slug: 'cough', patient: 'james', subject: 'Cough after my sore throat visit',
    messages: [
      { from: 'patient', to: 'care-team', daysAgo: 148, hour: 18, minute: 30, readAfter: 900,
        text: 'Dr. Okafor, my throat is better but I still cough at night. Is that normal?' },
      { from: 'dr-okafor', to: 'patient', daysAgo: 147, hour: 9, minute: 40, readAfter: 120,
        text: 'Hi James, a cough can last 2–3 weeks after a viral infection. Honey and a humidifier help. If the fever comes back or you are short of breath, book a visit. Dr. Okafor' },
    ],
  },
  {
    slug: 'school-allergy-plan', patient: 'leo', subject: 'School allergy action plan for Leo',
    messages: [
      { from: 'proxy', to: 'care-team', daysAgo: 12, hour: 21, minute: 5, readAfter: 660,
        text: "Hello Dr. Patel, Leo's school needs an updated food allergy action plan signed by his doctor before the winter break. Could you fill one out? Thanks, James" },
      { from: 'dr-patel', to: 'proxy', daysAgo: 11, hour: 10, minute: 30, readAfter: 60, attachment: 'allergy-action-plan',
        text: "Hi James, happy to. The signed allergy action plan is attached. Please bring Leo's EpiPen to his well-child visit so we can check the expiry date. Dr. Patel" },
      { from: 'proxy', to: 'dr-patel', daysAgo: 11, hour: 11, minute: 42, readAfter: 30, text: 'Perfect, thank you!' },
      { from: 'dr-patel', to: 'proxy', daysAgo: 2, hour: 15, minute: 20,
        text: "Also: Leo's flu shot can be given at his well-child visit, no separate appointment needed." },
    ],
  },
  {
    slug: 'iron-tablets', patient: 'aisha', subject: 'Iron tablets and stomach upset',
    messages: [
      { from: 'patient', to: 'care-team', daysAgo: 225, hour: 20, minute: 0, readAfter: 760,
        text: 'Hello Dr. Okafor, the iron tablets make me a bit nauseous. Can I take them at night instead?' },
      { from: 'dr-okafor', to: 'patient', daysAgo: 224, hour: 8, minute: 50, readAfter: 240,
        text: 'Hi Aisha, yes, take them at bedtime with a small snack, and keep tea and coffee 2 hours apart from them. We will recheck your blood count in a few months. Dr. Okafor' },
    ],
  },
  {
    slug: 'appointment-time', patient: 'aisha', subject: 'سؤال عن موعدي القادم',
    messages: [
      { from: 'patient', to: 'care-team', daysAgo: 3, hour: 13, minute: 10, readAfter: 60,
        text: 'مرحباً، هل يمكنني تغيير موعدي القادم مع الدكتور أوكافور إلى الصباح؟ شكراً لكم.' },
      { from: 'rn-brooks', to: 'patient', daysAgo: 3, hour: 15, minute: 45,
        text: 'مرحباً عائشة، تم تغيير موعدك مع الدكتور أوكافور إلى الساعة ٩:٠٠ صباحاً.\nHello Aisha, your appointment with Dr. Okafor is now at 9:00 am. Jordan Brooks, RN' },
    ],
  },
  {
    slug: 'flu-shots', patient: 'aisha', subject: 'Flu shots are available', category: 'reminder', firstMessageInHeader: true,
    messages: [
      { from: 'rn-brooks', to: 'patient', daysAgo: 40, hour: 9, minute: 0, readAfter: 1500,
        text: 'Flu shots are now available at both Riverside clinics, Monday to Friday, 8 am to 5 pm. No appointment needed.' },
    ],
  },
  {
    slug: 'welcome', patient: 'large', subject: 'Welcome to your patient portal', category: 'notification', firstMessageInHeader: true,
    messages: [
      { from: 'dr-chen', to: 'patient', daysAgo: 29, hour: 8, minute: 0,
        text: 'Welcome to the Riverside patient portal. You can see ten years of lab results here, message your care team, and pay bills online.' },
    ],
  },
  {
    slug: 'rash', patient: 'james', subject: 'Rash on my forearm', replyChain: true,
    messages: [
      { from: 'patient', to: 'care-team', daysAgo: 33, hour: 19, minute: 40, readAfter: 780, attachment: 'rash-photo',
        text: 'Hi, I have had an itchy red rash on my left forearm for four days, since I cleared brush in the yard. Photo attached. Does it need a visit? James' },
      { from: 'dr-okafor', to: 'patient', daysAgo: 32, hour: 9, minute: 15, readAfter: 95, attachment: 'skin-care-sheet',
        text: 'Hi James, from the photo this looks like contact dermatitis, likely from a plant. Wash the skin, use hydrocortisone 1% cream twice a day for a week and avoid scratching. The care sheet is attached. Book a visit if it spreads, blisters or is not better in a week. Dr. Okafor' },
      { from: 'patient', to: 'dr-okafor', daysAgo: 26, hour: 18, minute: 5, readAfter: 900,
        text: 'Thank you, Dr. Okafor. The cream worked and the rash is almost gone.' },
    ],
  },
];

/** Skin with a patchy red rash, drawn in code (no image files in the repository). */
function rashPixel(x: number, y: number): Rgb {
  const spots: readonly (readonly [number, number, number])[] = [[30, 26, 9], [44, 20, 7], [52, 34, 10], [38, 40, 6], [62, 24, 5], [24, 38, 4]];
  const skin: Rgb = [232, 190, 160 - y / 4];
  const redness = Math.max(0, ...spots.map(([cx, cy, r]) => 1 - Math.hypot(x - cx, y - cy) / r));
  return [skin[0] - 18 * redness, skin[1] - 95 * redness, skin[2] - 70 * redness];
}

/** The id of the Binary holding a stored attachment of message `messageId`. */
function attachmentBinaryId(messageId: string): string {
  return `bin-${messageId}`;
}

/**
 * The attachment of message `messageId` in `patient`'s record and the Binary holding it: the message
 * points at the file (`url`), as production servers keep them, so a list of messages never carries
 * the bytes. (A server that sends them inline is a test fixture of message-inbox's.)
 */
function attachmentFor(kind: NonNullable<MessageSpec['attachment']>, date: LocalDate, creation: string, messageId: string, patient: string): { attachment: Attachment; binary: Binary } {
  const stored = (file: { contentType: string; data: string; size: number; title: string; language?: string }) => {
    const id = attachmentBinaryId(messageId);
    return {
      attachment: { contentType: file.contentType, ...(file.language ? { language: file.language } : {}), url: `Binary/${id}`, size: file.size, title: file.title, creation },
      binary: { resourceType: 'Binary', id, contentType: file.contentType, securityContext: ref('Patient', patient), data: file.data } satisfies Binary,
    };
  };
  if (kind === 'rash-photo') {
    const { data, size } = pngAttachmentData(80, 60, rashPixel);
    return stored({ contentType: 'image/png', data, size, title: 'Rash on forearm.png' });
  }
  if (kind === 'skin-care-sheet') {
    const { data, size } = pdfAttachmentData({
      title: 'Contact dermatitis: caring for your skin',
      subtitle: 'Riverside Health · Family Medicine',
      date: isoDate(date),
      lines: [
        '# What it is',
        'A red, itchy rash where the skin touched something it reacts to, often a plant such as poison ivy.',
        '',
        '# What to do',
        '• Wash the skin and anything that touched the plant (clothes, gloves, tools) with soap and water.',
        '• Apply hydrocortisone 1% cream twice a day for up to 7 days. Cool compresses ease the itch.',
        '• Do not scratch; keep nails short.',
        '',
        '# Call us or book a visit',
        'If the rash spreads to the face or genitals, blisters widely, oozes, or is not better within a week.',
      ],
    });
    return stored({ contentType: 'application/pdf', language: 'en-US', data, size, title: 'Contact dermatitis care sheet.pdf' });
  }
  const content =
    kind === 'cardiology-visit'
      ? {
          title: 'Your first cardiology visit',
          subtitle: 'Riverside Health · Heart Center, Main Campus, second floor',
          date: isoDate(date),
          lines: [
            '# Before the visit',
            '• Bring a list of your medications, your home blood pressure log and your insurance card.',
            '• Arrive 15 minutes early to complete the new-patient forms.',
            '• Wear comfortable shoes and clothes: an exercise stress test may be done the same day.',
            '',
            '# The stress test',
            '• You walk on a treadmill while your heart is monitored. It takes about an hour in total.',
            '• Do not eat for 3 hours before the test. Take your usual medicines unless told otherwise.',
            '• On the day, take half your usual bedtime insulin dose the night before if you are on insulin.',
            '',
            '# Call 911',
            'If you have chest pain at rest, pain lasting more than 5 minutes, or pain with shortness of breath or sweating.',
          ],
        }
      : {
          title: 'Food allergy action plan',
          subtitle: 'Riverside Health · Pediatrics, North Clinic',
          date: isoDate(date),
          lines: [
            'Student: Leo Carter    Allergy: peanut    Asthma: yes (higher risk of a severe reaction)',
            'Medicine: epinephrine auto-injector 0.3 mg; albuterol inhaler 2 puffs',
            '',
            '# Severe symptoms: give epinephrine right away, then call 911',
            '• Shortness of breath, wheezing, repeated cough, throat tightness, hoarse voice, trouble swallowing.',
            '• Widespread hives, swelling of lips or tongue, repeated vomiting, feeling faint, pale or blue skin.',
            '',
            '# Mild symptoms (one only): watch closely, give an antihistamine if prescribed',
            '• Itchy mouth, a few hives, mild nausea.',
            '',
            'Signed: Dr. Priya Patel, MD    Parent: James Carter',
          ],
        };
  const { data, size } = pdfAttachmentData(content);
  return stored({ contentType: 'application/pdf', language: 'en-US', data, size, title: `${content.title}.pdf` });
}

function partyRef(party: Party, p: PatientProfile): Reference {
  if (party === 'patient') return patientRef(p);
  if (party === 'proxy') return ref('RelatedPerson', PROXY_ID, 'James Carter (parent)');
  if (party === 'care-team') return ref('CareTeam', `careteam-${p.id}`, `${fullName(p)}'s care team`);
  return ref('Practitioner', party, clinicianName(clinician(party)));
}

const CATEGORY_DISPLAY = { notification: 'Notification', reminder: 'Reminder', instruction: 'Instruction' } as const;

function buildThread(thread: ThreadSpec, p: PatientProfile, today: LocalDate): Resource[] {
  const headerId = `msg-${p.id}-${thread.slug}`;
  const subject = patientRef(p);
  const category = thread.category ? [concept(SYSTEM.communicationCategory, thread.category, CATEGORY_DISPLAY[thread.category])] : undefined;
  const sentOf = (m: MessageSpec) => zonedDateTime(addDays(today, -m.daysAgo), m.hour, m.minute);
  const receivedOf = (m: MessageSpec) =>
    m.readAfter === undefined ? undefined : zonedDateTime(addDays(today, -m.daysAgo), m.hour, m.minute + m.readAfter);
  const binaries: Binary[] = [];
  const payloadOf = (m: MessageSpec, messageId: string) => {
    if (!m.attachment) return [{ contentString: m.text }];
    const { attachment, binary } = attachmentFor(m.attachment, addDays(today, -m.daysAgo), sentOf(m), messageId, p.id);
    binaries.push(binary);
    return [{ contentString: m.text }, { contentAttachment: attachment }];
  };
  if (thread.replyChain) return [...replyChain(thread, p, headerId, { subject, category, sentOf, receivedOf, payloadOf }), ...binaries];

  const first = thread.messages[0]!;
  const header: Communication = {
    resourceType: 'Communication',
    id: headerId,
    status: 'completed',
    ...(category ? { category } : {}),
    priority: 'routine',
    subject,
    topic: { text: thread.subject },
    sent: sentOf(first),
    recipient: [partyRef(first.to, p)],
    sender: partyRef(first.from, p),
  };
  if (thread.firstMessageInHeader) {
    const received = receivedOf(first);
    if (received) header.received = received;
    header.payload = payloadOf(first, headerId);
  }
  const out: Communication[] = [header];
  let previous = headerId;
  thread.messages.forEach((m, i) => {
    if (i === 0 && thread.firstMessageInHeader) return;
    const id = `${headerId}-${i + 1}`;
    const received = receivedOf(m);
    const message: Communication = {
      resourceType: 'Communication',
      id,
      partOf: [ref('Communication', headerId)],
      ...(i > 0 ? { inResponseTo: [ref('Communication', previous)] } : {}),
      status: 'completed',
      ...(category ? { category } : {}),
      priority: 'routine',
      subject,
      sent: sentOf(m),
      ...(received ? { received } : {}),
      recipient: [partyRef(m.to, p)],
      sender: partyRef(m.from, p),
      payload: payloadOf(m, id),
    };
    out.push(message);
    previous = id;
  });
  return [...out, ...binaries];
}

interface MessageParts {
  subject: Reference;
  category: Communication['category'];
  sentOf(m: MessageSpec): string;
  receivedOf(m: MessageSpec): string | undefined;
  payloadOf(m: MessageSpec, messageId: string): Communication['payload'];
}

/** A thread without a header: the first message carries the subject, each later one answers the one before. */
function replyChain(thread: ThreadSpec, p: PatientProfile, firstId: string, parts: MessageParts): Communication[] {
  return thread.messages.map((m, i) => {
    const id = i === 0 ? firstId : `${firstId}-${i + 1}`;
    const received = parts.receivedOf(m);
    return {
      resourceType: 'Communication',
      id,
      ...(i === 0 ? {} : { inResponseTo: [ref('Communication', i === 1 ? firstId : `${firstId}-${i}`)] }),
      status: 'completed',
      ...(parts.category ? { category: parts.category } : {}),
      priority: 'routine',
      subject: parts.subject,
      ...(i === 0 ? { topic: { text: thread.subject } } : {}),
      sent: parts.sentOf(m),
      ...(received ? { received } : {}),
      recipient: [partyRef(m.to, p)],
      sender: partyRef(m.from, p),
      payload: parts.payloadOf(m, id),
    };
  });
}

const ROLE = {
  patient: snomed('116154003', 'Patient'),
  parent: snomed('40683002', 'Parent'),
} as const;

function buildCareTeam(p: PatientProfile, today: LocalDate): CareTeam {
  const pcp = clinician(p.pcp);
  const child = ageOn(p.birthDate, today) < 18;
  const members: string[] =
    p.id === 'maria' ? ['dr-chen', 'rn-brooks', 'dr-nguyen']
    : p.id === 'aisha' ? [p.pcp, 'rn-brooks', 'dr-silva']
    : child ? [p.pcp]
    : [p.pcp, 'rn-brooks'];
  return {
    resourceType: 'CareTeam',
    id: `careteam-${p.id}`,
    status: 'active',
    category: [loinc('LA28865-6', 'Longitudinal care-coordination focused care team', 'Care team')],
    name: `${fullName(p)}'s care team`,
    subject: patientRef(p),
    period: { start: `${today.year - 3}-01-01` },
    participant: [
      { role: [ROLE.patient], member: patientRef(p) },
      ...(p.id === 'leo' ? [{ role: [ROLE.parent], member: ref('RelatedPerson', PROXY_ID, 'James Carter (parent)') }] : []),
      ...members.map((id) => {
        const c = clinician(id);
        return {
          role: [snomed(c.careTeamRole.code, c.careTeamRole.display)],
          member: ref('Practitioner', c.id, clinicianName(c)),
          onBehalfOf: ref('Organization', HOSPITAL_ID, 'Riverside Health'),
        };
      }),
    ],
    managingOrganization: [ref('Organization', HOSPITAL_ID, 'Riverside Health')],
    telecom: [{ system: 'phone', value: pcp.sessions[0]?.location === 'loc-north' ? '+1 845-555-0200' : '+1 845-555-0100', use: 'work' }],
  };
}

export function buildMessages(ctx: MessageContext): Resource[] {
  const resources: Resource[] = [];
  const byId = new Map(ctx.profiles.map((p) => [p.id as string, p]));
  for (const p of ctx.profiles) resources.push(buildCareTeam(p, ctx.today));
  for (const thread of THREADS) {
    const p = byId.get(thread.patient);
    if (p) resources.push(...buildThread(thread, p, ctx.today));
  }
  return resources;
}
