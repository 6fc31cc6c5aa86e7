// A collection as it looks after two years of use, for the pick benchmark: folders of very unequal size (a camera
// roll, downloads, a few curated sets, one tiny folder), every picture's colour features measured and its palette
// stored, a history of a picture every half hour while the desktop was on, favourites that were shown more often,
// a few banned and unreadable files, and pictures added in batches (an import, then a few a week). The uniform rows
// of the plain benchmark have none of this: no history, a quarter analysed, folders that grow smoothly.
import type { Db } from '../../backend/src/db/database.js';
import { seededRandom, type Random } from '../../backend/src/selection/random.js';
import type { SourceRef } from '../../backend/src/selection/selectionIndex.js';

const DAY = 86_400_000;
/** Shares of the collection per folder, largest first. */
const FOLDER_SHARES = [0.41, 0.2, 0.13, 0.09, 0.07, 0.05, 0.03, 0.015, 0.005];
const RESOLUTIONS: readonly [number, number, number][] = [
    // [width, height, share]: mostly landscape desktop sizes, some phone pictures and small downloads.
    [3840, 2160, 0.35],
    [2560, 1440, 0.2],
    [1920, 1080, 0.2],
    [6000, 4000, 0.1],
    [1080, 1920, 0.08],
    [1280, 720, 0.05],
    [800, 600, 0.02],
];

export interface RealisticCollection {
    refs: SourceRef[];
    /** The moment the history ends: picks in the benchmark start here. */
    now: number;
    history: number;
}

function resolution(random: Random): [number, number] {
    let u = random();
    for (const [w, h, share] of RESOLUTIONS) {
        if (u < share) return [w, h];
        u -= share;
    }
    return [1920, 1080];
}

/** Colour features the way photographs spread: lightness around the middle, hues bunched at skies and foliage. */
function features(random: Random): [number, number, number, number, number] {
    const lightness = Math.min(0.98, Math.max(0.02, 0.55 + (random() + random() + random() - 1.5) * 0.35));
    const family = random();
    const hue =
        (family < 0.35
            ? 230 + random() * 30
            : family < 0.6
              ? 120 + random() * 40
              : family < 0.8
                ? 40 + random() * 40
                : random() * 360) % 360;
    const chroma = random() * random() * 0.16;
    const saturation = Math.min(1, chroma / 0.1 + random() * 0.2);
    const temperature = Math.max(-1, Math.min(1, Math.cos(((hue - 60) * Math.PI) / 180) * chroma * 8));
    return [lightness, temperature, saturation, hue, chroma];
}

function paletteJson(random: Random): string {
    const hex = () =>
        `#${Math.floor(random() * 0xffffff)
            .toString(16)
            .padStart(6, '0')
            .toUpperCase()}`;
    const colours = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`color${i}`, hex()]));
    return JSON.stringify({ background: hex(), foreground: hex(), cursor: hex(), ...colours });
}

/**
 * Writes `count` pictures with two years of use into the (migrated, empty) database `db`; `end` is when the
 * history stops.
 */
export function populateRealistic(db: Db, count: number, end: number, seed = 7): RealisticCollection {
    const random = seededRandom(seed);
    const start = end - 730 * DAY;
    const refs: SourceRef[] = [];
    const insertImage = db.prepare(
        `INSERT INTO images (path, source_id, size, mtime_ms, width, height, format, skip_reason, content_hash,
             favourite, banned, added_at, lightness, temperature, saturation, hue, chroma, features_at)
         VALUES (?, ?, ?, ?, ?, ?, 'jpeg', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertPalette = db.prepare(
        `INSERT OR IGNORE INTO palettes (content_hash, extractor, palette, created_at) VALUES (?, ` +
            `'wallust:fastresize:lch:dark16', ?, ?)`,
    );
    const insertHistory = db.prepare(
        `INSERT INTO history (image_id, path, shown_at, reason, content_hash, extractor) VALUES ` +
            `(?, ?, ?, ?, ?, 'wallust:fastresize:lch:dark16')`,
    );
    const markShown = db.prepare(`UPDATE images SET times_shown = times_shown + 1, last_shown_at = ? WHERE id = ?`);
    const paths: string[] = [];
    const hashes: string[] = [];
    const usable: number[] = [];
    const favourites: number[] = [];
    let history = 0;
    db.transaction(() => {
        FOLDER_SHARES.forEach((_, k) => {
            const location =
                k === FOLDER_SHARES.length - 1
                    ? '/home/user/.config/variety/Favorites'
                    : `/home/user/Pictures/Wallpapers/set-${k}`;
            refs.push({
                id: Number(db.prepare(`INSERT INTO sources (location) VALUES (?)`).run(location).lastInsertRowid),
                location,
            });
        });
        // Each folder's pictures arrive in one import at a folder-specific date, then a trickle afterwards.
        const imported = FOLDER_SHARES.map((_, k) => start + k * 40 * DAY);
        for (let i = 0; i < count; i++) {
            let u = random();
            let k = 0;
            while (k < FOLDER_SHARES.length - 1 && u >= FOLDER_SHARES[k]!) u -= FOLDER_SHARES[k++]!;
            const trickle = random() < 0.2;
            const addedAt = trickle ? imported[k]! + random() * (end - imported[k]!) : imported[k]!;
            const [width, height] = resolution(random);
            const skipped = random() < 0.004;
            const banned = !skipped && random() < 0.006;
            const favourite = !skipped && !banned && (k === FOLDER_SHARES.length - 1 || random() < 0.03);
            const analysed = !skipped && random() < 0.97;
            const f = analysed ? features(random) : [null, null, null, null, null];
            const path =
                `${refs[k]!.location}/${String(i).padStart(6, '0')}-` +
                `${Math.floor(random() * 1e9).toString(36)}.jpg`;
            const hash = Math.floor(random() * 2 ** 52)
                .toString(16)
                .padStart(16, '0');
            const id = Number(
                insertImage.run(
                    path,
                    refs[k]!.id,
                    500_000 + Math.floor(random() * 8_000_000),
                    addedAt,
                    width,
                    height,
                    skipped ? 'cannot read the header' : null,
                    hash,
                    favourite ? 1 : 0,
                    banned ? 1 : 0,
                    addedAt,
                    ...f,
                    analysed ? addedAt + DAY : null,
                ).lastInsertRowid,
            );
            paths[id] = path;
            hashes[id] = hash;
            if (analysed) insertPalette.run(hash, paletteJson(random), addedAt + DAY);
            if (!skipped && !banned && width >= height) {
                usable.push(id);
                if (favourite) favourites.push(id);
            }
        }
        // A pick every half hour from 8:00 to 23:00; favourites come up about twice as often as the rest.
        const addedAtOf = db.prepare(`SELECT added_at FROM images WHERE id = ?`).pluck();
        for (let day = start; day < end; day += DAY) {
            for (let t = day + 8 * 3_600_000; t < day + 23 * 3_600_000 && t < end; t += 1_800_000) {
                const pool = random() < 0.06 && favourites.length > 0 ? favourites : usable;
                const id = pool[Math.floor(random() * pool.length)]!;
                if ((addedAtOf.get(id) as number) > t) continue;
                insertHistory.run(id, paths[id]!, t, random() < 0.9 ? 'timer' : 'next', hashes[id]!);
                markShown.run(t, id);
                history++;
            }
        }
    })();
    db.exec('ANALYZE');
    return { refs, now: end, history };
}
