/** The path of a Chromium to test in (see chromium.mjs). */
export function findChromium(): string;
/** Flags for headless Chromium on a closed network, as root. */
export const CHROMIUM_ARGS: string[];
