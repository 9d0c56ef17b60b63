import { PatientStorage } from '@portico/core';

/**
 * "New since you last looked", remembered per patient in this browser only (kept on the device,
 * never on the server): when the patient last looked at their results, under a hash of the patient id.
 */
const seen = new PatientStorage<number>('lab-results:seen', 'device');

/** When this patient's results were last looked at here (ms since epoch), if ever. */
export function lastSeen(patientId: string): number | undefined {
  // Kept by earlier versions as `portico:lab-results:seen:<hash>`: moved here once, so no badge is lost.
  seen.adoptFormer(patientId, 'portico:lab-results:seen:');
  const value = seen.read(patientId);
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Records that the patient has now seen everything up to `at`. */
export function markSeen(patientId: string, at = Date.now()): void {
  seen.write(patientId, at);
}

/** The moment a report became available to the patient: `issued`, else its effective time. */
export function availableAt(resource: { issued?: string; effectiveDateTime?: string; effectivePeriod?: { start?: string } }): number {
  return Date.parse(resource.issued ?? resource.effectiveDateTime ?? resource.effectivePeriod?.start ?? '') || 0;
}
