export * from './error-terms.js';
export * from './localize-controller.js';
export * from './plural.js';
export * from './registry.js';
export type { PartialTranslation, TermArguments, Translation, TranslationTerm } from './translation.js';
