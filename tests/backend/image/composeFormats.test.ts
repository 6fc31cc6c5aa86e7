// Composed wallpapers (several monitors, overlays) made of GNOME's own formats: SVG drawn by librsvg at the size it
// is shown, not enlarged from its own few pixels; JPEG XL decoded by djxl.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeImage } from '../../../backend/src/compose/composeImage.js';
import { decodeThumbnail } from '../../../backend/src/palette/extractPalette.js';
import { makeTempDir, removeTempDir } from '../../helpers/images.js';

let dir: string;
beforeEach(async () => {
    dir = await makeTempDir('chameleon-compose-formats-');
});
afterEach(() => removeTempDir(dir));

async function rgbAt(path: string, x: number, y: number): Promise<number[]> {
    const { data } = await sharp(path)
        .extract({ left: x, top: y, width: 1, height: 1 })
        .raw()
        .toBuffer({ resolveWithObject: true });
    return [...data];
}

describe('composing vector and JPEG XL pictures', () => {
    it('draws an SVG at the monitor size: an edge stays sharp at 20 times its own size', async () => {
        const svg = join(dir, 'halves.svg');
        // 64×40 user units: red left half, blue right half.
        writeFileSync(
            svg,
            '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="40"><rect width="32" ' +
                'height="40" fill="#ff0000"/><rect x="32" width="32" height="40" fill="#0000ff"/></svg>',
        );
        const output = join(dir, 'composed.jpg');
        await composeImage({
            width: 1280,
            height: 800,
            output,
            tiles: [{ path: svg, rect: { left: 0, top: 0, width: 1280, height: 800 }, mode: 'zoom' }],
        });
        // Enlarged pixels would blend over ~20 pixels each side of the edge at x = 640 (sharp has librsvg draw it at
        // the size it is resized to).
        const [r1, , b1] = await rgbAt(output, 637, 400);
        const [r2, , b2] = await rgbAt(output, 643, 400);
        expect(r1).toBeGreaterThan(235);
        expect(b1).toBeLessThan(25);
        expect(b2).toBeGreaterThan(235);
        expect(r2).toBeLessThan(25);
    });

    it('composes a JPEG XL picture with its own colours', async () => {
        const jxl = resolve(import.meta.dirname, '../../fixtures/gnome-backgrounds/ring-l.jxl');
        const output = join(dir, 'composed.jpg');
        await composeImage({
            width: 512,
            height: 512,
            output,
            tiles: [{ path: jxl, rect: { left: 0, top: 0, width: 512, height: 512 }, mode: 'zoom' }],
        });
        const mean = async (path: string) => {
            const { pixels } = await decodeThumbnail(path);
            return [0, 1, 2].map(
                (c) => pixels.filter((_, i) => i % 3 === c).reduce((a, b) => a + b, 0) / (pixels.length / 3),
            );
        };
        const [composed, original] = [await mean(output), await mean(jxl)];
        for (let c = 0; c < 3; c++) expect(Math.abs(composed[c]! - original[c]!)).toBeLessThan(4);
    }, 60_000);
});
