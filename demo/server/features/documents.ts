/** Documents: DocumentReferences with their PDF Binaries (visit summaries, a referral letter, immunization records; seed only). */
import { buildDocuments } from '../seed/documents.js';
import { defineFeature } from './feature.js';

export const documents = defineFeature({
  name: 'documents',
  seed: ({ today, profiles, earlier }) => ({ resources: buildDocuments({ today, profiles, visits: earlier('visits'), immunizations: earlier('immunizations') }) }),
});
