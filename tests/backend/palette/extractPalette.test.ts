import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { wcagContrast } from 'culori';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accentNameFor } from '../../../backend/src/colour/accentName.js';
import { oklchOf } from '../../../backend/src/colour/oklch.js';
import { extractPalette, paletteFromPixels } from '../../../backend/src/palette/extractPalette.js';
import type { PaletteJson } from '../../../backend/src/protocol/messages.js';
import {
    IMAGE_FORMATS,
    makeTempDir,
    removeTempDir,
    writeAnimated,
    writeGradient,
    writeNoise,
    writeNotAnImage,
    writeRegions,
    writeSolid,
    writeTruncated,
} from '../../helpers/images.js';

let dir: string;
beforeAll(async () => {
    dir = await makeTempDir('chameleon-palette-');
});
afterAll(() => removeTempDir(dir));

const file = (name: string) => join(dir, name);

function expectWellFormed(p: PaletteJson): void {
    expect(p.extractor).toBe('builtin');
    expect(p.colors).toHaveLength(16);
    for (const c of [...p.colors, p.background, p.foreground, p.cursor, p.accent]) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    expect(p.background).toBe(p.colors[0]);
    expect(p.foreground).toBe(p.colors[15]);
    expect(p.cursor).toBe(p.foreground);
    expect(p.accentName).toBe(accentNameFor(p.accent));
    expect(oklchOf(p.background).l).toBeLessThan(oklchOf(p.foreground).l);
    // Readable text: WCAG AA for body text is 4.5:1; the foreground and colours 1–6 must all reach it.
    expect(wcagContrast(p.foreground, p.background)).toBeGreaterThanOrEqual(7);
    for (const c of p.colors.slice(1, 7)) expect(wcagContrast(c, p.background)).toBeGreaterThanOrEqual(4.5);
}

describe('accent of an image, as a person would name it', () => {
    it.each([
        ['solid red', '#d0202a', 'red'],
        ['solid teal', '#1f8a9a', 'teal'],
        ['solid blue', '#2a5fd0', 'blue'],
        ['solid green', '#2f9e44', 'green'],
        ['solid purple', '#7a3ea8', 'purple'],
        ['pastel pink', '#f5b8d0', 'pink'],
        ['mid grey', '#808080', 'slate'],
        ['near-grey, faintly blue', '#7a7f86', 'slate'],
        ['near-grey, faintly warm', '#8c8984', 'slate'],
        ['black', '#000000', 'slate'],
        ['white', '#ffffff', 'slate'],
    ] as const)('%s (%s) → %s', async (_label, hex, name) => {
        const palette = await extractPalette(
            await writeSolid(file(`solid-${hex.slice(1)}.jpg`), hex, { width: 320, height: 180 }),
        );
        expectWellFormed(palette);
        expect(palette.accentName).toBe(name);
    });

    it('a grey photo-like texture is slate, not a fallback blue', async () => {
        const path = await writeNoise(file('grey-noise.jpg'), {
            width: 400,
            height: 300,
            base: '#7d7d7d',
            amplitude: 20,
        });
        const palette = await extractPalette(path);
        expectWellFormed(palette);
        expect(palette.accentName).toBe('slate');
    });

    it('a mostly red image with a small blue patch is red', async () => {
        const path = await writeRegions(file('red-with-blue.png'), {
            width: 400,
            height: 300,
            background: '#c62828',
            regions: [{ x: 300, y: 20, w: 60, h: 60, hex: '#1e50e6' }],
        });
        expect((await extractPalette(path)).accentName).toBe('red');
    });

    it('a vivid orange object on ~10 % of a neutral background is orange', async () => {
        // 120×100 of 400×300 = 10 %; the grey background is the dominant colour but not what a viewer sees.
        const path = await writeRegions(file('orange-on-grey.jpg'), {
            width: 400,
            height: 300,
            background: '#6b6b6b',
            regions: [{ x: 140, y: 100, w: 120, h: 100, hex: '#f06a00' }],
        });
        const palette = await extractPalette(path);
        expect(palette.accentName).toBe('orange');
        expect(oklchOf(palette.accent).c).toBeGreaterThan(0.12);
    });

    it('a small vivid object on a dark, textured background still wins', async () => {
        const background = await writeNoise(file('dark-noise.png'), {
            width: 400,
            height: 300,
            base: '#2a2a2c',
            amplitude: 12,
        });
        const { default: sharp } = await import('sharp');
        const path = file('green-on-dark.png');
        const patch = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#21c04a' } })
            .png()
            .toBuffer();
        await sharp(background)
            .composite([{ input: patch, left: 200, top: 120 }])
            .png()
            .toFile(path);
        expect((await extractPalette(path)).accentName).toBe('green');
    });

    it.each([
        ['#2a6fdb', '#e0a000', 'blue'],
        ['#e0a000', '#2a6fdb', 'yellow'],
        ['#2f9e44', '#b0309a', 'green'],
        ['#b0309a', '#2f9e44', 'purple'],
    ] as const)('two hues 60/40: %s over %s → the larger, %s', async (large, small, name) => {
        const path = await writeRegions(file(`split-${large.slice(1)}-${small.slice(1)}.png`), {
            width: 500,
            height: 200,
            background: large,
            regions: [{ x: 300, y: 0, w: 200, h: 200, hex: small }],
        });
        expect((await extractPalette(path)).accentName).toBe(name);
    });

    it('a gradient from teal to blue names one of its own hues', async () => {
        const path = await writeGradient(file('gradient.png'), {
            width: 256,
            height: 64,
            from: '#1f8a9a',
            to: '#2a5fd0',
        });
        expect(['teal', 'blue']).toContain((await extractPalette(path)).accentName);
    });

    it('ignores transparent pixels', async () => {
        // 80 % fully transparent black, 20 % opaque green: the visible image is green.
        const path = await writeRegions(file('transparent.png'), {
            width: 100,
            height: 100,
            background: '#00000000',
            regions: [{ x: 0, y: 0, w: 100, h: 20, hex: '#2f9e44' }],
        });
        expect((await extractPalette(path)).accentName).toBe('green');
    });

    it('reads the first frame of an animated GIF', async () => {
        const path = await writeAnimated(file('animated.gif'), ['#d0202a', '#2a5fd0', '#2a5fd0', '#2a5fd0']);
        expect((await extractPalette(path)).accentName).toBe('red');
    });
});

describe('palette file formats and shape', () => {
    it.each(IMAGE_FORMATS)('decodes %s', async (format) => {
        const palette = await extractPalette(
            await writeSolid(file(`format.${format}`), '#1f8a9a', { width: 160, height: 90, format }),
        );
        expectWellFormed(palette);
        expect(palette.accentName).toBe('teal');
    });

    it('keeps colours 1–6 of a colourful image distinct and 9–14 brighter than them', async () => {
        const hues = ['#d0202a', '#2f9e44', '#e0a000', '#2a5fd0', '#b0309a', '#1f8a9a'];
        const path = await writeRegions(file('six.png'), {
            width: 600,
            height: 100,
            background: '#202020',
            regions: hues.map((hex, i) => ({ x: i * 100, y: 0, w: 100, h: 100, hex })),
        });
        const p = await extractPalette(path);
        expectWellFormed(p);
        expect(new Set(p.colors.slice(1, 7).map(accentNameFor))).toEqual(
            new Set(['red', 'green', 'yellow', 'blue', 'purple', 'teal']),
        );
        for (let i = 1; i <= 6; i++) expect(oklchOf(p.colors[i + 8]!).l).toBeGreaterThan(oklchOf(p.colors[i]!).l);
    });

    it('darkens color7 by 30 % into color8, as pywal does', async () => {
        const p = await extractPalette(await writeSolid(file('pywal.png'), '#2a5fd0'));
        const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
        channels(p.colors[8]!).forEach((v, i) =>
            expect(Math.abs(v - channels(p.colors[7]!)[i]! * 0.7)).toBeLessThanOrEqual(1),
        );
    });

    it('gives a one-colour image six tellable-apart terminal colours', async () => {
        const p = await extractPalette(await writeSolid(file('one.png'), '#d0202a'));
        expect(new Set(p.colors.slice(1, 7)).size).toBe(6);
    });

    it('is a pure function of the pixels', () => {
        const pixels = new Uint8Array(64 * 48 * 3).map((_, i) => (i * 37) % 256);
        expect(paletteFromPixels(pixels, 64, 48)).toEqual(paletteFromPixels(pixels.slice(), 64, 48));
        expect(() => paletteFromPixels(pixels, 64, 49)).toThrow(/pixel buffer/);
    });
});

describe('determinism', () => {
    it('same file twice, and a copy under another name, give identical JSON', async () => {
        const path = await writeNoise(file('photo-like.jpg'), {
            width: 640,
            height: 360,
            base: '#4a7a3a',
            amplitude: 60,
            seed: 7,
        });
        const copy = file('renamed copy.jpg');
        await copyFile(path, copy);
        const first = JSON.stringify(await extractPalette(path));
        expect(JSON.stringify(await extractPalette(path))).toBe(first);
        expect(JSON.stringify(await extractPalette(copy))).toBe(first);
    });
});

describe('unreadable files', () => {
    it('a text file named .jpg is rejected with the path and the reason', async () => {
        const path = await writeNotAnImage(file('not-an-image.jpg'));
        await expect(extractPalette(path)).rejects.toThrow(
            `cannot decode ${path}: not an image format this program can read`,
        );
    });

    it.each(['jpg', 'png'] as const)('a truncated %s is rejected, not analysed as grey padding', async (format) => {
        const whole = await writeNoise(file(`whole.${format}`), { width: 600, height: 400, base: '#808040' });
        const path = await writeTruncated(whole, file(`truncated.${format}`), 0.5);
        await expect(extractPalette(path)).rejects.toThrow(
            new RegExp(`^cannot decode ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .+`),
        );
    });

    it('a missing file is rejected as not found', async () => {
        const path = file('missing.png');
        await expect(extractPalette(path)).rejects.toThrow(`cannot read ${path}: file not found`);
    });

    it('an empty file is rejected', async () => {
        const path = await writeNotAnImage(file('empty.png'), '');
        await expect(extractPalette(path)).rejects.toThrow(`cannot decode ${path}:`);
    });
});
