/** Emergency numbers by region (ambulance), for the notice that messages are not for emergencies. */
const EMERGENCY_NUMBERS: Readonly<Record<string, string>> = {
  US: '911', CA: '911', MX: '911', PR: '911', PH: '911', AR: '107', BR: '192', CO: '123', CL: '131', PE: '106',
  GB: '999', IE: '112', AU: '000', NZ: '111', IN: '112', ZA: '10177', JP: '119', KR: '119', CN: '120', HK: '999',
  EG: '123', SA: '997', AE: '998', QA: '999', KW: '112', JO: '911', LB: '140', MA: '150', DZ: '14', TN: '190', IQ: '122',
  ES: '112', FR: '112', DE: '112', IT: '112', PT: '112', NL: '112', BE: '112', AT: '112', CH: '144', SE: '112', NO: '113',
  DK: '112', FI: '112', PL: '112', GR: '112', TR: '112', IL: '101', RU: '103',
};

/**
 * The emergency number for a locale's region ('en' is taken as en-US, 'ar' as Egypt, the way browsers
 * fill in a language's likely region), or undefined when the region is not known: the notice then says
 * "your local emergency number". A host sets its own with `emergency-number`.
 */
export function emergencyNumberFor(locale: string): string | undefined {
  try {
    const region = new Intl.Locale(locale).maximize().region;
    return region ? EMERGENCY_NUMBERS[region] : undefined;
  } catch {
    return undefined;
  }
}
