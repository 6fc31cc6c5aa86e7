import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { accentNameForOklch, SLATE_CHROMA } from '../../../backend/src/colour/accentName.js';
import { colourAffinityFactor, colourDistance, oklabOfHex } from '../../../backend/src/selection/colourAffinity.js';
import { hueFamily, lightnessBucket } from '../../../backend/src/selection/families.js';
import { featuresOfPixels } from '../../../backend/src/selection/features.js';
import { exclusionOf, type FilterSettings } from '../../../backend/src/selection/filters.js';
import { favouriteFactor } from '../../../backend/src/selection/favourite.js';
import { noveltyFactor } from '../../../backend/src/selection/novelty.js';
import { seededRandom } from '../../../backend/src/selection/random.js';
import { DAY_MS, recencyFactor } from '../../../backend/src/selection/recency.js';
import { FenwickTree } from '../../../backend/src/selection/sampler.js';
import { resolveSelectionSettings } from '../../../backend/src/selection/settings.js';
import { SELECTION_KEYS } from '../../../backend/src/selection/settingsKeys.js';
import { sourceBalanceFactor } from '../../../backend/src/selection/sourceBalance.js';
import { isDaylight, sunTimes } from '../../../backend/src/selection/sun.js';
import {
    parseClock,
    timeAffinityFactor,
    timeTarget,
    TIME_PRESETS,
    type TimeOfDaySettings,
} from '../../../backend/src/selection/timeOfDay.js';
import { encodeTrashPath } from '../../../backend/src/trash/freedesktopTrash.js';

describe('recency', () => {
    it('is 1 when never shown, past the cooldown, or with no cooldown', () => {
        expect(recencyFactor(null, 7 * DAY_MS, 'sigmoid')).toBe(1);
        expect(recencyFactor(8 * DAY_MS, 7 * DAY_MS, 'sigmoid')).toBe(1);
        expect(recencyFactor(0, 0, 'step')).toBe(1);
    });
    it('runs from 0 to 1 over the cooldown on each curve, monotonically', () => {
        for (const curve of ['sigmoid', 'linear', 'step'] as const) {
            expect(recencyFactor(0, DAY_MS, curve)).toBe(0);
            let last = -1;
            for (let p = 0; p <= 1; p += 0.05) {
                const r = recencyFactor(p * DAY_MS, DAY_MS, curve);
                expect(r).toBeGreaterThanOrEqual(last);
                expect(r).toBeLessThanOrEqual(1);
                last = r;
            }
        }
        expect(recencyFactor(0.5 * DAY_MS, DAY_MS, 'sigmoid')).toBeCloseTo(0.5, 6);
        expect(recencyFactor(0.25 * DAY_MS, DAY_MS, 'linear')).toBeCloseTo(0.25, 9);
        expect(recencyFactor(0.99 * DAY_MS, DAY_MS, 'step')).toBe(0);
    });
});

describe('favourite, novelty, source balance', () => {
    it('boosts favourites by the configured factor', () => {
        expect(favouriteFactor(true, 3)).toBe(3);
        expect(favouriteFactor(false, 3)).toBe(1);
    });
    it('boosts images added recently and not shown yet', () => {
        const now = 100 * DAY_MS;
        expect(noveltyFactor(now - DAY_MS, false, now, 7, 1.5)).toBe(1.5);
        expect(noveltyFactor(now - DAY_MS, true, now, 7, 1.5)).toBe(1);
        expect(noveltyFactor(now - 8 * DAY_MS, false, now, 7, 1.5)).toBe(1);
        expect(noveltyFactor(now, false, now, 0, 1.5)).toBe(1);
    });
    it('keeps per-image shares by default and equalises folders in "sources" mode', () => {
        expect(sourceBalanceFactor(2, 'images', 10, 100)).toBe(2);
        // 'sources': a folder's total (factor × size) is weight × mean, whatever its size.
        expect(sourceBalanceFactor(2, 'sources', 10, 100) * 10).toBeCloseTo(200);
        expect(sourceBalanceFactor(2, 'sources', 1000, 100) * 1000).toBeCloseTo(200);
    });
});

describe('colour affinity', () => {
    const blue = oklabOfHex('#3584e4');
    it('scores images near the target above neutral and far ones below, with strength as the odds ratio', () => {
        const near = colourAffinityFactor(0.6, 255, 0.15, blue, 4);
        const far = colourAffinityFactor(0.6, 40, 0.2, blue, 4);
        expect(near).toBeGreaterThan(1);
        expect(far).toBeLessThan(1);
        expect(near).toBeLessThanOrEqual(2);
        expect(far).toBeGreaterThanOrEqual(0.5);
        expect(
            colourDistance(blue.l, (Math.atan2(blue.b, blue.a) * 180) / Math.PI, Math.hypot(blue.a, blue.b), blue),
        ).toBeCloseTo(0, 6);
    });
    it('is neutral for images not analysed yet, without a target, or at strength 1', () => {
        expect(colourAffinityFactor(NaN, NaN, NaN, blue, 4)).toBe(1);
        expect(colourAffinityFactor(0.5, 10, 0.1, null, 4)).toBe(1);
        expect(colourAffinityFactor(0.5, 10, 0.1, blue, 1)).toBe(1);
    });
});

describe('sun', () => {
    const minutes = (d: Date | null) => (d ? d.getUTCHours() * 60 + d.getUTCMinutes() : NaN);
    it('matches published sunrise and sunset within a few minutes', () => {
        // Berlin, 21 June 2024: 04:43 and 21:33 CEST (02:43 and 19:33 UTC).
        const berlin = sunTimes(new Date(Date.UTC(2024, 5, 21, 12)), 52.52, 13.405);
        expect(Math.abs(minutes(berlin.sunrise) - (2 * 60 + 43))).toBeLessThanOrEqual(4);
        expect(Math.abs(minutes(berlin.sunset) - (19 * 60 + 33))).toBeLessThanOrEqual(4);
        // London, 21 December 2024: 08:04 and 15:53 GMT.
        const london = sunTimes(new Date(Date.UTC(2024, 11, 21, 12)), 51.5074, -0.1278);
        expect(Math.abs(minutes(london.sunrise) - (8 * 60 + 4))).toBeLessThanOrEqual(4);
        expect(Math.abs(minutes(london.sunset) - (15 * 60 + 53))).toBeLessThanOrEqual(4);
    });
    it('knows polar night and midnight sun', () => {
        expect(sunTimes(new Date(Date.UTC(2024, 11, 21, 12)), 78.2, 15.6).polar).toBe('night');
        expect(sunTimes(new Date(Date.UTC(2024, 5, 21, 12)), 78.2, 15.6).polar).toBe('day');
        expect(isDaylight(new Date(Date.UTC(2024, 5, 21, 0)), 78.2, 15.6)).toBe(true);
    });
    it('gets a Californian summer evening right although it is already the next day in UTC', () => {
        // Los Angeles, 21 June 2024, 19:00 PDT = 02:00 UTC on the 22nd; sunset is at 20:08 PDT.
        expect(isDaylight(new Date(Date.UTC(2024, 5, 22, 2)), 34.05, -118.24)).toBe(true);
        expect(isDaylight(new Date(Date.UTC(2024, 5, 22, 4)), 34.05, -118.24)).toBe(false);
    });
});

describe('time of day', () => {
    const settings: TimeOfDaySettings = {
        mode: 'fixed',
        dayStart: parseClock('07:00'),
        nightStart: parseClock('19:00'),
        latitude: null,
        longitude: null,
        dayPreset: 'neutral_day',
        nightPreset: 'cozy_night',
        darkPreset: 'dark_mode',
    };
    it('uses fixed hours in local time, and wraps around midnight', () => {
        expect(timeTarget(settings, new Date(2024, 5, 21, 12, 0), null)?.period).toBe('day');
        expect(timeTarget(settings, new Date(2024, 5, 21, 6, 59), null)?.period).toBe('night');
        const owl = { ...settings, dayStart: parseClock('22:00'), nightStart: parseClock('06:00') };
        expect(timeTarget(owl, new Date(2024, 5, 21, 23, 0), null)?.period).toBe('day');
        expect(timeTarget(owl, new Date(2024, 5, 21, 12, 0), null)?.period).toBe('night');
        expect(() => parseClock('25:00')).toThrow(/HH:MM/);
    });
    it('follows the desktop dark style in system mode, and is off without one', () => {
        const system = { ...settings, mode: 'system' as const };
        expect(timeTarget(system, new Date(), true)?.preset).toBe('dark_mode');
        expect(timeTarget(system, new Date(), false)?.preset).toBe('neutral_day');
        expect(timeTarget(system, new Date(), null)).toBeNull();
        expect(timeTarget({ ...settings, mode: 'off' }, new Date(), true)).toBeNull();
    });
    it('falls back to fixed hours in sun mode without a place', () => {
        expect(timeTarget({ ...settings, mode: 'sun' }, new Date(2024, 5, 21, 12), null)?.reason).toMatch(
            /day 07:00–19:00/,
        );
        expect(
            timeTarget({ ...settings, mode: 'sun', latitude: 52.52, longitude: 13.4 }, new Date(), null)?.reason,
        ).toMatch(/sun is/);
    });
    it('prefers dark images at night and bright ones by day', () => {
        const night = {
            ...TIME_PRESETS.cozy_night,
            period: 'night' as const,
            preset: 'cozy_night' as const,
            reason: '',
        };
        const day = { ...TIME_PRESETS.bright_day, period: 'day' as const, preset: 'bright_day' as const, reason: '' };
        expect(timeAffinityFactor(0.25, 0.3, 0.4, night, 4)).toBeGreaterThan(
            timeAffinityFactor(0.8, 0.3, 0.4, night, 4),
        );
        expect(timeAffinityFactor(0.75, 0.3, 0.6, day, 4)).toBeGreaterThan(timeAffinityFactor(0.2, 0.3, 0.6, day, 4));
        expect(timeAffinityFactor(NaN, NaN, NaN, night, 4)).toBe(1);
    });
});

describe('filters', () => {
    const base: FilterSettings = {
        minSizePercent: 50,
        monitor: { width: 3840, height: 2160 },
        orientation: 'any',
        minLightness: 0,
        maxLightness: 1,
    };
    it('leaves out images too small for the monitor, the wrong way round, or too dark or light', () => {
        expect(exclusionOf({ width: 1920, height: 1080, lightness: 0.5 }, base)).toBeNull();
        expect(exclusionOf({ width: 1280, height: 720, lightness: 0.5 }, base)?.kind).toBe('tooSmall');
        expect(exclusionOf({ width: 1280, height: 720, lightness: 0.5 }, { ...base, monitor: null })).toBeNull();
        expect(
            exclusionOf({ width: 2160, height: 3840, lightness: 0.5 }, { ...base, orientation: 'landscape' })?.kind,
        ).toBe('orientation');
        expect(
            exclusionOf({ width: 3840, height: 2160, lightness: 0.5 }, { ...base, orientation: 'portrait' })?.kind,
        ).toBe('orientation');
        expect(exclusionOf({ width: 3840, height: 2160, lightness: 0.9 }, { ...base, maxLightness: 0.8 })?.kind).toBe(
            'lightness',
        );
        expect(exclusionOf({ width: 3840, height: 2160, lightness: NaN }, { ...base, maxLightness: 0.8 })).toBeNull();
    });
});

describe('colour features and stats buckets', () => {
    it('measures lightness, warmth, saturation and hue of pixels', () => {
        const solid = (r: number, g: number, b: number) =>
            new Uint8Array(Array.from({ length: 16 }, () => [r, g, b]).flat());
        const orange = featuresOfPixels(solid(237, 91, 0), 3);
        const blue = featuresOfPixels(solid(30, 80, 220), 3);
        const grey = featuresOfPixels(solid(128, 128, 128), 3);
        expect(orange.temperature).toBeGreaterThan(0.5);
        expect(blue.temperature).toBeLessThan(-0.5);
        expect(grey.saturation).toBeLessThan(0.01);
        expect(hueFamily(orange.hue, orange.chroma)).toBe('orange');
        expect(hueFamily(blue.hue, blue.chroma)).toBe('blue');
        expect(hueFamily(grey.hue, grey.chroma)).toBe('grey');
        expect(lightnessBucket(featuresOfPixels(solid(20, 20, 20), 3).lightness)).toBe('dark');
        expect(lightnessBucket(featuresOfPixels(solid(240, 240, 240), 3).lightness)).toBe('light');
        expect(lightnessBucket(NaN)).toBe('unknown');
    });
});

describe('hue families', () => {
    it('end teal where GNOME does: a picture at hue 228 counts as teal in stats and gets the teal accent', () => {
        expect(hueFamily(228, 0.1)).toBe('teal');
        expect(accentNameForOklch(0.1, 228)).toBe('teal');
        expect(hueFamily(231, 0.1)).toBe('blue');
    });

    it('name every coloured hue as the accent GNOME would give that colour', () => {
        fc.assert(
            fc.property(
                fc.double({ min: 0, max: 360, noNaN: true }),
                fc.double({ min: SLATE_CHROMA, max: 0.4, noNaN: true }),
                (hue, chroma) => {
                    expect(hueFamily(hue, chroma)).toBe(accentNameForOklch(chroma, hue));
                },
            ),
        );
    });
});

describe('Fenwick sampler', () => {
    it('agrees with naive prefix sums and finds the slot a running sum crosses, through many updates', () => {
        const random = seededRandom(7);
        const tree = new FenwickTree(257);
        const naive = new Float64Array(257);
        for (let round = 0; round < 5000; round++) {
            const i = Math.floor(random() * 257);
            const v = random() < 0.2 ? 0 : random() * 10;
            tree.set(i, v);
            naive[i] = v;
        }
        let sum = 0;
        for (let i = 0; i < 257; i++) {
            expect(tree.prefix(i)).toBeCloseTo(sum, 6);
            sum += naive[i]!;
        }
        for (let k = 0; k < 200; k++) {
            const target = random() * sum;
            let running = 0;
            let expected = 0;
            while (running + naive[expected]! <= target) running += naive[expected++]!;
            expect(tree.find(target)).toBe(expected);
        }
        expect(tree.positive).toBe([...naive].filter((v) => v > 0).length);
    });
});

describe('settings', () => {
    it('fills defaults and maps GSettings keys onto selection settings', () => {
        const s = resolveSelectionSettings();
        expect(s.cooldownMs).toBe(7 * DAY_MS);
        expect(s.orientation).toBe('any');
        expect(s.favouriteBoost).toBe(2);
        const config = {};
        SELECTION_KEYS['selection-cooldown-days']!.apply(config, 3 as never);
        SELECTION_KEYS['selection-source-weights']!.apply(config, { '/a': 2 } as never);
        SELECTION_KEYS['selection-location']!.apply(config, [52.5, 13.4] as never);
        expect(config).toEqual({
            selection: { cooldownDays: 3, sourceWeights: { '/a': 2 }, latitude: 52.5, longitude: 13.4 },
        });
        expect(SELECTION_KEYS['selection-decay']!.value.safeParse('cubic').success).toBe(false);
        expect(resolveSelectionSettings({ colourTarget: 'accent' }, { accent: 'teal' }).colourDescription).toMatch(
            /teal/,
        );
    });
});

describe('trash paths', () => {
    it('percent-encodes everything but unreserved characters and slashes', () => {
        expect(encodeTrashPath("/home/u/it's 100% ünï #1.jpg")).toBe(
            '/home/u/it%27s%20100%25%20%C3%BCn%C3%AF%20%231.jpg',
        );
        expect(decodeURIComponent(encodeTrashPath('/a b/c\nd'))).toBe('/a b/c\nd');
    });
});
