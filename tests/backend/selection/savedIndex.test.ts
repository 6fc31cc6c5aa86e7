// The selection index saved beside the database: a start takes it instead of reading every row, only while the
// images are as they were when it was saved, and draws exactly as an index read from the table would.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../backend/src/selection/random.js';
import { SelectionIndex } from '../../../backend/src/selection/selectionIndex.js';
import { resolveSelectionSettings } from '../../../backend/src/selection/settings.js';
import { makeFixture, type FakeImage, type Fixture } from './fixtures.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2025, 5, 1);
const SELECTION = { timeOfDay: 'fixed' as const, colourTarget: 'colour' as const, colour: '#2190a4', newImageDays: 3 };

function collection(): FakeImage[][] {
    const random = seededRandom(11);
    return [1500, 900, 600].map((count) =>
        Array.from({ length: count }, () => ({
            favourite: random() < 0.05,
            lightness: random() < 0.7 ? random() : null,
            // A few images added lately: new-image boosts that end while no backend runs.
            addedAt: random() < 0.05 ? NOW - random() * 3 * DAY : NOW - 400 * DAY,
            lastShownAt: random() < 0.3 ? NOW - random() * 7 * DAY : null,
        })),
    );
}

/** The SQL of every statement the index prepares from now on. */
function recordStatements(fixture: Fixture): string[] {
    const seen: string[] = [];
    const prepare = fixture.db.prepare.bind(fixture.db);
    fixture.db.prepare = ((sql: string) => {
        seen.push(sql);
        return prepare(sql);
    }) as typeof fixture.db.prepare;
    return seen;
}

const readsEveryRow = (statements: string[]) => statements.some((sql) => /ORDER BY source_id, id/.test(sql));

/** An index over the same database as a new process would make it, saving or not. */
function startIndex(fixture: Fixture, saving = true): SelectionIndex {
    const index = saving
        ? new SelectionIndex(fixture.db, resolveSelectionSettings(SELECTION))
        : new SelectionIndex(fixture.db, resolveSelectionSettings(SELECTION), null);
    index.setSources(fixture.refs);
    return index;
}

function expectSameDraws(a: SelectionIndex, b: SelectionIndex, at: number): void {
    a.sync(at);
    b.sync(at);
    for (let seed = 0; seed < 40; seed++) {
        const x = a.pick(at, seededRandom(seed))!;
        const y = b.pick(at, seededRandom(seed))!;
        expect(x.id).toBe(y.id);
        expect(x.probability).toBeCloseTo(y.probability, 12);
        expect(x.candidates).toBe(y.candidates);
    }
}

let fixture: Fixture;
afterEach(() => fixture.close());

describe('the saved selection index', () => {
    it('is taken at the next start, with the shows recorded since, and agrees with one read from the table', () => {
        fixture = makeFixture(collection(), SELECTION);
        const first = startIndex(fixture);
        first.sync(NOW);
        expect(existsSync(`${fixture.db.name}.selection-index`)).toBe(true);
        let at = NOW;
        for (let i = 0; i < 30; i++) {
            at += 3 * HOUR;
            first.sync(at);
            fixture.markShown(first.pick(at, seededRandom(i))!.id, at);
        }

        // Four days later, a new backend: some new-image boosts have ended meanwhile.
        at += 4 * DAY;
        const statements = recordStatements(fixture);
        const restarted = startIndex(fixture);
        restarted.sync(at);
        expect(readsEveryRow(statements)).toBe(false);
        expectSameDraws(restarted, startIndex(fixture, false), at);
    });

    it('is not taken once an image changed, was added or removed; nor when damaged', () => {
        fixture = makeFixture(collection(), SELECTION);
        startIndex(fixture).sync(NOW);
        const path = `${fixture.db.name}.selection-index`;
        const statements = recordStatements(fixture);

        fixture.db.prepare(`UPDATE images SET favourite = 1 - favourite WHERE id = ?`).run(fixture.ids[1]![5]);
        const afterFavourite = startIndex(fixture);
        afterFavourite.sync(NOW + HOUR);
        expect(readsEveryRow(statements)).toBe(true);
        expectSameDraws(afterFavourite, startIndex(fixture, false), NOW + HOUR);

        statements.length = 0;
        fixture.db.prepare(`DELETE FROM images WHERE id = ?`).run(fixture.ids[0]![0]);
        const afterRemoval = startIndex(fixture);
        afterRemoval.sync(NOW + 2 * HOUR);
        expect(readsEveryRow(statements)).toBe(true);
        expectSameDraws(afterRemoval, startIndex(fixture, false), NOW + 2 * HOUR);

        // Saved again by the last start: now cut in half, as a full disk or a crash mid-write could leave it.
        statements.length = 0;
        writeFileSync(path, readFileSync(path).subarray(0, 5000));
        const afterDamage = startIndex(fixture);
        afterDamage.sync(NOW + 3 * HOUR);
        expect(readsEveryRow(statements)).toBe(true);
        expectSameDraws(afterDamage, startIndex(fixture, false), NOW + 3 * HOUR);
    });
});
