import { DAY_MS } from './recency.js';

/**
 * Images added in the last `days` days and not shown yet get `boost`: a folder of new downloads shows up soon
 * rather than drowning in a large collection. Once shown, an image is not new any more.
 */
export function noveltyFactor(addedAt: number, shown: boolean, now: number, days: number, boost: number): number {
    return !shown && days > 0 && now - addedAt < days * DAY_MS ? boost : 1;
}
