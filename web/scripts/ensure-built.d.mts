/** Builds web/dist when it is missing or older than its sources; resolves true when it built. */
export function ensureBuilt(options?: { quiet?: boolean }): Promise<boolean>;
export function isStale(): boolean;
