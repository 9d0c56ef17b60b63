/** The time ranges a trend offers, in years (0 = all). */
export const TREND_RANGES = [1, 5, 0] as const;
export type TrendRangeYears = (typeof TREND_RANGES)[number];
