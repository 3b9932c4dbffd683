/** The lowest score reported as a hit by default (docs/SCREENING.md: the threshold sweep). */
export const DEFAULT_THRESHOLD = 0.8;
