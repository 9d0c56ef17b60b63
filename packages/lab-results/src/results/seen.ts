/**
 * "New since you last looked", remembered per patient in this browser only (localStorage), never on
 * the server. The key carries a hash of the patient id, not the id itself.
 */
const PREFIX = 'portico:lab-results:seen:';

function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

/** When this patient's results were last looked at here (ms since epoch), if ever. */
export function lastSeen(patientId: string): number | undefined {
  try {
    const value = Number(localStorage.getItem(PREFIX + hash(patientId)));
    return Number.isFinite(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Records that the patient has now seen everything up to `at`. */
export function markSeen(patientId: string, at = Date.now()): void {
  try {
    localStorage.setItem(PREFIX + hash(patientId), String(at));
  } catch {
    // Storage blocked: every result stays "not new".
  }
}

/** The moment a report became available to the patient: `issued`, else its effective time. */
export function availableAt(resource: { issued?: string; effectiveDateTime?: string; effectivePeriod?: { start?: string } }): number {
  return Date.parse(resource.issued ?? resource.effectiveDateTime ?? resource.effectivePeriod?.start ?? '') || 0;
}
