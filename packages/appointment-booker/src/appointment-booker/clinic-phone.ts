import type { Location, Organization } from 'fhir/r4';
import { referenceId } from '@portico/core';
import { html, type TemplateResult } from 'lit';

/** Stands for the phone number in a catalogue sentence, which is then split around it to put the number's link there. */
export const PHONE_MARK = '\u{E000}';

/** The first phone number a Location or Organization lists. */
export function phoneOf(resource: Location | Organization | undefined): string | undefined {
  return resource?.telecom?.find((t) => t.system === 'phone' && t.value)?.value;
}

/** A `tel:` address for a phone number as written ('(617) 555-0100' → 'tel:6175550100'). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^+\d]/g, '')}`;
}

/**
 * The number to call about `location`: its own phone, else its organization's, else the host's
 * `clinicPhone`. With no place: `clinicPhone`, else the phone of an organization running the clinic's places.
 */
export function clinicPhoneFor(options: { location?: Location; locations: readonly Location[]; organizations: readonly Organization[]; clinicPhone?: string }): string | undefined {
  const runBy = (place: Location | undefined) => {
    const id = place?.managingOrganization && referenceId(place.managingOrganization, 'Organization');
    return phoneOf(options.organizations.find((o) => o.id === id));
  };
  const { location, clinicPhone } = options;
  if (location) return phoneOf(location) ?? runBy(location) ?? (clinicPhone || undefined);
  return clinicPhone || options.locations.map(runBy).find(Boolean);
}

/** A phone number as a `tel:` link, kept left to right (and isolated from the sentence) in right-to-left text. */
export function renderPhone(phone: string): TemplateResult {
  return html`<a class="phone" href=${telHref(phone)} dir="ltr">${phone}</a>`;
}

/** A sentence written with `PHONE_MARK` for the number (`term(PHONE_MARK)`), with the number as a link. */
export function renderPhoneSentence(sentence: string, phone: string): TemplateResult {
  const [before, after = ''] = sentence.split(PHONE_MARK);
  return html`${before}${renderPhone(phone)}${after}`;
}
