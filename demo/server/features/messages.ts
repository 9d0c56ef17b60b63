/** Messages: Communication threads between patients (or proxies) and their care team (seed only). */
import { buildMessages } from '../seed/messages.js';
import { defineFeature } from './feature.js';

export const messages = defineFeature({
  name: 'messages',
  seed: ({ today, profiles }) => ({ resources: buildMessages({ today, profiles }) }),
});
