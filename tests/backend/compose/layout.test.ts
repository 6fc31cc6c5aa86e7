// The canvas a composed wallpaper needs for a monitor layout: GNOME stretches a spanned picture over the union of
// the monitors in layout coordinates (compose/layout.ts), so each monitor's region must sit at its layout place,
// scaled by one factor for the whole canvas.
import { describe, expect, it } from 'vitest';
import { canvasLayout, paletteRegion, usableMonitors } from '../../../backend/src/compose/layout.js';

describe('canvasLayout', () => {
    it('places side-by-side monitors next to each other, without gap or overlap', () => {
        const layout = canvasLayout([
            { index: 0, x: 0, y: 0, width: 1920, height: 1080, primary: true },
            { index: 1, x: 1920, y: 0, width: 2560, height: 1440 },
        ]);
        expect(layout).toMatchObject({ width: 4480, height: 1440, pixelsPerUnit: 1 });
        expect(layout.regions.map((r) => r.rect)).toEqual([
            { left: 0, top: 0, width: 1920, height: 1080 },
            { left: 1920, top: 0, width: 2560, height: 1440 },
        ]);
        expect(layout.regions.map((r) => r.primary)).toEqual([true, false]);
    });

    it('stacks monitors vertically', () => {
        const layout = canvasLayout([
            { index: 0, x: 0, y: 1080, width: 1920, height: 1080 },
            { index: 1, x: 0, y: 0, width: 1920, height: 1080 },
        ]);
        expect(layout).toMatchObject({ width: 1920, height: 2160 });
        expect(layout.regions[0]!.rect).toEqual({ left: 0, top: 1080, width: 1920, height: 1080 });
        expect(layout.regions[1]!.rect).toEqual({ left: 0, top: 0, width: 1920, height: 1080 });
    });

    it('normalises negative coordinates to a canvas starting at 0,0', () => {
        const layout = canvasLayout([
            { index: 0, x: 0, y: 0, width: 1920, height: 1080, primary: true },
            { index: 1, x: -1080, y: -420, width: 1080, height: 1920 },
        ]);
        expect(layout).toMatchObject({ width: 3000, height: 1920 });
        expect(layout.regions[0]!.rect).toEqual({ left: 1080, top: 420, width: 1920, height: 1080 });
        expect(layout.regions[1]!.rect).toEqual({ left: 0, top: 0, width: 1080, height: 1920 });
    });

    it('in logical layout mode, renders at the finest scale so a HiDPI monitor gets its device pixels', () => {
        const layout = canvasLayout(
            [
                { index: 0, x: 0, y: 0, width: 1920, height: 1080, scale: 2, primary: true },
                { index: 1, x: 1920, y: 0, width: 1920, height: 1080, scale: 1 },
            ],
            'logical',
        );
        expect(layout).toMatchObject({ width: 7680, height: 2160, pixelsPerUnit: 2 });
        expect(layout.regions[0]!.rect).toEqual({ left: 0, top: 0, width: 3840, height: 2160 });
        expect(layout.regions[1]!.rect).toEqual({ left: 3840, top: 0, width: 3840, height: 2160 });
        expect(layout.regions.map((r) => r.physical)).toEqual([
            { width: 3840, height: 2160 },
            { width: 1920, height: 1080 },
        ]);
    });

    it('in physical layout mode (GNOME 48 default), layout units are device pixels already', () => {
        const layout = canvasLayout([
            { index: 0, x: 0, y: 0, width: 3840, height: 2160, scale: 2, primary: true },
            { index: 1, x: 3840, y: 0, width: 1920, height: 1080, scale: 1 },
        ]);
        expect(layout).toMatchObject({ width: 5760, height: 2160, pixelsPerUnit: 1 });
        expect(layout.regions[0]!.physical).toEqual({ width: 3840, height: 2160 });
    });

    it('keeps every region at its share of the canvas, as GNOME maps it, whatever the cap does to resolution', () => {
        const monitors = [
            { index: 0, x: 0, y: 0, width: 3840, height: 2160 },
            { index: 1, x: 3840, y: 0, width: 3840, height: 2160 },
            { index: 2, x: 7680, y: 0, width: 3840, height: 2160 },
        ];
        const layout = canvasLayout(monitors, 'logical', 8000);
        expect(layout.width).toBeLessThanOrEqual(8000);
        for (const [i, r] of layout.regions.entries()) {
            // GNOME shows monitor i the texture rectangle [x/W, (x+w)/W] × [y/H, (y+h)/H].
            expect(r.rect.left / layout.width).toBeCloseTo(monitors[i]!.x / 11520, 3);
            expect((r.rect.left + r.rect.width) / layout.width).toBeCloseTo((monitors[i]!.x + 3840) / 11520, 3);
        }
    });

    it('drops monitors without a size and duplicate indexes; the first becomes primary when none is', () => {
        expect(
            usableMonitors([
                { index: 1, x: 0, y: 0, width: 0, height: 10 },
                { index: 0, x: 0, y: 0, width: 10, height: 10 },
                { index: 0, x: 10, y: 0, width: 10, height: 10 },
            ]),
        ).toHaveLength(1);
        expect(canvasLayout([{ index: 3, x: 0, y: 0, width: 10, height: 10 }]).regions[0]!.primary).toBe(true);
        expect(() => canvasLayout([])).toThrow(/no usable monitor/);
    });

    it('chooses the palette monitor: the primary, or the one with the most device pixels', () => {
        const layout = canvasLayout(
            [
                { index: 0, x: 0, y: 0, width: 1920, height: 1080, scale: 1, primary: true },
                { index: 1, x: 1920, y: 0, width: 1920, height: 1080, scale: 2 },
            ],
            'logical',
        );
        expect(paletteRegion(layout, 'primary').index).toBe(0);
        expect(paletteRegion(layout, 'largest').index).toBe(1);
    });
});
