// What one change costs across the two processes: protocol messages per click on Next (the built extension under
// gjs driving the real backend through a tap that logs every line, tests/gjs/messagesPerNext.js), and the weights
// Smart Selection computes again per change on a 100k collection whose colour target follows the desktop's accent
// (synthetic rows in a real SQLite database): now, and as it was while the extension reported its own accent
// write back as a desktop fact (nine messages per Next, every weight again per change).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../backend/src/db/database.js';
import { seededRandom } from '../../backend/src/selection/random.js';
import { SelectionIndex, type SourceRef } from '../../backend/src/selection/selectionIndex.js';
import { resolveSelectionSettings } from '../../backend/src/selection/settings.js';
import { installInterfaceSchema, runGjs, writeImages } from '../helpers/gjs.js';
import { CLI, ROOT, makeSandbox } from '../helpers/sandbox.js';
import { figure, single, type Figure } from './measure.js';

async function messagesPerNext(): Promise<Figure> {
    const sandbox = makeSandbox();
    try {
        const folder = sandbox.folder('pictures');
        await writeImages(folder, 12);
        const result = await runGjs(
            'messagesPerNext.js',
            {
                ...sandbox.env,
                GSETTINGS_SCHEMA_DIR: join(ROOT, 'dist/extension/schemas'),
                XDG_DATA_DIRS: `${installInterfaceSchema(sandbox.dir, true)}:/usr/local/share:/usr/share`,
                CHAMELEON_CLI: CLI,
                CHAMELEON_TAP: join(ROOT, 'tests/helpers/protocolTap.mjs'),
                CHAMELEON_TAP_LOG: join(sandbox.dir, 'tap.log'),
                CHAMELEON_DATA: sandbox.dataDir,
                CHAMELEON_FOLDER: folder,
                CHAMELEON_BACKEND_CONFIG: sandbox.folder('backend-config'),
                CHAMELEON_NEXTS: '8',
            },
            300_000,
        );
        const counted = result.passed.get('counted');
        if (result.code !== 0 || !counted) throw new Error(`messages per Next: ${result.stderr.slice(-2000)}`);
        const { perNext } = JSON.parse(counted) as { perNext: number[] };
        return figure('protocol messages per Next via the extension (was 9)', 'messages', perNext, { max: 5 });
    } finally {
        sandbox.cleanup();
    }
}

const FOLDERS = 20;
const START = Date.UTC(2025, 0, 1);
const ACCENTS = ['blue', 'teal', 'green', 'yellow', 'orange', 'red', 'pink', 'purple'] as const;

/** `count` synthetic images, a quarter with colour features, in folders of unequal size. */
function populate(dir: string, count: number): SourceRef[] {
    const db = openDatabase(dir);
    const random = seededRandom(count);
    const refs: SourceRef[] = [];
    const insert = db.prepare(
        `INSERT INTO images (path, source_id, size, mtime_ms, width, height, favourite, added_at, lightness,
             temperature, saturation, hue, chroma)
         VALUES (?, ?, 1000000, 0, 3840, 2160, ?, ?, ?, ?, ?, ?, ?)`,
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
            const k = Math.min(FOLDERS - 1, Math.floor(Math.sqrt(random() * FOLDERS * FOLDERS)));
            const analysed = random() < 0.25;
            const f = () => (analysed ? random() : null);
            insert.run(
                `/pictures/folder${k}/${i}.jpg`,
                refs[k]!.id,
                random() < 0.05 ? 1 : 0,
                START - random() * 365 * 86_400_000,
                f(),
                f(),
                f(),
                analysed ? random() * 360 : null,
                f(),
            );
        }
    })();
    db.close();
    return refs;
}

/**
 * Weights computed per change over `count` images: a pick, its show recorded, and (`echo`) the desktop's accent
 * reported as the new wallpaper's, as the extension did with its own write.
 */
function weightsPerChange(dir: string, refs: SourceRef[], echo: boolean): number[] {
    const db = openDatabase(dir);
    const selection = { colourTarget: 'accent' as const, timeOfDay: 'off' as const };
    const index = new SelectionIndex(db, resolveSelectionSettings(selection, { accent: 'slate' }), null);
    index.setSources(refs);
    index.sync(START);
    const mark = db.prepare(`UPDATE images SET times_shown = times_shown + 1, last_shown_at = ? WHERE id = ?`);
    const random = seededRandom(7);
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
        const now = START + (i + 1) * 600_000;
        const before = index.work.weights;
        index.sync(now);
        const picked = index.pick(now, random)!;
        mark.run(now, picked.id);
        if (echo) index.configure(resolveSelectionSettings(selection, { accent: ACCENTS[i % ACCENTS.length] }));
        index.sync(now + 1);
        samples.push(index.work.weights - before);
    }
    db.close();
    return samples;
}

export async function protocolFlowFigures(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'chameleon-bench-flow-'));
    try {
        const refs = populate(dir, 100_000);
        return [
            await messagesPerNext(),
            figure(
                'weights recomputed per change, 100k images, colour target accent',
                'weights',
                weightsPerChange(dir, refs, false),
                { max: 100 },
            ),
            single(
                'weights recomputed per change, 100k, with the accent echoed back (before)',
                'weights',
                Math.min(...weightsPerChange(dir, refs, true)),
            ),
        ];
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
