import { describe, expect, it } from 'vitest';
import type { ImageRow } from '../../../backend/src/db/images.js';
import { orientationOf, pickPerTarget, suitability, type Picker } from '../../../backend/src/compose/monitorPicks.js';

describe('per-monitor picks', () => {
    it('scores orientation and resolution against the monitor', () => {
        expect(orientationOf({ width: 1000, height: 1050 })).toBe('square');
        expect(suitability({ width: 2160, height: 3840 }, { width: 1080, height: 1920 })).toBe(1);
        // Sharp enough, but the wrong way round: orientation scores nothing.
        expect(suitability({ width: 3840, height: 2160 }, { width: 1080, height: 1920 })).toBe(0.5);
        expect(suitability({ width: 1280, height: 720 }, { width: 1920, height: 1080 })).toBeCloseTo(0.85);
        expect(suitability({ width: 640, height: 360 }, { width: 3840, height: 2160 })).toBe(0.5);
    });

    it('gives each monitor a picture of its own when the collection has enough', async () => {
        const rows = [
            { id: 1, width: 1920, height: 1080 },
            { id: 2, width: 1080, height: 1920 },
            { id: 3, width: 1920, height: 1080 },
        ] as ImageRow[];
        let draw = 0;
        // A picker that offers the pictures in turn and, like Collection.pick, keeps the first that scores 1.
        const pick: Picker = async (_exclude, prefer) => {
            let best: ImageRow | null = null;
            for (let i = 0; i < prefer.draws; i++) {
                const row = rows[draw++ % rows.length]!;
                if (!best || prefer.score(row) > prefer.score(best)) best = row;
                if (prefer.score(row) >= 1) return row;
            }
            return best!;
        };
        const chosen = await pickPerTarget(
            [
                { width: 1920, height: 1080 },
                { width: 1080, height: 1920 },
                { width: 1920, height: 1080 },
            ],
            pick,
            null,
        );
        expect(chosen.map((r) => r.id)).toEqual([1, 2, 3]);
    });
});
