import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
    BACKEND_DISPLAY,
    COLORSPACE_DISPLAY,
    PALETTE_DISPLAY,
    base36,
    contentHashOf,
    fileContentHash,
    fnv1a32,
    paletteCachePath,
    wallustCacheRoot,
} from '../../../backend/src/wallust/cacheKey.js';
import { WALLUST_BACKENDS, WALLUST_COLORSPACES, WALLUST_PALETTES } from '../../../backend/src/wallust/options.js';
import { makeSandbox, type Sandbox } from './helpers.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('FNV-1a 32 / base36, as wallust names cache directories', () => {
    it.each([
        ['', 'ztntfp'],
        ['a', '1r9wi7g'],
        ['hello', 'm3bicr'],
    ])('%j → %s', (input, expected) => {
        expect(contentHashOf(bytes(input))).toBe(expected);
    });

    it('is FNV-1a with the standard basis and prime', () => {
        expect(fnv1a32(new Uint8Array())).toBe(2166136261);
        expect(fnv1a32(bytes('a'))).toBe(0xe40c292c);
        expect(base36(0)).toBe('0');
    });

    it('chains, so streaming in pieces equals hashing at once', () => {
        const data = randomBytes(1000);
        expect(fnv1a32(data.subarray(300), fnv1a32(data.subarray(0, 300)))).toBe(fnv1a32(data));
    });

    describe('of a file', () => {
        let sb: Sandbox;
        beforeEach(async () => {
            sb = await makeSandbox();
        });
        afterEach(async () => {
            await sb.cleanup();
        });

        it('streams files larger than one read chunk', async () => {
            const data = randomBytes(3 * 1024 * 1024 + 17);
            const file = path.join(sb.root, 'big.bin');
            await writeFile(file, data);
            expect(await fileContentHash(file)).toBe(contentHashOf(data));
        });

        it('hashes an empty file to the empty vector', async () => {
            const file = path.join(sb.root, 'empty');
            await writeFile(file, '');
            expect(await fileContentHash(file)).toBe('ztntfp');
        });
    });
});

describe('cache file names', () => {
    it('has a Rust display name for every value wallust accepts', () => {
        expect(Object.keys(BACKEND_DISPLAY).sort()).toEqual([...WALLUST_BACKENDS].sort());
        expect(Object.keys(COLORSPACE_DISPLAY).sort()).toEqual([...WALLUST_COLORSPACES].sort());
        expect(Object.keys(PALETTE_DISPLAY).sort()).toEqual([...WALLUST_PALETTES].sort());
        expect(BACKEND_DISPLAY.fastresize).toBe('FastResize');
        expect(COLORSPACE_DISPLAY.lchansi).toBe('LchAnsi');
        expect(PALETTE_DISPLAY.harddarkcomp16).toBe('HardDarkComp16');
        expect(PALETTE_DISPLAY.ansidark16).toBe('AnsiDark16');
    });

    it('builds {hash}_1.7/{Backend}_{ColorSpace}_{th}_{Palette}', () => {
        expect(
            paletteCachePath('/c/wallust', 'm3bicr', { backend: 'fastresize', colorspace: 'lch', palette: 'dark16' }),
        ).toBe('/c/wallust/m3bicr_1.7/FastResize_Lch_auto_Dark16');
        expect(
            paletteCachePath('/c/wallust', 'x', {
                backend: 'kmeans',
                colorspace: 'labmixed',
                palette: 'softlight',
                threshold: 12,
            }),
        ).toBe('/c/wallust/x_1.7/Kmeans_LabMixed_12_SoftLight');
        expect(
            paletteCachePath('/c/wallust', 'x', {
                backend: 'wal',
                colorspace: 'lab',
                palette: 'dark',
                threshold: null,
            }),
        ).toBe('/c/wallust/x_1.7/Wal_Lab_auto_Dark');
    });

    it('finds the cache root like the dirs crate: absolute XDG_CACHE_HOME, else ~/.cache', () => {
        expect(wallustCacheRoot({ XDG_CACHE_HOME: '/x/cache', HOME: '/h' })).toBe('/x/cache/wallust');
        expect(wallustCacheRoot({ HOME: '/h' })).toBe('/h/.cache/wallust');
        expect(wallustCacheRoot({ XDG_CACHE_HOME: 'relative', HOME: '/h' })).toBe('/h/.cache/wallust');
    });
});
