// Which wallust we are talking to, from `wallust -V` ("wallust 3.5.2"). Only stable 3.4–3.x is driven:
// 4.0 changes config, colourspaces and cache; 2.x has no `run` subcommand; 3.0–3.3 keep a different
// cache (version 1.5, flat files), so the palette file of an image cannot be located there.

export interface WallustVersion {
    major: number;
    minor: number;
    patch: number;
    /** `alpha`, `rc.1`, … or null for a release. */
    prerelease: string | null;
    /** As printed, e.g. `3.5.2` or `4.0.0-alpha`. */
    text: string;
}

export type VersionSupport = { supported: true } | { supported: false; reason: string };

/** Lowest 3.x whose cache layout (1.7) cacheKey.ts computes. */
const MIN_MINOR = 4;

/** Reads `wallust -V` output; null when it does not look like a wallust version line. */
export function parseWallustVersion(output: string): WallustVersion | null {
    const m = /\bwallust\s+v?(\d+)\.(\d+)(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?/i.exec(output);
    if (!m) return null;
    const major = Number(m[1]);
    const minor = Number(m[2]);
    const patch = m[3] === undefined ? 0 : Number(m[3]);
    const prerelease = m[4] ?? null;
    const text = `${major}.${minor}.${patch}${prerelease ? `-${prerelease}` : ''}`;
    return { major, minor, patch, prerelease, text };
}

export function wallustVersionSupport(v: WallustVersion): VersionSupport {
    if (v.major !== 3) {
        return { supported: false, reason: `wallust ${v.text} is not supported (3.x needed)` };
    }
    if (v.prerelease !== null) {
        return { supported: false, reason: `wallust ${v.text} is a pre-release; a stable 3.x release is needed` };
    }
    if (v.minor < MIN_MINOR) {
        return { supported: false, reason: `wallust ${v.text} is too old (3.${MIN_MINOR} or newer 3.x needed)` };
    }
    return { supported: true };
}

export function isSupported(v: WallustVersion): boolean {
    return wallustVersionSupport(v).supported;
}
