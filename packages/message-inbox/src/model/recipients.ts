import type { CareTeam, Reference } from 'fhir/r4';
import { referenceKey } from '@portico/core';
import type { People } from './people.js';
import { isPatientSide, type PatientSide, type Thread } from './threads.js';

/** Someone the patient may write to: a care team member (with their role) or the whole team. */
export interface RecipientChoice {
  reference: string;
  label: string;
}

/**
 * Who a new conversation may go to: each care team's people (not the patient's side), named with their
 * roles, then the team as a whole (`wholeTeam`). A host's `preset` (references separated by spaces)
 * limits the choice to those, in its order, each named even when no care team lists it.
 */
export function recipientChoices(teams: readonly CareTeam[], options: { people: People; side: PatientSide; fallback: string; wholeTeam: string; preset?: string }): RecipientChoice[] {
  const { people, side, fallback } = options;
  const choices: RecipientChoice[] = [];
  for (const team of teams) {
    for (const participant of team.participant ?? []) {
      const key = referenceKey(participant.member);
      if (!key || isPatientSide({ reference: key }, side) || choices.some((c) => c.reference === key)) continue;
      const { name, role } = people.label(participant.member, fallback);
      choices.push({ reference: key, label: role ? `${name}, ${role}` : name });
    }
    if (team.id) choices.push({ reference: `CareTeam/${team.id}`, label: options.wholeTeam });
  }
  const preset = options.preset?.split(/\s+/).filter(Boolean) ?? [];
  if (!preset.length) return choices;
  return preset.map((reference) => choices.find((c) => c.reference === reference) ?? { reference, label: people.label({ reference }, fallback).name });
}

/** A reply goes to whoever on the care team wrote last, else to whom the conversation was addressed. */
export function replyRecipients(thread: Thread, side: PatientSide): Reference[] {
  const lastFromTeam = [...thread.messages].reverse().find((m) => !m.fromPatientSide && m.sender?.reference);
  if (lastFromTeam?.sender) return [{ reference: referenceKey(lastFromTeam.sender) ?? lastFromTeam.sender.reference! }];
  const addressed = thread.messages.flatMap((m) => m.recipients).filter((r) => r.reference && !isPatientSide({ reference: referenceKey(r) ?? '' }, side));
  const last = addressed.at(-1);
  return last ? [{ reference: referenceKey(last) ?? last.reference! }] : (thread.root.recipient?.slice(0, 1) ?? []);
}
