// Indexing figures: a cold index of 10k image files (headers only), a rescan of 100k unchanged entries, and
// palette extraction throughput on 4K JPEGs against sharp's decode-only throughput.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../backend/src/db/database.js';
import { SourceStore } from '../../backend/src/db/sources.js';
import { indexFolder } from '../../backend/src/scan/indexer.js';
import { decodeThumbnail } from '../../backend/src/palette/extractPalette.js';
import { BuiltinExtractor } from '../../backend/src/palette/extractor.js';
import { writeGradient, writeNoise } from '../helpers/images.js';
import { figure, single, timeRuns, type Figure } from './measure.js';

async function coldIndex(dir: string): Promise<Figure> {
    const folder = join(dir, 'cold');
    // 10,000 full-HD JPEGs in 100 folders: eight distinct images, copied (headers cost the same either way).
    const bases: string[] = [];
    for (let i = 0; i < 8; i++) {
        bases.push(
            await writeGradient(join(dir, `base-${i}.jpg`), {
                width: 1920,
                height: 1080,
                from: `#${(0x204060 + i * 0x151515).toString(16)}`,
                to: '#f0e0d0',
            }),
        );
    }
    for (let d = 0; d < 100; d++) {
        mkdirSync(join(folder, `set-${d}`), { recursive: true });
        for (let f = 0; f < 100; f++) copyFileSync(bases[(d + f) % 8]!, join(folder, `set-${d}`, `img-${f}.jpg`));
    }
    const db = openDatabase(join(dir, 'db-cold'));
    const started = performance.now();
    const scan = await indexFolder(db, folder);
    const seconds = (performance.now() - started) / 1000;
    db.close();
    if (scan.total !== 10_000) throw new Error(`expected 10,000 images, indexed ${scan.total}`);
    return single('cold index, 10k full-HD JPEGs (headers only)', 'files/s', 10_000 / seconds, { min: 1000 });
}

async function unchangedRescan(dir: string): Promise<Figure> {
    const folder = join(dir, 'big');
    const db = openDatabase(join(dir, 'db-big'));
    const sourceId = new SourceStore(db).ensureFolder(folder);
    const insert = db.prepare(
        `INSERT INTO images (path, source_id, size, mtime_ms, width, height, format, added_at) ` +
            `VALUES (?, ?, ?, ?, 1920, 1080, 'jpeg', 0)`,
    );
    // 100,000 entries already in the index, matching the files on disk: what a rescan of a big, unchanged
    // collection meets. (Files are tiny: an unchanged rescan must not read them anyway.)
    db.transaction(() => {
        for (let d = 0; d < 500; d++) {
            mkdirSync(join(folder, `d${d}`), { recursive: true });
            for (let f = 0; f < 200; f++) {
                const path = join(folder, `d${d}`, `p${f}.jpg`);
                writeFileSync(path, 'x');
                const info = statSync(path);
                insert.run(path, sourceId, info.size, Math.trunc(info.mtimeMs));
            }
        }
    })();
    const samples = await timeRuns(
        5,
        async () => {
            const scan = await indexFolder(db, folder);
            if (scan.added + scan.changed + scan.removed !== 0)
                throw new Error(`the rescan saw changes: ${JSON.stringify(scan)}`);
        },
        1,
    );
    db.close();
    return figure('rescan, 100k unchanged entries', 'ms', samples, { max: 2000 });
}

async function extractionThroughput(dir: string): Promise<Figure[]> {
    const photos: string[] = [];
    for (let i = 0; i < 8; i++)
        photos.push(
            await writeNoise(join(dir, `photo-${i}.jpg`), {
                width: 3840,
                height: 2160,
                base: '#6a8caf',
                amplitude: 18,
                seed: i + 1,
            }),
        );
    const workerUrl = new URL('../backend/paletteWorker.js', import.meta.url);
    const extractor = new BuiltinExtractor({ workerUrl });
    await extractor.extract(photos[0]!);
    const rounds = 3;
    let started = performance.now();
    for (let r = 0; r < rounds; r++) await Promise.all(photos.map((p) => extractor.extract(p)));
    const extractRate = (rounds * photos.length) / ((performance.now() - started) / 1000);
    await extractor.close();
    await decodeThumbnail(photos[0]!);
    started = performance.now();
    for (let r = 0; r < rounds; r++) await Promise.all(photos.map((p) => decodeThumbnail(p)));
    const decodeRate = (rounds * photos.length) / ((performance.now() - started) / 1000);
    return [
        single(`palette extraction, 4K JPEGs (${cpus().length} cores)`, 'images/s', extractRate),
        single('sharp decode only, same images', 'images/s', decodeRate),
        single('extraction ÷ decode-only throughput', 'ratio', extractRate / decodeRate, { min: 0.8 }),
    ];
}

export async function indexingFigures(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'chameleon-bench-index-'));
    try {
        return [await coldIndex(dir), await unchangedRescan(dir), ...(await extractionThroughput(dir))];
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
