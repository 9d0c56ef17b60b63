/**
 * The message inbox's server side: Communication threads between patients (or proxies) and their care
 * team, and the care teams, in the seed; the rules for what a patient writes (fhir/message-writes.ts):
 * new messages to their own care team, in their own threads, as themselves; marking the care team's
 * messages read; nothing else. A patient's care team decides whom they may write to, so it is not theirs to change.
 */
import { CARE_TEAM_KEPT, checkMessageWrite, MESSAGES_STAY } from '../fhir/message-writes.js';
import { buildMessages } from '../seed/messages.js';
import { defineFeature } from './feature.js';

export const messages = defineFeature({
  name: 'messages',
  seed: ({ today, profiles }) => ({ resources: buildMessages({ today, profiles }) }),
  writes: {
    Communication: { interactions: ['create', 'update'], refusal: MESSAGES_STAY, check: checkMessageWrite },
    CareTeam: { interactions: [], refusal: CARE_TEAM_KEPT },
  },
});
