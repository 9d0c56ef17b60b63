/** The sections `<health-record>` shows, in this order, by their name in its `sections` attribute. */
export const HEALTH_RECORD_SECTIONS = ['conditions', 'allergies', 'immunizations', 'visits', 'notes', 'vitals'] as const;
export type HealthRecordSection = (typeof HEALTH_RECORD_SECTIONS)[number];

/** The sections a `sections` attribute names, in the element's order; unknown names are ignored, and none known means all. */
export function sectionsNamed(attribute: string | null | undefined): HealthRecordSection[] {
  const named = new Set((attribute ?? '').toLowerCase().split(/[\s,]+/));
  const known = HEALTH_RECORD_SECTIONS.filter((name) => named.has(name));
  return known.length ? known : [...HEALTH_RECORD_SECTIONS];
}

/** Is this a section's name? */
export function isSection(name: string | undefined): name is HealthRecordSection {
  return (HEALTH_RECORD_SECTIONS as readonly string[]).includes(name ?? '');
}
