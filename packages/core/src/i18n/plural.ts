import { numberFormat, pluralRulesFor } from '../format/formatters.js';

/** The message for each plural category a language uses; `other` is always required. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * Picks the plural form of `count` for `locale` and replaces `#` in it with the number formatted
 * for that locale: `plural('en', 3, { one: '# result', other: '# results' })` → '3 results'.
 * An exact form for zero can be given as `zero` in languages whose rules have one (Arabic); for
 * the others, use a condition in the term function.
 */
export function plural(locale: string, count: number, forms: PluralForms): string {
  const category = pluralRulesFor(locale).select(count);
  const form = forms[category] ?? forms.other;
  return form.replace(/#/g, numberFormat(locale).format(count));
}
