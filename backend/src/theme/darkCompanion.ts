// The picture for GNOME's dark style when theme.darkMode is 'darker': a darker image from the same collection,
// so that switching to the dark style also dims the desktop. Kept deliberately simple: measure the mean OKLab
// lightness of the wallpaper and of a small random sample of the collection (a 16 px thumbnail each, a few
// milliseconds with JPEG shrink-on-load), and take the darkest of the sample when it is clearly darker than the
// wallpaper; otherwise the wallpaper is dark enough already and serves both styles.
import { converter } from 'culori';
import { stat } from 'node:fs/promises';
import { loadSharp } from '../process/loadSharp.js';
import type { Db } from '../db/database.js';
import { SourceStore } from '../db/sources.js';
import { rgbColor } from '../colour/oklch.js';
import { log } from '../log.js';

/** How many other images are measured per change. */
export const DARK_SAMPLE_SIZE = 12;
/** A companion must be at least this much darker (OKLab L, 0 … 1) to be worth a different picture. */
export const MIN_DARKER_BY = 0.05;

const toOklab = converter('oklab');
const SIDE = 16;

/** Mean OKLab lightness (0 … 1) of an image file. */
export async function meanLightness(path: string): Promise<number> {
    const sharp = await loadSharp();
    const { data, info } = await sharp(path, { failOn: 'none', limitInputPixels: 150_000_000, animated: false })
        .resize(SIDE, SIDE, { fit: 'fill' })
        .removeAlpha()
        .toColourspace('srgb')
        .raw()
        .toBuffer({ resolveWithObject: true });
    let sum = 0;
    let n = 0;
    for (let i = 0; i + 2 < data.length; i += info.channels) {
        sum += toOklab(rgbColor(data[i]!, data[i + 1]!, data[i + 2]!)).l;
        n++;
    }
    if (n === 0) throw new Error(`${path} has no pixels`);
    return sum / n;
}

export class DarkCompanion {
    /** Lightness by path, valid while the file keeps its size and time. */
    private readonly cache = new Map<string, { size: number; mtimeMs: number; lightness: number }>();

    constructor(
        private readonly db: Db,
        private readonly random: () => number = Math.random,
    ) {}

    /**
     * A darker image than `path` from `folders` (same usable images that selection picks from), or `path` itself
     * when none of the sample is clearly darker or anything fails: the dark style then shows the same picture.
     */
    async pick(path: string, folders: readonly string[]): Promise<string> {
        try {
            const own = await this.lightness(path);
            let best: { path: string; lightness: number } | null = null;
            for (const candidate of this.sample(path, folders)) {
                const lightness = await this.lightness(candidate).catch(() => null);
                if (lightness !== null && (!best || lightness < best.lightness)) best = { path: candidate, lightness };
            }
            return best && best.lightness <= own - MIN_DARKER_BY ? best.path : path;
        } catch (error) {
            log.warn(`no darker picture for the dark style: ${(error as Error).message}; using the same picture`);
            return path;
        }
    }

    private sample(exclude: string, folders: readonly string[]): string[] {
        const sources = new SourceStore(this.db);
        const ids = folders.flatMap((folder) => sources.byLocation(folder)?.id ?? []);
        if (ids.length === 0) return [];
        const rows = this.db
            .prepare(
                `SELECT path FROM images WHERE skip_reason IS NULL AND banned = 0 AND path <> ? AND ` +
                    `source_id IN (${ids.map(() => '?').join(',')})`,
            )
            .all(exclude, ...ids) as { path: string }[];
        // A partial Fisher–Yates shuffle: the first DARK_SAMPLE_SIZE entries become a uniform random sample.
        const paths = rows.map((row) => row.path);
        const n = Math.min(DARK_SAMPLE_SIZE, paths.length);
        for (let i = 0; i < n; i++) {
            const j = i + Math.floor(this.random() * (paths.length - i));
            [paths[i], paths[j]] = [paths[j]!, paths[i]!];
        }
        return paths.slice(0, n);
    }

    private async lightness(path: string): Promise<number> {
        const { size, mtimeMs } = await stat(path);
        const cached = this.cache.get(path);
        if (cached && cached.size === size && cached.mtimeMs === mtimeMs) return cached.lightness;
        const lightness = await meanLightness(path);
        if (this.cache.size > 10_000) this.cache.clear();
        this.cache.set(path, { size, mtimeMs, lightness });
        return lightness;
    }
}
