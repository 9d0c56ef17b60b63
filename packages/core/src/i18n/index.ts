export * from './error-terms.js';
export * from './localize-controller.js';
export * from './plural.js';
export * from './registry.js';
export type { PartialTranslation, Term, TermArgs, TermArguments, TermKey, Translation, TranslationTerm } from './translation.js';
