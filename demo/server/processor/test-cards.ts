/** The demo processor's test cards (the numbers Stripe's test mode uses), and what each does. */

/** What charging a card does. */
export type CardOutcome = 'succeeded' | 'declined' | 'insufficient-funds' | 'processing';

export interface TestCard {
  readonly number: string;
  readonly outcome: CardOutcome;
  /** What the hosted page says about it. */
  readonly label: string;
}

export const TEST_CARDS = [
  { number: '4242 4242 4242 4242', outcome: 'succeeded', label: 'Pays at once' },
  { number: '4000 0000 0000 0002', outcome: 'declined', label: 'Declined' },
  { number: '4000 0000 0000 9995', outcome: 'insufficient-funds', label: 'Declined: insufficient funds' },
  { number: '4000 0000 0000 3220', outcome: 'processing', label: 'Processing first, paid a few seconds later' },
] as const satisfies readonly TestCard[];

/** The test card a typed number is (spaces and dashes ignored), else undefined. */
export function testCard(typed: string): TestCard | undefined {
  const digits = typed.replace(/[\s-]/g, '');
  return TEST_CARDS.find((card) => card.number.replace(/ /g, '') === digits);
}

/** How the processor reports the method: "Visa ending 4242". */
export function methodOf(card: TestCard): string {
  return `Visa ending ${card.number.slice(-4)}`;
}
