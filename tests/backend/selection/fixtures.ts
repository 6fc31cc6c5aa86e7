// A database filled with synthetic image rows (no files), and the selection index over it: enough to run
// thousands of picks in a second and compare what comes up with what the model says should.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../backend/src/db/database.js';
import type { DesktopStateJson, SelectionConfigJson } from '../../../backend/src/protocol/messages.js';
import { SelectionIndex, type SourceRef } from '../../../backend/src/selection/selectionIndex.js';
import { resolveSelectionSettings } from '../../../backend/src/selection/settings.js';

export interface FakeImage {
    favourite?: boolean;
    width?: number;
    height?: number;
    addedAt?: number;
    lastShownAt?: number | null;
    lightness?: number | null;
}

export interface Fixture {
    db: Db;
    refs: SourceRef[];
    /** Image ids per folder, in insertion order. */
    ids: number[][];
    index: SelectionIndex;
    /** What the pipeline does after a pick reached the desktop. */
    markShown(id: number, at: number): void;
    close(): void;
}

/** `folders[k]` lists the images of folder k. Images default to old (not new), unshown, 1920×1080, unanalysed. */
export function makeFixture(
    folders: FakeImage[][],
    selection: SelectionConfigJson = {},
    desktop: DesktopStateJson = {},
): Fixture {
    const dir = mkdtempSync(join(tmpdir(), 'chameleon-selection-'));
    const db = openDatabase(dir);
    const refs: SourceRef[] = [];
    const ids: number[][] = [];
    const insert = db.prepare(
        `INSERT INTO images (path, source_id, size, mtime_ms, width, height, favourite, added_at, last_shown_at,
                             times_shown, lightness, temperature, saturation, hue, chroma)
         VALUES (?, ?, 1, 0, ?, ?, ?, ?, ?, ?, ?, 0, 0.5, 0, 0)`,
    );
    db.transaction(() => {
        folders.forEach((images, k) => {
            const location = `/pictures/folder${k}`;
            const id = Number(db.prepare(`INSERT INTO sources (location) VALUES (?)`).run(location).lastInsertRowid);
            refs.push({ id, location });
            ids.push(
                images.map((image, i) =>
                    Number(
                        insert.run(
                            `${location}/${i}.jpg`,
                            id,
                            image.width ?? 1920,
                            image.height ?? 1080,
                            image.favourite ? 1 : 0,
                            image.addedAt ?? 0,
                            image.lastShownAt ?? null,
                            image.lastShownAt ? 1 : 0,
                            image.lightness ?? null,
                        ).lastInsertRowid,
                    ),
                ),
            );
        });
    })();
    const index = new SelectionIndex(db, resolveSelectionSettings({ newImageDays: 0, ...selection }, desktop));
    index.setSources(refs);
    const mark = db.prepare(`UPDATE images SET times_shown = times_shown + 1, last_shown_at = ? WHERE id = ?`);
    return {
        db,
        refs,
        ids,
        index,
        markShown: (id, at) => mark.run(at, id),
        close() {
            db.close();
            rmSync(dir, { recursive: true, force: true });
        },
    };
}

/**
 * Pearson's chi-square statistic of observed counts against expected probabilities, and the critical value at
 * significance `alpha` for its degrees of freedom (Wilson–Hilferty approximation, accurate to a fraction of a
 * percent for the df used here).
 */
export function chiSquare(
    observed: readonly number[],
    probabilities: readonly number[],
    alpha: 0.001 | 0.01 = 0.001,
): { statistic: number; critical: number } {
    const n = observed.reduce((a, b) => a + b, 0);
    let statistic = 0;
    observed.forEach((o, i) => {
        const e = n * probabilities[i]!;
        statistic += ((o - e) * (o - e)) / e;
    });
    const df = observed.length - 1;
    const z = alpha === 0.001 ? 3.0902 : 2.3263;
    const critical = df * Math.pow(1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df)), 3);
    return { statistic, critical };
}
