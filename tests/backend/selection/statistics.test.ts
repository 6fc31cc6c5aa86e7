// Statistical proof that picks follow the model: fixed seeds, thousands of picks, chi-square at α = 0.001 (a
// correct sampler fails such a test once in a thousand seeds; the seeds are fixed, so the outcome is stable).
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../backend/src/selection/random.js';
import type { PickResult } from '../../../backend/src/selection/selectionIndex.js';
import { DAY_MS } from '../../../backend/src/selection/recency.js';
import { chiSquare, makeFixture, type FakeImage, type Fixture } from './fixtures.js';

const NOW = Date.UTC(2025, 0, 15, 12);
const MINUTE = 60_000;
let fixture: Fixture | null = null;
afterEach(() => {
    fixture?.close();
    fixture = null;
});

const images = (n: number, image: FakeImage = {}) => Array.from({ length: n }, () => ({ ...image }));

/** Picks `count` times at a fixed time without recording shows: the distribution stays the same throughout. */
function staticCounts(f: Fixture, count: number, seed: number): Map<number, number> {
    const random = seededRandom(seed);
    f.index.sync(NOW);
    const counts = new Map<number, number>();
    for (let i = 0; i < count; i++) {
        const picked = f.index.pick(NOW, random)!;
        counts.set(picked.id, (counts.get(picked.id) ?? 0) + 1);
    }
    return counts;
}

describe('Smart Selection statistics', () => {
    it('picks each image with the probability its weight gives it (chi-square, 60 images, 30,000 picks)', () => {
        // Favourites (×3), three folders with weights 1, 2 and 0.5, no cooldown so the distribution is fixed.
        const folders = [images(20), images(30), images(10)].map((list) =>
            list.map((image, i) => ({ ...image, favourite: i % 4 === 0 })),
        );
        fixture = makeFixture(folders, {
            cooldownDays: 0,
            favouriteBoost: 3,
            sourceWeights: { '/pictures/folder0': 1, '/pictures/folder1': 2, '/pictures/folder2': 0.5 },
        });
        const weights = [1, 2, 0.5];
        const expected = new Map<number, number>();
        fixture.ids.forEach((ids, k) => ids.forEach((id, i) => expected.set(id, weights[k]! * (i % 4 === 0 ? 3 : 1))));
        const total = [...expected.values()].reduce((a, b) => a + b, 0);
        const counts = staticCounts(fixture, 30_000, 1);
        const ids = [...expected.keys()];
        const { statistic, critical } = chiSquare(
            ids.map((id) => counts.get(id) ?? 0),
            ids.map((id) => expected.get(id)! / total),
        );
        expect(statistic).toBeLessThan(critical);
        // And the engine's own probability for an image is the model's.
        const picked = fixture.index.pick(NOW, seededRandom(2))!;
        expect(picked.probability).toBeCloseTo(expected.get(picked.id)! / total, 12);
    });

    it('gives favourites the configured boost', () => {
        const list = images(100).map((image, i) => ({ ...image, favourite: i < 20 }));
        fixture = makeFixture([list], { cooldownDays: 0, favouriteBoost: 2.5 });
        const counts = staticCounts(fixture, 40_000, 3);
        const ids = fixture.ids[0]!;
        const mean = (selected: number[]) =>
            selected.reduce((sum, id) => sum + (counts.get(id) ?? 0), 0) / selected.length;
        const ratio = mean(ids.slice(0, 20)) / mean(ids.slice(20));
        expect(ratio).toBeGreaterThan(2.5 * 0.92);
        expect(ratio).toBeLessThan(2.5 * 1.08);
    });

    it('shares picks among folders of very unequal sizes in proportion to images × weight, not equal quotas', () => {
        fixture = makeFixture([images(5), images(50), images(2000)], {
            cooldownDays: 0,
            sourceWeights: { '/pictures/folder2': 0.5 },
        });
        const counts = staticCounts(fixture, 20_000, 4);
        const perFolder = fixture.ids.map((ids) => ids.reduce((sum, id) => sum + (counts.get(id) ?? 0), 0));
        const mass = [5, 50, 1000];
        const total = mass.reduce((a, b) => a + b, 0);
        const { statistic, critical } = chiSquare(
            perFolder,
            mass.map((m) => m / total),
        );
        expect(statistic).toBeLessThan(critical);
        // Variety's equal quotas would give each folder a third.
        expect(perFolder[0]! / 20_000).toBeLessThan(0.01);
    });

    it('gives folders shares by weight alone in "sources" balance mode', () => {
        fixture = makeFixture([images(5), images(50), images(500)], {
            cooldownDays: 0,
            sourceBalance: 'sources',
            sourceWeights: { '/pictures/folder2': 2 },
        });
        const counts = staticCounts(fixture, 12_000, 5);
        const perFolder = fixture.ids.map((ids) => ids.reduce((sum, id) => sum + (counts.get(id) ?? 0), 0));
        const { statistic, critical } = chiSquare(perFolder, [0.25, 0.25, 0.5]);
        expect(statistic).toBeLessThan(critical);
    });

    it('never repeats an image within its cooldown while fresh images remain, then prefers the longest rested', () => {
        // 300 images, a change every 10 minutes, 7-day cooldown (1008 changes): all 300 are shown once before any
        // comes back, and after that the pick leans strongly towards images shown longest ago.
        fixture = makeFixture([images(180), images(120)], { cooldownDays: 7 });
        const random = seededRandom(6);
        const lastShown = new Map<number, number>();
        const restedFractions: number[] = [];
        let current: number | null = null;
        for (let i = 0; i < 1500; i++) {
            const now = NOW + i * 10 * MINUTE;
            fixture.index.sync(now);
            const picked: PickResult = fixture.index.pick(now, random, current)!;
            const before = lastShown.get(picked.id);
            if (i < 300) expect(before).toBeUndefined();
            else {
                expect(picked.tier).toBe('cooling');
                restedFractions.push((now - before!) / (7 * DAY_MS));
            }
            expect(picked.id).not.toBe(current);
            fixture.markShown(picked.id, now);
            lastShown.set(picked.id, now);
            current = picked.id;
        }
        expect(lastShown.size).toBe(300);
        // Uniform picks among the 299 cooling images would bring a third of them back within 100 changes; the
        // sigmoid cooldown brings back under 5 % that soon, and rests the typical image most of a cycle.
        const sorted = [...restedFractions].sort((a, b) => a - b);
        const soon = restedFractions.filter((p) => p < 100 / 1008).length / restedFractions.length;
        expect(soon).toBeLessThan(0.05);
        expect(sorted[Math.floor(sorted.length / 2)]!).toBeGreaterThan(250 / 1008);
    });

    it('respects the cooldown as a weight when fresh images do not come first', () => {
        // freshFirst off: images shown in the last tenth of the cooldown keep under 1 % of the picks combined.
        fixture = makeFixture([images(400)], { cooldownDays: 7, freshFirst: false });
        const random = seededRandom(8);
        const lastShown = new Map<number, number>();
        let recentRepeats = 0;
        const picks = 2000;
        for (let i = 0; i < picks; i++) {
            const now = NOW + i * 10 * MINUTE;
            fixture.index.sync(now);
            const picked = fixture.index.pick(now, random)!;
            const before = lastShown.get(picked.id);
            if (before !== undefined && now - before < 0.1 * 7 * DAY_MS) recentRepeats++;
            fixture.markShown(picked.id, now);
            lastShown.set(picked.id, now);
        }
        expect(recentRepeats / picks).toBeLessThan(0.01);
    });

    it('leaves banned-like exclusions, filters and zero-weight folders out entirely', () => {
        fixture = makeFixture(
            [
                [{ width: 640, height: 480 }, { width: 1080, height: 1920 }, { lightness: 0.95 }, {}],
                [{}, {}],
            ],
            { cooldownDays: 0, orientation: 'landscape', maxLightness: 0.9, sourceWeights: { '/pictures/folder1': 0 } },
            { monitor: { width: 1920, height: 1080 } },
        );
        const counts = staticCounts(fixture, 500, 9);
        expect([...counts.keys()]).toEqual([fixture.ids[0]![3]]);
    });

    it('prefers images matching the time of day by the configured strength', () => {
        const list = [...images(50, { lightness: 0.2 }), ...images(50, { lightness: 0.85 })];
        fixture = makeFixture(
            [list],
            { cooldownDays: 0, timeOfDay: 'system', timeStrength: 4 },
            { colorScheme: 'prefer-dark' },
        );
        const counts = staticCounts(fixture, 20_000, 10);
        const dark = fixture.ids[0]!.slice(0, 50).reduce((sum, id) => sum + (counts.get(id) ?? 0), 0);
        expect(dark / 20_000).toBeGreaterThan(0.7);
    });
});
