import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
    placement,
    smartMode,
    tileOrigins,
    visiblePart,
    type DisplayMode,
} from '../../../backend/src/compose/displayModes.js';
import { singleFill } from '../../../backend/src/compose/singlePicture.js';

const region = { width: 1920, height: 1080 };

describe('display modes', () => {
    it('zoom covers the region and crops the overflow evenly', () => {
        const p = placement('zoom', { width: 1000, height: 1000 }, region);
        expect(p.draw).toEqual({ left: 0, top: -420, width: 1920, height: 1920 });
        expect(visiblePart(p.draw, region)).toEqual({
            source: { left: 0, top: 420, width: 1920, height: 1080 },
            at: { left: 0, top: 0 },
        });
        expect(p.blurredBackground).toBe(false);
    });

    it('fit shows the whole picture, centred, over a blurred copy', () => {
        const p = placement('fit', { width: 1080, height: 1920 }, region);
        expect(p.draw).toEqual({ left: 656, top: 0, width: 608, height: 1080 });
        expect(p.blurredBackground).toBe(true);
        // A picture of the region's shape needs no background.
        expect(placement('fit', { width: 3840, height: 2160 }, region).blurredBackground).toBe(false);
    });

    it('centre keeps the picture at its own size; a larger one is cropped around its centre', () => {
        expect(placement('center', { width: 800, height: 600 }, region).draw).toEqual({
            left: 560,
            top: 240,
            width: 800,
            height: 600,
        });
        const big = placement('center', { width: 4000, height: 3000 }, region);
        expect(big.draw).toEqual({ left: -1040, top: -960, width: 4000, height: 3000 });
        expect(big.blurredBackground).toBe(false);
    });

    it('tile starts from a tile centred in the region, as GNOME does, and covers it', () => {
        const p = placement('tile', { width: 100, height: 100 }, region);
        expect(p.repeat).toBe(true);
        // Centred tile at (910, 490); the first tile left/above of the region's origin.
        expect(p.draw).toEqual({ left: -90, top: -10, width: 100, height: 100 });
        const origins = tileOrigins(p.draw, region);
        expect(origins).toHaveLength(21 * 11);
        expect(origins).toContainEqual({ left: 910, top: 490 });
    });

    it('smart: tile for patterns, centre for small pictures, zoom for a similar shape, fit for a different one', () => {
        expect(smartMode({ width: 64, height: 64 }, region)).toBe('tile');
        expect(smartMode({ width: 800, height: 500 }, region)).toBe('center');
        expect(smartMode({ width: 3840, height: 2160 }, region)).toBe('zoom');
        expect(smartMode({ width: 1600, height: 1200 }, region)).toBe('zoom');
        expect(smartMode({ width: 2160, height: 3840 }, region)).toBe('fit');
        expect(smartMode({ width: 2160, height: 3840 }, { width: 1080, height: 1920 })).toBe('zoom');
        expect(smartMode({ width: 5760, height: 1080 }, region)).toBe('fit');
    });

    it('every mode draws inside-out consistently: the visible part lies within both the picture and the region', () => {
        const size = fc.record({ width: fc.integer({ min: 1, max: 5000 }), height: fc.integer({ min: 1, max: 5000 }) });
        fc.assert(
            fc.property(
                fc.constantFrom<DisplayMode>('zoom', 'fit', 'center', 'tile', 'smart'),
                size,
                size,
                (mode, image, target) => {
                    const p = placement(mode, image, target);
                    const visible = visiblePart(p.draw, target);
                    if (p.mode === 'zoom') {
                        // Covers the region entirely, at one scale for both directions (to within a pixel).
                        expect(visible?.source.width).toBe(target.width);
                        expect(visible?.source.height).toBe(target.height);
                        const s = Math.max(target.width / image.width, target.height / image.height);
                        expect(Math.abs(p.draw.width - image.width * s)).toBeLessThan(1);
                        expect(Math.abs(p.draw.height - image.height * s)).toBeLessThan(1);
                    }
                    if (p.mode === 'fit') {
                        expect(p.draw.left).toBeGreaterThanOrEqual(0);
                        expect(p.draw.top).toBeGreaterThanOrEqual(0);
                        expect(p.draw.left + p.draw.width).toBeLessThanOrEqual(target.width);
                        expect(p.draw.top + p.draw.height).toBeLessThanOrEqual(target.height);
                    }
                    if (p.mode === 'tile') {
                        expect(p.draw.left).toBeLessThanOrEqual(0);
                        expect(p.draw.top).toBeLessThanOrEqual(0);
                        expect(p.draw.left + p.draw.width).toBeGreaterThan(0);
                    }
                    if (visible) {
                        expect(visible.source.left + visible.source.width).toBeLessThanOrEqual(p.draw.width);
                        expect(visible.at.left + visible.source.width).toBeLessThanOrEqual(target.width);
                        expect(visible.at.top + visible.source.height).toBeLessThanOrEqual(target.height);
                    }
                },
            ),
        );
    });

    it("GNOME's modes in a composition: scaled and centred over black, stretched out of shape, wallpaper tiled", () => {
        const portrait = { width: 1080, height: 1920 };
        expect(placement('scaled', portrait, region)).toMatchObject({
            draw: { left: 656, top: 0, width: 608, height: 1080 },
            blurredBackground: false,
        });
        expect(placement('centered', { width: 800, height: 600 }, region)).toMatchObject({
            draw: { left: 560, top: 240 },
            blurredBackground: false,
        });
        expect(placement('stretched', portrait, region).draw).toEqual({ left: 0, top: 0, ...region });
        expect(placement('spanned', portrait, region).mode).toBe('stretched');
        expect(placement('wallpaper', { width: 100, height: 100 }, region)).toMatchObject({
            mode: 'tile',
            repeat: true,
        });
    });

    it('one picture on every monitor: GNOME draws what it can, only blurred fills are composed', () => {
        const portrait = { width: 1080, height: 1920 };
        expect(singleFill('centered', portrait, region)).toEqual({ kind: 'gnome', options: 'centered' });
        expect(singleFill('tile', portrait, region)).toEqual({ kind: 'gnome', options: 'wallpaper' });
        expect(singleFill('fit', portrait, region)).toEqual({
            kind: 'compose',
            mode: 'fit',
            target: region,
            fallback: 'scaled',
        });
        // A picture of the screen's shape leaves nothing to blur.
        expect(singleFill('fit', { width: 3840, height: 2160 }, region)).toEqual({ kind: 'gnome', options: 'scaled' });
        expect(singleFill('smart', { width: 3840, height: 2160 }, region)).toEqual({ kind: 'gnome', options: 'zoom' });
        expect(singleFill('smart', portrait, region)).toMatchObject({ kind: 'compose', mode: 'fit' });
        // No monitor size: GNOME's nearest option.
        expect(singleFill('center', portrait, null)).toEqual({ kind: 'gnome', options: 'centered' });
        expect(singleFill('smart', portrait, null)).toEqual({ kind: 'gnome', options: 'zoom' });
    });
});
