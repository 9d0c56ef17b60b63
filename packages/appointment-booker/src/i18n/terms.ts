import type { LocalizeController, TermPack } from '@portico/core';
import en from './en.js';

/** The words <appointment-booker> adds to core's catalogue (shared terms such as "Try again" stay in core). */
export interface AppointmentBookerTerms extends BookerLaterTerms {

  // appointment-booker
  bookVisit: string;
  yourAppointments: string;
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
  noOpenTimes: (until: string) => string;
  nextAvailable: (date: string) => string;
  showNextAvailable: string;
  noTimesAtAll: string;
  noOnlineBooking: string;
  joinWaitlist: string;
  waitlistExplained: string;
  waitlistJoined: string;
  seeAppointments: string;
  loadingAppointments: string;
  reschedule: string;
  rescheduling: (when: string) => string;
  signInToBook: string;
  // appointment-booker: requests the clinic confirms, and booking by phone
  requestsOnly: string;
  bookByPhone: string;
  callToBook: (phone: string) => string;
  lengthNotGiven: string;
}

/**
 * Words only the appointments list, the review and what follows confirming need: their English arrives in
 * a module of its own (`en-later.ts`) right after the element's first screen, which does not wait for it.
 */
export interface BookerLaterTerms {
  upcoming: string;
  past: string;
  reviewVisit: string;
  reasonForVisit: string;
  reasonHint: string;
  confirmBooking: string;
  booking: string;
  changeTime: string;
  whatToBring: string;
  addToCalendar: string;
  bookAnother: string;
  noUpcoming: string;
  noPast: string;
  cancelVisit: string;
  cancelReason: string;
  confirmCancel: string;
  keepVisit: string;
  cancelling: string;
  statusBooked: string;
  statusCancelled: string;
  statusWaitlist: string;
  statusPending: string;
  statusFulfilled: string;
  statusNoShow: string;
  statusCheckedIn: string;
  statusOther: string;
  reviewRequest: string;
  requestExplained: string;
  requestTime: string;
  sendingRequest: string;
  requested: string;
  requestedExplained: string;
  withdrawRequest: string;
  confirmWithdraw: string;
  keepRequest: string;
  withdrawing: string;
  requestWithdrawn: string;
  changeByPhone: string;
  moveVisitTo: (when: string) => string;
  moveVisit: string;
  moving: string;
  cancelledVisit: (visit: string) => string;
  // a visit's facts, what follows confirming, and cancelling
  withWhom: string;
  where: string;
  slotTaken: string;
  booked: string;
  bookedAnnouncement: (when: string) => string;
  cancelCutoff: (hours: number) => string;
  callToCancel: (phone: string) => string;
  waitlistPeriod: (from: string, to: string) => string;
  requestedAnnouncement: (when: string) => string;
  bookingUnconfirmed: string;
  callToChange: (phone: string) => string;
  visitReason: string;
  yourTime: (time: string) => string;
}

/** The terms, registered by the element's LocalizeController: English at once, Spanish and Arabic loaded with the page's language. */
export const APPOINTMENT_BOOKER_TERMS: TermPack<AppointmentBookerTerms, BookerLaterTerms> = {
  en,
  later: () => import('./en-later.js'),
  languages: { es: () => import('./es.js'), ar: () => import('./ar.js') },
};

/** The element's LocalizeController: core's terms and its own. */
export type BookerLocalize = LocalizeController<AppointmentBookerTerms>;
