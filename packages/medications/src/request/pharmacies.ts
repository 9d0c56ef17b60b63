import type { Organization } from 'fhir/r4';
import type { FhirClient } from '@portico/core';
import { notOffered } from '../refills/read-medicines.js';

/** The SNOMED CT code of a pharmacy among an Organization's types. */
const PHARMACY_TYPE = 'http://snomed.info/sct|264372000';

/** The pharmacies a patient may choose for a request (directory data), by name. Empty when the server has none to offer. */
export async function loadPharmacies(client: FhirClient, options: { signal?: AbortSignal } = {}): Promise<Organization[]> {
  try {
    const { resources } = await client.searchAll('Organization', { type: PHARMACY_TYPE, active: true }, { signal: options.signal, pageSize: 50, max: 50 });
    return resources.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
  } catch (error) {
    if (notOffered(error)) return [];
    throw error;
  }
}
