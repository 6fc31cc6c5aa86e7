/** A source of uniform numbers in [0, 1), like Math.random. */
export type Random = () => number;

/**
 * mulberry32: a tiny 32-bit generator with a fixed seed, so statistical tests and benchmarks see the same picks on
 * every run. Production uses Math.random (V8's xorshift128+), which is plenty for choosing wallpapers.
 */
export function seededRandom(seed: number): Random {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
