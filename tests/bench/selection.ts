// Smart Selection figures: pick latency with 10k, 100k and 1M indexed images (synthetic rows in a real SQLite
// database, 20 folders, a quarter of the images analysed, 5 % favourites, a pick every 10 minutes recorded as
// shown, so the set of images in their cooldown grows as it does in use), the time to build the index, and the
// resident memory of a backend process (the real App, its modules and database) holding a 100k index.
// Also: a pick on a 100k collection as it looks after months of use (4,044 images shown in the last 7 days, so
// in their cooldown), the first pick of a backend that starts over a 1M collection with its saved index, and picks
// on a realistic 100k collection (realisticCollection.ts), with the clock in line with its history and with its
// history dated ahead of the clock (a database from a machine whose clock ran ahead, or a clock set back).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from '../../backend/src/app.js';
import { openDatabase } from '../../backend/src/db/database.js';
import { seededRandom } from '../../backend/src/selection/random.js';
import { SelectionIndex, type PickResult, type SourceRef } from '../../backend/src/selection/selectionIndex.js';
import { resolveSelectionSettings } from '../../backend/src/selection/settings.js';
import { figure, single, type Figure } from './measure.js';
import { populateRealistic } from './realisticCollection.js';

const FOLDERS = 20;
const MINUTE = 60_000;
const START = Date.UTC(2025, 0, 1);
const RSS_CHILD = 'CHAMELEON_BENCH_SELECTION_RSS';

/** Marks `count` random images as shown at random times within the 7 days before START (the cooldown). */
function seedCooldown(dir: string, count: number): void {
    const db = openDatabase(dir);
    const random = seededRandom(count + 1);
    const total = db.prepare(`SELECT max(id) FROM images`).pluck().get() as number;
    const mark = db.prepare(
        `UPDATE images SET times_shown = times_shown + 1, last_shown_at = ? WHERE id = ? AND last_shown_at IS NULL`,
    );
    db.transaction(() => {
        let marked = 0;
        while (marked < count)
            marked += mark.run(START - random() * 7 * 86_400_000, 1 + Math.floor(random() * total)).changes;
    })();
    db.close();
}

/** Writes `count` synthetic images into a fresh database in `dir`; returns the folders' source refs. */
function populate(dir: string, count: number): SourceRef[] {
    const db = openDatabase(dir);
    const random = seededRandom(count);
    const refs: SourceRef[] = [];
    const insert = db.prepare(
        `INSERT INTO images (path, source_id, size, mtime_ms, width, height, favourite, added_at, lightness,
             temperature, saturation, hue, chroma)
         VALUES (?, ?, 1000000, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    db.transaction(() => {
        for (let k = 0; k < FOLDERS; k++) {
            const location = `/pictures/folder${k}`;
            refs.push({
                id: Number(db.prepare(`INSERT INTO sources (location) VALUES (?)`).run(location).lastInsertRowid),
                location,
            });
        }
        for (let i = 0; i < count; i++) {
            // Unequal folders: folder k holds a share proportional to k + 1.
            const k = Math.min(FOLDERS - 1, Math.floor(Math.sqrt(random() * FOLDERS * FOLDERS)));
            const analysed = random() < 0.25;
            insert.run(
                `/pictures/folder${k}/${i}.jpg`,
                refs[k]!.id,
                random() < 0.9 ? 3840 : 1280,
                random() < 0.9 ? 2160 : 720,
                random() < 0.05 ? 1 : 0,
                START - random() * 365 * 86_400_000,
                analysed ? random() : null,
                analysed ? random() * 2 - 1 : null,
                analysed ? random() : null,
                analysed ? random() * 360 : null,
                analysed ? random() * 0.2 : null,
            );
        }
    })();
    db.close();
    return refs;
}

/** The settings a user who turned everything on would have: time of day, colour affinity, filters. */
const SETTINGS = resolveSelectionSettings(
    { timeOfDay: 'fixed', colourTarget: 'colour', colour: '#2190a4', minSizePercent: 50 },
    { monitor: { width: 2560, height: 1440 } },
);

async function pickLatency(count: number, picks: number, cooling = 0): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'chameleon-bench-selection-'));
    try {
        const refs = populate(dir, count);
        if (cooling > 0) seedCooldown(dir, cooling);
        const db = openDatabase(dir);
        const index = new SelectionIndex(db, SETTINGS);
        index.setSources(refs);
        const loadStart = process.hrtime.bigint();
        index.sync(START);
        const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
        const byId = db.prepare(`SELECT * FROM images WHERE id = ?`);
        const mark = db.prepare(`UPDATE images SET times_shown = times_shown + 1, last_shown_at = ? WHERE id = ?`);
        const random = seededRandom(1);
        const samples: number[] = [];
        let current: number | null = null;
        for (let i = -20; i < picks; i++) {
            const now = START + (i + 20) * 10 * MINUTE;
            const start = process.hrtime.bigint();
            index.sync(now);
            const picked: PickResult = index.pick(now, random, current)!;
            byId.get(picked.id);
            const ms = Number(process.hrtime.bigint() - start) / 1e6;
            if (i >= 0) samples.push(ms);
            mark.run(now, picked.id);
            current = picked.id;
        }
        db.close();
        const label = count >= 1_000_000 ? `${count / 1_000_000}M` : `${count / 1000}k`;
        if (cooling > 0) {
            return [
                figure(`selection pick, ${label} images, ${cooling.toLocaleString('en')} in cooldown`, 'ms', samples, {
                    max: 1,
                }),
            ];
        }
        const target = count === 100_000 ? { max: 2 } : count === 1_000_000 ? { max: 20 } : undefined;
        const figures = [
            figure(`selection pick, ${label} images`, 'ms', samples, target),
            single(`selection index build from the table (and save), ${label} images`, 'ms', loadMs),
        ];
        if (count === 1_000_000)
            figures.push(...firstPickAfterStart(dir, refs, START + (picks + 40) * 10 * MINUTE, label));
        return figures;
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/**
 * A new backend's first pick: a new connection and index over the database the picks above left (their shows
 * recorded after the index was saved), as after a login. The saved index stands in for reading every row.
 */
function firstPickAfterStart(dir: string, refs: SourceRef[], now: number, label: string): Figure[] {
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const db = openDatabase(dir);
    const index = new SelectionIndex(db, SETTINGS);
    index.setSources(refs);
    index.sync(now);
    index.pick(now, seededRandom(3));
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const used = process.cpuUsage(cpu);
    db.close();
    // CPU time beside wall time: on a shared machine the wall time mostly measures the neighbours.
    return [
        single(`first pick after start, ${label} images, saved index`, 'ms', ms, { max: 300 }),
        single(
            `first pick after start, ${label} images, saved index (CPU time)`,
            'ms',
            (used.user + used.system) / 1000,
        ),
    ];
}

/** Runs in a child process: the real App over a 100k database, the index loaded and 200 picks made. */
async function rssChild(dir: string, refsJson: string): Promise<void> {
    const app = new App({ dataDir: dir, config: {} });
    const refs = JSON.parse(refsJson) as SourceRef[];
    app.collection.index.setSources(refs);
    const mark = app.db.prepare(`UPDATE images SET times_shown = times_shown + 1, last_shown_at = ? WHERE id = ?`);
    const random = seededRandom(2);
    for (let i = 0; i < 200; i++) {
        const now = START + i * 10 * MINUTE;
        app.collection.index.sync(now);
        mark.run(now, app.collection.index.pick(now, random)!.id);
    }
    (globalThis as { gc?: () => void }).gc?.();
    process.stdout.write(`${JSON.stringify({ rss: process.memoryUsage().rss })}\n`);
    await app.close();
}

if (process.env[RSS_CHILD]) {
    const [dir, refs] = JSON.parse(process.env[RSS_CHILD]) as [string, string];
    await rssChild(dir, refs);
    process.exit(0);
}

function backendRss(count: number): Figure {
    const dir = mkdtempSync(join(tmpdir(), 'chameleon-bench-selection-'));
    try {
        const refs = populate(dir, count);
        const script = fileURLToPath(import.meta.url);
        const out = execFileSync(process.execPath, ['--expose-gc', script, '--only', 'none'], {
            env: { ...process.env, [RSS_CHILD]: JSON.stringify([dir, JSON.stringify(refs)]) },
            encoding: 'utf8',
        });
        const { rss } = JSON.parse(out.trim().split('\n').pop()!) as { rss: number };
        return single('backend RSS, 100k images indexed', 'MB', rss / 1024 / 1024, { max: 150 });
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/**
 * Warm picks on a realistic collection, a pick every 10 minutes recorded as shown, starting `behindDays` before the
 * newest show of its history; with the rows each pick read from the database.
 */
export function realisticPicks(count: number, picks: number, behindDays: number): Figure[] {
    const dir = mkdtempSync(join(tmpdir(), 'chameleon-bench-selection-'));
    try {
        const db = openDatabase(dir);
        const collection = populateRealistic(db, count, START);
        const index = new SelectionIndex(db, SETTINGS);
        index.setSources(collection.refs);
        const begin = START - behindDays * 86_400_000;
        index.sync(begin);
        const mark = db.prepare(`UPDATE images SET times_shown = times_shown + 1, last_shown_at = ? WHERE id = ?`);
        const random = seededRandom(5);
        const samples: number[] = [];
        let rows = 0;
        let current: number | null = null;
        for (let i = -20; i < picks; i++) {
            const now = begin + (i + 21) * 10 * MINUTE;
            const start = process.hrtime.bigint();
            index.sync(now);
            const picked: PickResult = index.pick(now, random, current)!;
            const ms = Number(process.hrtime.bigint() - start) / 1e6;
            if (i >= 0) {
                samples.push(ms);
                rows += index.lastSyncCost.rows;
            }
            mark.run(now, picked.id);
            current = picked.id;
        }
        db.close();
        const label =
            `${count / 1000}k realistic ` +
            `images${behindDays > 0 ? `, history ${behindDays} days ahead of the clock` : ''}`;
        return [
            figure(`selection pick, ${label}`, 'ms', samples, { max: 2 }),
            single(`rows read per pick, ${label}`, 'rows', rows / picks),
        ];
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

export async function selectionFigures(): Promise<Figure[]> {
    return [
        ...(await pickLatency(10_000, 300)),
        ...(await pickLatency(100_000, 300)),
        ...(await pickLatency(100_000, 300, 4044)),
        ...(await pickLatency(1_000_000, 200)),
        ...realisticPicks(100_000, 300, 0),
        ...realisticPicks(100_000, 300, 365),
        backendRss(100_000),
    ];
}
