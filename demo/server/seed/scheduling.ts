/**
 * Schedules, open and busy Slots for the next six weeks, and each patient's Appointments (past and
 * future) with Encounters for the visits that happened.
 *
 * Slots exist only for the bookable future (tomorrow through six weeks from today, weekdays,
 * 08:00–17:00 clinic time with a lunch hour). Future appointments hold busy slots from that grid;
 * past appointments are history and carry no slot.
 */
import type { Appointment, CodeableConcept, Encounter, Resource, Schedule, Slot } from 'fhir/r4';
import {
  CLINIC_TIME_ZONE,
  addDays,
  ageOn,
  compactDate,
  daysBetween,
  dayOfWeek,
  isClinicHoliday,
  isoDate,
  zonedDateTime,
  type LocalDate,
} from './calendar.js';
import type { IdAllocator } from './ids.js';
import { HOSPITAL_ID, LOCATION_NAMES, type LocationId } from './organizations.js';
import { patientRef, type PatientId, type PatientProfile } from './patients.js';
import { clinician, clinicianKey, clinicianName, specialtyConcept, type ClinicSession, type Clinician, CLINICIANS } from './practitioners.js';
import type { Random } from './random.js';
import { ref } from './references.js';
import { SYSTEM, coding, concept, timezoneExtension } from './terminology.js';
import { appointmentTypeConcept, serviceCategoryConcept, visitServiceType, visitTypeDisplay, type VisitType } from './visit-types.js';

/** How far ahead patients can book. */
export const BOOKING_HORIZON_DAYS = 42;

const LUNCH_START = 12 * 60;
const LUNCH_END = 13 * 60;
const DAY_START = 8 * 60;
const DAY_END = 17 * 60;

type PlannedStatus = 'fulfilled' | 'cancelled' | 'noshow' | 'booked';

interface VisitPlan {
  readonly key: string;
  readonly patient: PatientId;
  readonly clinician: string;
  readonly location: LocationId;
  /** Negative: in the past; positive: booked ahead (1–42). */
  readonly daysFromToday: number;
  readonly hour: number;
  readonly minute: number;
  readonly visitType: VisitType;
  readonly status: PlannedStatus;
  readonly reason: string;
  /** SNOMED code and display of the reason, when it is a known condition. */
  readonly reasonCode?: readonly [string, string];
  readonly comment?: string;
  readonly patientInstruction?: string;
  /** What the visit found: Condition ids (seed/clinical.ts), ranked in this order, with their role. */
  readonly diagnoses?: readonly (readonly [string, DiagnosisRole])[];
}

/** Encounter diagnosis roles (diagnosis-role): on arrival, and when the visit ended. */
const DIAGNOSIS_ROLE = { AD: 'Admission diagnosis', DD: 'Discharge diagnosis' } as const;
type DiagnosisRole = keyof typeof DIAGNOSIS_ROLE;

const T2DM = ['44054006', 'Diabetes mellitus type 2'] as const;
const ANEMIA = ['87522002', 'Iron deficiency anemia'] as const;

const VISIT_PLANS: readonly VisitPlan[] = [
  // Maria: diabetes follow-ups with Dr. Chen, one no-show, a cancelled skin check, a sick visit.
  { key: 'maria-followup-730', patient: 'maria', clinician: 'dr-chen', location: 'loc-main', daysFromToday: -730, hour: 9, minute: 0, visitType: 'follow-up', status: 'fulfilled', reason: 'Diabetes follow-up', reasonCode: T2DM, diagnoses: [['cond-maria-diabetes', 'DD']] },
  { key: 'maria-followup-540', patient: 'maria', clinician: 'dr-chen', location: 'loc-main', daysFromToday: -540, hour: 10, minute: 30, visitType: 'follow-up', status: 'fulfilled', reason: 'Diabetes follow-up', reasonCode: T2DM, diagnoses: [['cond-maria-diabetes', 'DD']] },
  { key: 'maria-followup-400', patient: 'maria', clinician: 'dr-chen', location: 'loc-main', daysFromToday: -400, hour: 9, minute: 30, visitType: 'follow-up', status: 'noshow', reason: 'Diabetes follow-up', reasonCode: T2DM },
  { key: 'maria-potassium', patient: 'maria', clinician: 'dr-chen', location: 'loc-main', daysFromToday: -364, hour: 14, minute: 0, visitType: 'follow-up', status: 'fulfilled', reason: 'Follow-up of high potassium result', reasonCode: ['14140009', 'Hyperkalemia'] },
  { key: 'maria-physical', patient: 'maria', clinician: 'dr-chen', location: 'loc-main', daysFromToday: -270, hour: 8, minute: 30, visitType: 'annual-physical', status: 'fulfilled', reason: 'Annual physical' },
  { key: 'maria-skin-cancelled', patient: 'maria', clinician: 'dr-silva', location: 'loc-north', daysFromToday: -180, hour: 11, minute: 0, visitType: 'skin-check', status: 'cancelled', reason: 'Mole on upper back' },
  { key: 'maria-followup-95', patient: 'maria', clinician: 'dr-chen', location: 'loc-main', daysFromToday: -95, hour: 9, minute: 0, visitType: 'follow-up', status: 'fulfilled', reason: 'Diabetes and blood pressure follow-up', reasonCode: T2DM, diagnoses: [['cond-maria-diabetes', 'DD'], ['cond-maria-hypertension', 'DD']] },
  { key: 'maria-chest', patient: 'maria', clinician: 'dr-chen', location: 'loc-main', daysFromToday: -60, hour: 15, minute: 30, visitType: 'follow-up', status: 'fulfilled', reason: 'Chest tightness when climbing stairs', reasonCode: ['29857009', 'Chest pain'], diagnoses: [['cond-maria-chest-pain', 'AD']] },
  { key: 'maria-sick', patient: 'maria', clinician: 'dr-okafor', location: 'loc-north', daysFromToday: -10, hour: 10, minute: 20, visitType: 'sick-visit', status: 'fulfilled', reason: 'Cough and sore throat', reasonCode: ['10509002', 'Acute bronchitis'], diagnoses: [['cond-maria-bronchitis', 'DD']] },
  { key: 'maria-followup-next', patient: 'maria', clinician: 'dr-chen', location: 'loc-main', daysFromToday: 12, hour: 9, minute: 30, visitType: 'follow-up', status: 'booked', reason: 'Diabetes follow-up: review A1c', reasonCode: T2DM },
  { key: 'maria-cardiology', patient: 'maria', clinician: 'dr-nguyen', location: 'loc-main', daysFromToday: 20, hour: 10, minute: 0, visitType: 'new-patient', status: 'booked', reason: 'Chest tightness on exertion (referred by Dr. Chen)', reasonCode: ['29857009', 'Chest pain'],
    comment: 'Please bring a list of all your medications, your home blood pressure log, your insurance card and a photo ID. Wear comfortable shoes: an exercise test may be scheduled the same day.',
    patientInstruction: 'Arrive 15 minutes early to complete new-patient forms at the Heart Center desk, second floor.' },
  { key: 'maria-skin-next', patient: 'maria', clinician: 'dr-silva', location: 'loc-north', daysFromToday: 9, hour: 13, minute: 0, visitType: 'skin-check', status: 'cancelled', reason: 'Mole on upper back' },
  // James: annual physicals, a sick visit, a cancelled follow-up, next physical booked.
  { key: 'james-physical-700', patient: 'james', clinician: 'dr-okafor', location: 'loc-main', daysFromToday: -700, hour: 8, minute: 30, visitType: 'annual-physical', status: 'fulfilled', reason: 'Annual physical' },
  { key: 'james-physical-330', patient: 'james', clinician: 'dr-okafor', location: 'loc-main', daysFromToday: -330, hour: 8, minute: 30, visitType: 'annual-physical', status: 'fulfilled', reason: 'Annual physical' },
  { key: 'james-sick', patient: 'james', clinician: 'dr-okafor', location: 'loc-north', daysFromToday: -150, hour: 9, minute: 40, visitType: 'sick-visit', status: 'fulfilled', reason: 'Sore throat and fever', reasonCode: ['195662009', 'Acute viral pharyngitis'], diagnoses: [['cond-james-pharyngitis', 'DD']] },
  { key: 'james-followup-cancelled', patient: 'james', clinician: 'dr-okafor', location: 'loc-north', daysFromToday: -40, hour: 16, minute: 0, visitType: 'follow-up', status: 'cancelled', reason: 'Seasonal allergy follow-up', reasonCode: ['367498001', 'Seasonal allergic rhinitis'] },
  { key: 'james-physical-next', patient: 'james', clinician: 'dr-okafor', location: 'loc-main', daysFromToday: 30, hour: 8, minute: 30, visitType: 'annual-physical', status: 'booked', reason: 'Annual physical', comment: 'Fasting lab work: nothing to eat or drink except water for 10 hours before your visit.' },
  // Leo: well-child visits and sick visits with Dr. Patel.
  { key: 'leo-wellchild-720', patient: 'leo', clinician: 'dr-patel', location: 'loc-north', daysFromToday: -720, hour: 10, minute: 0, visitType: 'well-child', status: 'fulfilled', reason: 'Well-child visit' },
  { key: 'leo-wellchild-365', patient: 'leo', clinician: 'dr-patel', location: 'loc-north', daysFromToday: -365, hour: 10, minute: 0, visitType: 'well-child', status: 'fulfilled', reason: 'Well-child visit' },
  { key: 'leo-ear', patient: 'leo', clinician: 'dr-patel', location: 'loc-north', daysFromToday: -200, hour: 15, minute: 20, visitType: 'sick-visit', status: 'fulfilled', reason: 'Ear pain and fever', reasonCode: ['65363002', 'Otitis media'], diagnoses: [['cond-leo-otitis', 'DD']] },
  { key: 'leo-cough', patient: 'leo', clinician: 'dr-patel', location: 'loc-north', daysFromToday: -120, hour: 9, minute: 0, visitType: 'sick-visit', status: 'noshow', reason: 'Cough' },
  { key: 'leo-throat', patient: 'leo', clinician: 'dr-patel', location: 'loc-north', daysFromToday: -35, hour: 14, minute: 40, visitType: 'sick-visit', status: 'fulfilled', reason: 'Sore throat', reasonCode: ['195662009', 'Acute viral pharyngitis'], diagnoses: [['cond-leo-pharyngitis', 'DD']] },
  { key: 'leo-wellchild-next', patient: 'leo', clinician: 'dr-patel', location: 'loc-north', daysFromToday: 16, hour: 10, minute: 0, visitType: 'well-child', status: 'booked', reason: 'Well-child visit',
    comment: "Bring Leo's school health form and his EpiPen so we can check the expiry date." },
  // Aisha: anemia work-up and follow-ups, a dermatology visit, upcoming visits.
  { key: 'aisha-new', patient: 'aisha', clinician: 'dr-okafor', location: 'loc-main', daysFromToday: -480, hour: 11, minute: 0, visitType: 'new-patient', status: 'fulfilled', reason: 'Fatigue and shortness of breath on exertion', reasonCode: ['84229001', 'Fatigue'], diagnoses: [['cond-aisha-anemia', 'DD']] },
  { key: 'aisha-anemia-400', patient: 'aisha', clinician: 'dr-okafor', location: 'loc-main', daysFromToday: -400, hour: 11, minute: 0, visitType: 'follow-up', status: 'fulfilled', reason: 'Iron deficiency anemia follow-up', reasonCode: ANEMIA, diagnoses: [['cond-aisha-anemia', 'DD']] },
  { key: 'aisha-anemia-230', patient: 'aisha', clinician: 'dr-okafor', location: 'loc-north', daysFromToday: -230, hour: 9, minute: 0, visitType: 'follow-up', status: 'fulfilled', reason: 'Iron deficiency anemia follow-up', reasonCode: ANEMIA, diagnoses: [['cond-aisha-anemia', 'DD']] },
  { key: 'aisha-skin', patient: 'aisha', clinician: 'dr-silva', location: 'loc-north', daysFromToday: -90, hour: 10, minute: 40, visitType: 'skin-check', status: 'fulfilled', reason: 'Itchy rash on forearms', reasonCode: ['43116000', 'Eczema'], diagnoses: [['cond-aisha-eczema', 'DD']] },
  { key: 'aisha-headache-cancelled', patient: 'aisha', clinician: 'dr-okafor', location: 'loc-north', daysFromToday: -20, hour: 13, minute: 20, visitType: 'follow-up', status: 'cancelled', reason: 'Headaches', reasonCode: ['37796009', 'Migraine'] },
  { key: 'aisha-headache-next', patient: 'aisha', clinician: 'dr-okafor', location: 'loc-north', daysFromToday: 8, hour: 9, minute: 0, visitType: 'follow-up', status: 'booked', reason: 'Headaches', reasonCode: ['37796009', 'Migraine'] },
  { key: 'aisha-skin-next', patient: 'aisha', clinician: 'dr-silva', location: 'loc-main', daysFromToday: 27, hour: 11, minute: 0, visitType: 'skin-check', status: 'booked', reason: 'Eczema follow-up', reasonCode: ['43116000', 'Eczema'] },
  // The large patient: enough visits to exercise every element.
  { key: 'large-followup-200', patient: 'large', clinician: 'dr-chen', location: 'loc-main', daysFromToday: -200, hour: 9, minute: 0, visitType: 'follow-up', status: 'fulfilled', reason: 'Diabetes follow-up', reasonCode: T2DM, diagnoses: [['cond-large-diabetes', 'DD']] },
  { key: 'large-followup-30', patient: 'large', clinician: 'dr-chen', location: 'loc-main', daysFromToday: -30, hour: 10, minute: 0, visitType: 'follow-up', status: 'fulfilled', reason: 'Diabetes follow-up', reasonCode: T2DM, diagnoses: [['cond-large-diabetes', 'DD']] },
  { key: 'large-followup-next', patient: 'large', clinician: 'dr-chen', location: 'loc-main', daysFromToday: 25, hour: 9, minute: 0, visitType: 'follow-up', status: 'booked', reason: 'Diabetes follow-up', reasonCode: T2DM },
];

/** A visit as the other parts of the seed need it (billing, documents, vitals, labs). */
export interface Visit {
  readonly key: string;
  readonly patient: PatientProfile;
  readonly clinician: Clinician;
  readonly location: LocationId;
  readonly date: LocalDate;
  readonly start: string;
  readonly end: string;
  readonly visitType: VisitType;
  readonly status: Appointment['status'];
  readonly reason: string;
  readonly appointmentId: string;
  /** Set for visits that took place. */
  readonly encounterId?: string;
  readonly ageYears: number;
}

interface ScheduleInfo {
  readonly id: string;
  readonly clinician: Clinician;
  readonly session: ClinicSession;
  readonly serviceTypes: CodeableConcept[];
}

interface GridSlot {
  readonly slot: Slot;
  readonly date: LocalDate;
  readonly minuteOfDay: number;
  claimed: boolean;
}

export interface SchedulingResult {
  readonly resources: Resource[];
  readonly visits: Visit[];
}

function isClinicDay(date: LocalDate, session: ClinicSession): boolean {
  return session.weekdays.includes(dayOfWeek(date)) && !isClinicHoliday(date);
}

function slotTimes(session: ClinicSession): number[] {
  const times: number[] = [];
  for (let t = DAY_START; t + session.slotMinutes <= DAY_END; t += session.slotMinutes) {
    if (t < LUNCH_END && t + session.slotMinutes > LUNCH_START) continue;
    times.push(t);
  }
  return times;
}

function scheduleId(c: Clinician, location: LocationId): string {
  return `sched-${clinicianKey(c)}-${location.replace('loc-', '')}`;
}

function buildSchedules(today: LocalDate): { schedules: Schedule[]; infos: ScheduleInfo[] } {
  const schedules: Schedule[] = [];
  const infos: ScheduleInfo[] = [];
  for (const c of CLINICIANS) {
    for (const session of c.sessions) {
      const id = scheduleId(c, session.location);
      const serviceTypes = session.visitTypes.map((t) => visitServiceType(t, c.serviceCategory));
      infos.push({ id, clinician: c, session, serviceTypes });
      schedules.push({
        resourceType: 'Schedule',
        id,
        extension: [timezoneExtension(CLINIC_TIME_ZONE)],
        active: true,
        serviceCategory: [serviceCategoryConcept(c.serviceCategory)],
        serviceType: serviceTypes,
        specialty: [specialtyConcept(c)],
        actor: [ref('Practitioner', c.id, clinicianName(c)), ref('Location', session.location, LOCATION_NAMES[session.location])],
        planningHorizon: {
          start: zonedDateTime(addDays(today, 1), 0, 0),
          end: zonedDateTime(addDays(today, BOOKING_HORIZON_DAYS), 23, 59),
        },
        comment: `${clinicianName(c)} at ${LOCATION_NAMES[session.location]}: ${session.slotMinutes}-minute appointments, ${weekdayNames(session.weekdays)}, 8:00 am–5:00 pm (closed 12–1).`,
      });
    }
  }
  return { schedules, infos };
}

function weekdayNames(days: readonly number[]): string {
  const names = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];
  return days.map((d) => names[d]).join(', ');
}

/** The bookable grid: every slot of every schedule for the next six weeks, some already taken. */
function buildSlotGrid(today: LocalDate, infos: readonly ScheduleInfo[], random: Random): Map<string, GridSlot[]> {
  const grid = new Map<string, GridSlot[]>();
  for (const info of infos) {
    const slots: GridSlot[] = [];
    let firstClinicDay = true;
    for (let offset = 1; offset <= BOOKING_HORIZON_DAYS; offset++) {
      const date = addDays(today, offset);
      if (!isClinicDay(date, info.session)) continue;
      // Soon is busier than later; now and then a whole day is booked up. Cardiology's first
      // clinic day is always full, so there is always a fully busy day to show.
      const fullyBusy = (firstClinicDay && info.clinician.id === 'dr-nguyen') || random.chance(0.07);
      firstClinicDay = false;
      const busyChance = 0.7 - (0.5 * offset) / BOOKING_HORIZON_DAYS;
      for (const minuteOfDay of slotTimes(info.session)) {
        const start = zonedDateTime(date, 0, minuteOfDay);
        const end = zonedDateTime(date, 0, minuteOfDay + info.session.slotMinutes);
        const hhmm = `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}${String(minuteOfDay % 60).padStart(2, '0')}`;
        const slot: Slot = {
          resourceType: 'Slot',
          id: `slot-${info.id.replace(/^sched-/, '')}-${compactDate(date)}-${hhmm}`,
          serviceType: info.serviceTypes,
          specialty: [specialtyConcept(info.clinician)],
          schedule: ref('Schedule', info.id),
          status: fullyBusy || random.chance(busyChance) ? 'busy' : 'free',
          start,
          end,
        };
        slots.push({ slot, date, minuteOfDay, claimed: false });
      }
    }
    grid.set(info.id, slots);
  }
  return grid;
}

/**
 * The first unclaimed slot on or after the target day and time, on a clinic day; when holidays leave none
 * from the target to the end of the grid (late November: Thanksgiving, then Christmas and New Year at the
 * horizon), the last one before it.
 */
function claimSlot(slots: readonly GridSlot[], target: LocalDate, minuteOfDay: number): GridSlot {
  const found =
    slots.find((s) => !s.claimed && daysBetween(target, s.date) === 0 && s.minuteOfDay >= minuteOfDay) ??
    slots.find((s) => !s.claimed && daysBetween(target, s.date) > 0 && s.minuteOfDay >= minuteOfDay) ??
    slots.find((s) => !s.claimed && daysBetween(target, s.date) >= 0) ??
    slots.findLast((s) => !s.claimed);
  if (!found) throw new Error('No slot left to book');
  found.claimed = true;
  return found;
}

/** The clinic day on or before `date` for a session (past visits happened on a working day). */
function clinicDayOnOrBefore(date: LocalDate, session: ClinicSession): LocalDate {
  let d = date;
  while (!isClinicDay(d, session)) d = addDays(d, -1);
  return d;
}

function sessionOf(c: Clinician, location: LocationId): ClinicSession {
  const session = c.sessions.find((s) => s.location === location);
  if (!session) throw new Error(`${c.id} does not work at ${location}`);
  return session;
}

function reasonConcept(plan: VisitPlan): CodeableConcept {
  return plan.reasonCode ? concept(SYSTEM.snomed, plan.reasonCode[0], plan.reasonCode[1], plan.reason) : { text: plan.reason };
}

export function buildScheduling(
  today: LocalDate,
  profiles: readonly PatientProfile[],
  ids: IdAllocator,
  random: Random,
): SchedulingResult {
  const { schedules, infos } = buildSchedules(today);
  const grid = buildSlotGrid(today, infos, random);
  const resources: Resource[] = [...schedules];
  const visits: Visit[] = [];
  const byId = new Map(profiles.map((p) => [p.id, p]));

  for (const plan of VISIT_PLANS) {
    const patient = byId.get(plan.patient);
    if (!patient) continue;
    const c = clinician(plan.clinician);
    const session = sessionOf(c, plan.location);
    const schedule = infos.find((i) => i.clinician === c && i.session === session)!;
    const serviceType = visitServiceType(plan.visitType, c.serviceCategory);
    const future = plan.daysFromToday > 0;

    let date: LocalDate;
    let start: string;
    let end: string;
    let slotId: string | undefined;
    if (future) {
      const gridSlot = claimSlot(grid.get(schedule.id)!, addDays(today, plan.daysFromToday), plan.hour * 60 + plan.minute);
      // Booked appointments hold their slot; a cancelled one has given it back.
      gridSlot.slot.status = plan.status === 'booked' ? 'busy' : 'free';
      date = gridSlot.date;
      start = gridSlot.slot.start;
      end = gridSlot.slot.end;
      slotId = gridSlot.slot.id;
    } else {
      date = clinicDayOnOrBefore(addDays(today, plan.daysFromToday), session);
      const minute = Math.round((plan.hour * 60 + plan.minute) / session.slotMinutes) * session.slotMinutes;
      start = zonedDateTime(date, 0, minute);
      end = zonedDateTime(date, 0, minute + session.slotMinutes);
    }

    const appointmentId = ids.allocate(`appt-${patient.id}-${isoDate(date)}`);
    const created = future ? zonedDateTime(addDays(today, -Math.min(14, plan.daysFromToday + 3)), 10, 12) : zonedDateTime(addDays(date, -21), 14, 5);
    const patientReference = patientRef(patient);
    const practitionerRef = ref('Practitioner', c.id, clinicianName(c));
    const locationRef = ref('Location', plan.location, LOCATION_NAMES[plan.location]);
    const participantStatus = plan.status === 'cancelled' ? 'declined' : 'accepted';
    const appointment: Appointment = {
      resourceType: 'Appointment',
      id: appointmentId,
      status: plan.status,
      serviceCategory: [serviceCategoryConcept(c.serviceCategory)],
      serviceType: [serviceType],
      specialty: [specialtyConcept(c)],
      appointmentType: appointmentTypeConcept(plan.visitType),
      reasonCode: [reasonConcept(plan)],
      description: `${visitTypeDisplay(plan.visitType)} with ${clinicianName(c)}`,
      start,
      end,
      minutesDuration: session.slotMinutes,
      ...(slotId ? { slot: [ref('Slot', slotId)] } : {}),
      created,
      ...(plan.comment ? { comment: plan.comment } : {}),
      ...(plan.patientInstruction ? { patientInstruction: plan.patientInstruction } : {}),
      participant: [
        { actor: patientReference, required: 'required', status: participantStatus },
        { actor: practitionerRef, required: 'required', status: 'accepted' },
        { actor: locationRef, required: 'required', status: 'accepted' },
      ],
    };
    if (plan.status === 'cancelled') {
      appointment.cancelationReason = {
        coding: [coding(SYSTEM.cancellationReason, 'pat', 'Patient')],
        text: future ? 'Cancelled online by the patient' : 'Patient called to cancel',
      };
    }
    resources.push(appointment);

    let encounterId: string | undefined;
    if (plan.status === 'fulfilled') {
      encounterId = ids.allocate(`enc-${patient.id}-${isoDate(date)}`);
      const encounter: Encounter = {
        resourceType: 'Encounter',
        id: encounterId,
        status: 'finished',
        class: coding(SYSTEM.v3ActCode, 'AMB', 'ambulatory'),
        type: [serviceType],
        serviceType: serviceCategoryConcept(c.serviceCategory),
        subject: patientReference,
        participant: [
          {
            type: [concept(SYSTEM.v3ParticipationType, 'PPRF', 'primary performer')],
            individual: practitionerRef,
            period: { start, end },
          },
        ],
        appointment: [ref('Appointment', appointmentId)],
        period: { start, end },
        reasonCode: [reasonConcept(plan)],
        ...(plan.diagnoses
          ? {
              diagnosis: plan.diagnoses.map(([condition, role], i) => ({
                condition: ref('Condition', condition),
                use: concept(SYSTEM.diagnosisRole, role, DIAGNOSIS_ROLE[role]),
                rank: i + 1,
              })),
            }
          : {}),
        account: [ref('Account', `acct-${patient.id}`)],
        location: [{ location: locationRef, status: 'completed' }],
        serviceProvider: ref('Organization', HOSPITAL_ID, 'Riverside Health'),
      };
      resources.push(encounter);
    }

    visits.push({
      key: plan.key,
      patient,
      clinician: c,
      location: plan.location,
      date,
      start,
      end,
      visitType: plan.visitType,
      status: plan.status,
      reason: plan.reason,
      appointmentId,
      ...(encounterId ? { encounterId } : {}),
      ageYears: ageOn(patient.birthDate, date),
    });
  }

  for (const slots of grid.values()) for (const s of slots) resources.push(s.slot);
  return { resources, visits };
}
