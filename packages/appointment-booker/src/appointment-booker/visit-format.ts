import { instantMs } from '@portico/core';
import type { BookerLocalize } from '../i18n/terms.js';

/** The time zones a visit is shown in: the clinic's (its days and times) and the viewer's (noted when they differ). */
export interface VisitZones {
  clinic(): string;
  viewer(): string;
}

/**
 * Days and times in the patient's language: one place for the words every view uses (a visit's facts,
 * which only the review and the appointments list show, are `visit-facts.ts`).
 */
export class VisitFormat {
  constructor(
    readonly localize: BookerLocalize,
    readonly zones: VisitZones,
  ) {}

  /** A visit's start in full ('Monday, December 7, 2026 at 8:30 AM EST'); "time not given" for one that is not a time. */
  when(start: string | undefined, timeZone: string | undefined): string {
    if (!start) return '';
    if (instantMs(start) === undefined) return this.localize.term('timeNotGiven');
    const zone = timeZone ?? this.zones.clinic();
    return this.localize.date(start, { timeZone: zone, weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
  }

  /** A calendar day ('YYYY-MM-DD') in words: 'Tuesday, November 25, 2026'. */
  dayLabel(day: string): string {
    return this.localize.date(`${day}T12:00:00Z`, { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
  }

  /** The clock time of a start ('8:30 AM') in its zone, else the clinic's. */
  clock(start: string, timeZone: string | undefined): string {
    return this.localize.date(start, { timeZone: timeZone ?? this.zones.clinic(), hour: 'numeric', minute: '2-digit' });
  }
}
