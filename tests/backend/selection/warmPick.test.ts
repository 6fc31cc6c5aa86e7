// A warm pick on a collection with thousands of images in their cooldown: it reads from the database only what
// changed since the previous pick, and still draws exactly as an index built from scratch at that moment would.
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../backend/src/selection/random.js';
import { SelectionIndex } from '../../../backend/src/selection/selectionIndex.js';
import { resolveSelectionSettings } from '../../../backend/src/selection/settings.js';
import { makeFixture, type FakeImage, type Fixture } from './fixtures.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2025, 5, 1);

/** 3 folders, 6,000 images, 2,400 of them shown within the 7-day cooldown, some favourites, lightness known. */
function collection(): FakeImage[][] {
    const random = seededRandom(7);
    return [2000, 2500, 1500].map((count) =>
        Array.from({ length: count }, () => ({
            favourite: random() < 0.05,
            lightness: random(),
            addedAt: NOW - 400 * DAY,
            lastShownAt:
                random() < 0.4 ? NOW - random() * 7 * DAY : random() < 0.5 ? NOW - (8 + random() * 100) * DAY : null,
        })),
    );
}

/** Counts the rows the index's statements return, by wrapping the real connection's prepared statements. */
function countRows(fixture: Fixture): { rows: number } {
    const counter = { rows: 0 };
    const prepare = fixture.db.prepare.bind(fixture.db);
    // The database reuses a statement for the same SQL: count each one's rows once, however often it is asked for.
    const counted = new WeakSet<object>();
    fixture.db.prepare = ((sql: string) => {
        const statement = prepare(sql);
        if (counted.has(statement)) return statement;
        counted.add(statement);
        const all = statement.all.bind(statement);
        statement.all = ((...args: unknown[]) => {
            const rows = all(...(args as []));
            counter.rows += rows.length;
            return rows;
        }) as typeof statement.all;
        return statement;
    }) as typeof fixture.db.prepare;
    return counter;
}

let fixture: Fixture;
afterEach(() => fixture.close());

describe('a warm pick', () => {
    for (const freshFirst of [true, false]) {
        it(
            `reads only the shows since the previous pick and agrees with a fresh index (freshFirst ` +
                `${freshFirst})`,
            () => {
                const selection = {
                    freshFirst,
                    timeOfDay: 'fixed' as const,
                    colourTarget: 'colour' as const,
                    colour: '#2190a4',
                };
                fixture = makeFixture(collection(), selection);
                const random = seededRandom(1);
                fixture.index.sync(NOW);
                const read = countRows(fixture);
                let at = NOW;
                for (let i = 0; i < 60; i++) {
                    // Two hours apart: over five days, hundreds of images leave their cooldown between picks.
                    at += 2 * HOUR;
                    read.rows = 0;
                    fixture.index.sync(at);
                    // The show just recorded, and the newest read before it (looked at again in case the clock went
                    // back).
                    expect(read.rows).toBeLessThanOrEqual(2);
                    const picked = fixture.index.pick(at, random)!;
                    fixture.markShown(picked.id, at);
                }
                at += 2 * HOUR;
                fixture.index.sync(at);

                const fresh = new SelectionIndex(
                    fixture.db,
                    resolveSelectionSettings({ newImageDays: 0, ...selection }),
                );
                fresh.setSources(fixture.refs);
                fresh.sync(at);
                for (let seed = 0; seed < 40; seed++) {
                    const warm = fixture.index.pick(at, seededRandom(seed))!;
                    const cold = fresh.pick(at, seededRandom(seed))!;
                    expect(warm.id).toBe(cold.id);
                    expect(warm.tier).toBe(cold.tier);
                    expect(warm.probability).toBeCloseTo(cold.probability, 12);
                    expect(warm.candidates).toBe(cold.candidates);
                }
            },
        );
    }

    it('reads shows dated after the clock once, not at every pick (a history from a clock that ran ahead)', () => {
        // 2,000 images shown between one and 30 days after NOW: the clock is behind the history.
        const random = seededRandom(3);
        const images = Array.from({ length: 6000 }, (_, i) => ({
            addedAt: NOW - 400 * DAY,
            lastShownAt: i % 3 === 0 ? NOW + (1 + random() * 29) * DAY : null,
        }));
        fixture = makeFixture([images.slice(0, 4000), images.slice(4000)], { timeOfDay: 'fixed' });
        fixture.index.sync(NOW);
        expect(fixture.index.lastSyncCost.rows).toBe(2000);
        let at = NOW;
        for (let i = 0; i < 30; i++) {
            at += 10 * 60_000;
            fixture.index.sync(at);
            // The show recorded after the previous pick, not the 2,000 dated ahead.
            expect(fixture.index.lastSyncCost.rows).toBe(i === 0 ? 0 : 1);
            const picked = fixture.index.pick(at, random)!;
            fixture.markShown(picked.id, at);
        }
    });

    it('still sees a show recorded while the history is dated ahead of the clock', () => {
        const images = [
            { addedAt: NOW - 400 * DAY, lastShownAt: NOW + 20 * DAY },
            { addedAt: NOW - 400 * DAY },
            { addedAt: NOW - 400 * DAY },
        ];
        fixture = makeFixture([images], { timeOfDay: 'off' });
        fixture.index.sync(NOW);
        const shown = fixture.ids[0]![1]!;
        fixture.markShown(shown, NOW + 60_000);
        // Ten minutes later the image just shown is in its cooldown: only the third one is fresh.
        fixture.index.sync(NOW + 10 * 60_000);
        for (let seed = 0; seed < 20; seed++) {
            const picked = fixture.index.pick(NOW + 10 * 60_000, seededRandom(seed))!;
            expect(picked.id).toBe(fixture.ids[0]![2]);
            expect(picked.tier).toBe('fresh');
        }
    });
});
