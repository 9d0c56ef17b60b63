import type { LocalizeController, TermPack } from '@portico/core';
import en from './en.js';

/** The words <appointment-booker> adds to core's catalogue (shared terms such as "Try again" stay in core). */
export interface AppointmentBookerTerms {

  // appointment-booker
  bookVisit: string;
  yourAppointments: string;
  upcoming: string;
  past: string;
  visitType: string;
  chooseVisitType: string;
  clinician: string;
  anyClinician: string;
  place: string;
  anyPlace: string;
  chooseDay: string;
  chooseTime: string;
  previousMonth: string;
  nextMonth: string;
  openTimes: (count: number) => string;
  noOpenTimesThatDay: string;
  loadingTimes: string;
  morning: string;
  afternoon: string;
  evening: string;
  minutes: (count: number) => string;
  timesInZone: (zone: string) => string;
  yourTime: (time: string) => string;
  noOpenTimes: (until: string) => string;
  nextAvailable: (date: string) => string;
  showNextAvailable: string;
  noTimesAtAll: string;
  noOnlineBooking: string;
  joinWaitlist: string;
  waitlistExplained: string;
  waitlistJoined: string;
  reviewVisit: string;
  withWhom: string;
  where: string;
  reasonForVisit: string;
  reasonHint: string;
  confirmBooking: string;
  booking: string;
  changeTime: string;
  back: string;
  slotTaken: string;
  booked: string;
  bookedAnnouncement: (when: string) => string;
  whatToBring: string;
  addToCalendar: string;
  bookAnother: string;
  seeAppointments: string;
  noUpcoming: string;
  noPast: string;
  loadingAppointments: string;
  reschedule: string;
  rescheduling: (when: string) => string;
  rescheduled: string;
  cancelVisit: string;
  cancelReason: string;
  confirmCancel: string;
  keepVisit: string;
  cancelling: string;
  cancelled: string;
  cancelCutoff: (hours: number) => string;
  callToCancel: (phone: string) => string;
  statusBooked: string;
  statusCancelled: string;
  statusWaitlist: string;
  statusPending: string;
  statusFulfilled: string;
  statusNoShow: string;
  statusCheckedIn: string;
  waitlistPeriod: (from: string, to: string) => string;
  statusOther: string;
  signInToBook: string;
  // appointment-booker: requests the clinic confirms, and booking by phone
  reviewRequest: string;
  requestExplained: string;
  requestTime: string;
  sendingRequest: string;
  requested: string;
  requestedExplained: string;
  requestedAnnouncement: (when: string) => string;
  requestsOnly: string;
  bookByPhone: string;
  withdrawRequest: string;
  confirmWithdraw: string;
  keepRequest: string;
  withdrawing: string;
  requestWithdrawn: string;
  bookingUnconfirmed: string;
  changeByPhone: string;
  callToChange: (phone: string) => string;
  visitReason: string;
  callToBook: (phone: string) => string;
  lengthNotGiven: string;
  moveVisitTo: (when: string) => string;
  moveVisit: string;
  moving: string;
  cancelledVisit: (visit: string) => string;
}

/** The terms, registered by the element's LocalizeController: English at once, Spanish and Arabic loaded with the page's language. */
export const APPOINTMENT_BOOKER_TERMS: TermPack<AppointmentBookerTerms> = {
  en,
  languages: { es: () => import('./es.js'), ar: () => import('./ar.js') },
};

/** The element's LocalizeController: core's terms and its own. */
export type BookerLocalize = LocalizeController<AppointmentBookerTerms>;
