import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RescanResultJson, WallpaperJson } from '../../backend/src/protocol/messages.js';
import { writeAnimated, writeRegions, writeSolid, writeTruncated } from '../helpers/images.js';
import { BackendProcess } from '../helpers/backendProcess.js';
import { makeSandbox, runCli, type Sandbox } from '../helpers/sandbox.js';

/** A PNG whose header claims `width`×`height` but which holds almost no data: a decompression bomb's shape. */
function pngClaiming(width: number, height: number): Buffer {
    const chunk = (type: string, data: Buffer) => {
        const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
        const length = Buffer.alloc(4);
        length.writeUInt32BE(data.length);
        const crc = Buffer.alloc(4);
        crc.writeUInt32BE(crc32(body));
        return Buffer.concat([length, body, crc]);
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(width, 0);
    ihdr.writeUInt32BE(height, 4);
    ihdr.set([8, 2, 0, 0, 0], 8);
    return Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        chunk('IHDR', ihdr),
        chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
        chunk('IEND', Buffer.alloc(0)),
    ]);
}

let sandbox: Sandbox;
let folder: string;
let scan: RescanResultJson;
let scanMs: number;

beforeAll(async () => {
    sandbox = makeSandbox();
    folder = sandbox.folder('walls');
    const base = () => sharp({ create: { width: 200, height: 100, channels: 3, background: '#c0392b' } });
    await writeSolid(join(folder, 'good.png'), '#2e86de', { width: 160, height: 90 });
    writeFileSync(join(folder, 'zero.jpg'), '');
    await base().jpeg().toFile(join(sandbox.dir, 'whole.jpg'));
    await writeTruncated(join(sandbox.dir, 'whole.jpg'), join(folder, 'truncated.jpg'), 0.4);
    await base().png().toFile(join(sandbox.dir, 'whole.png'));
    await writeTruncated(join(sandbox.dir, 'whole.png'), join(folder, 'truncated.png'), 0.5);
    writeFileSync(join(folder, 'random.jpg'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    writeFileSync(join(folder, 'bomb.png'), pngClaiming(50_000, 50_000));
    await writeAnimated(join(folder, 'animated.gif'), ['#ff0000', '#00ff00', '#0000ff']);
    await base().toColourspace('cmyk').jpeg().toFile(join(folder, 'cmyk.jpg'));
    await writeRegions(join(sandbox.dir, 'deep.png'), { width: 200, height: 100, background: '#1e8449', regions: [] });
    await sharp(join(sandbox.dir, 'deep.png')).toColourspace('rgb16').png().toFile(join(folder, 'sixteen-bit.png'));
    await base().greyscale().jpeg().toFile(join(folder, 'grey.jpg'));
    await base().jpeg().withMetadata({ orientation: 6 }).toFile(join(folder, 'rotated.jpg'));
    writeFileSync(
        join(folder, 'vector.svg'),
        '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" ' +
            'height="600" fill="red"/></svg>',
    );
    writeFileSync(
        join(folder, 'settings-list.xml'),
        '<?xml version="1.0"?><wallpapers><wallpaper><name>x</name></wallpaper></wallpapers>',
    );
    writeFileSync(join(folder, 'photo.jxl'), Buffer.from([0xff, 0x0a, 0xfa, 0x7f, 0x01, 0x90, 0x08, 0x06, 0x01, 0x00]));
    // An ISO-BMFF file that says it is HEIC (HEVC-coded), which the bundled decoder does not read.
    writeFileSync(
        join(folder, 'phone.heic'),
        Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1')]),
    );
    copyFileSync(join(folder, 'good.png'), join(folder, 'copy of good.png'));

    const started = Date.now();
    const result = await runCli(sandbox, ['rescan', '--folder', folder, '--json']);
    scanMs = Date.now() - started;
    expect(result.exitCode).toBe(0);
    scan = JSON.parse(result.stdout) as RescanResultJson;
});
afterAll(() => sandbox.cleanup());

function reasonFor(name: string): string | undefined {
    return scan.problems
        .find((problem) => problem.startsWith(`${join(folder, name)}: `))
        ?.slice(join(folder, name).length + 2);
}

describe('a folder of bad and unusual images', () => {
    it.each([
        ['zero.jpg', /^not a readable image/],
        ['random.jpg', /^not a readable image/],
        ['bomb.png', /^too large to show \(50000×50000 is over 150 megapixels\)$/],
        ['animated.gif', /^animated GIFs are not supported$/],
        ['settings-list.xml', /^not a GNOME background/],
        ['phone.heic', /not (a readable image|supported)/],
    ])('skips %s and says why', (name, reason) => {
        expect(reasonFor(name)).toMatch(reason);
    });

    it('refuses the decompression bomb from its header, without decoding it', () => {
        // Decoding 2.5 gigapixels would take minutes and gigabytes; reading headers of this folder takes moments.
        expect(scanMs).toBeLessThan(15_000);
    });

    it('keeps CMYK, 16-bit, greyscale, EXIF-rotated and SVG images, and the good ones', () => {
        for (const name of [
            'good.png',
            'copy of good.png',
            'cmyk.jpg',
            'sixteen-bit.png',
            'grey.jpg',
            'rotated.jpg',
            'vector.svg',
        ]) {
            expect(reasonFor(name), name).toBeUndefined();
        }
    });

    it('shows every kept image; a truncated one is never shown, and is named broken with its reason', async () => {
        // photo.jxl is a JPEG XL header and nothing after it: its size is known, its pixels are not.
        const truncated = ['photo.jxl', 'truncated.jpg', 'truncated.png'].filter(
            (name) => reasonFor(name) === undefined,
        );
        const good = [
            'cmyk.jpg',
            'copy of good.png',
            'good.png',
            'grey.jpg',
            'rotated.jpg',
            'sixteen-bit.png',
            'vector.svg',
        ];
        expect(scan.total).toBe(good.length + truncated.length);

        const backend = BackendProcess.start(sandbox);
        backend.onRequest = () => ({ ok: true });
        await backend.call('initialize', {
            protocolVersion: 2,
            config: { folders: [folder] },
            capabilities: { desktop: true },
        });
        const seen = new Map<string, WallpaperJson>();
        for (let i = 0; i < 200 && seen.size < good.length; i++) {
            const wallpaper = await backend.call('wallpaper.next');
            seen.set(wallpaper.name, wallpaper);
        }
        const stats = await backend.call('collection.stats');
        await backend.stop();
        expect([...seen.keys()].sort()).toEqual(good);
        for (const name of good) expect(seen.get(name)?.palette?.colors, name).toHaveLength(16);
        expect(seen.get('grey.jpg')?.palette?.accentName).toBe('slate');
        expect(seen.get('cmyk.jpg')?.palette?.accentName).toBe('red');
        expect(seen.get('sixteen-bit.png')?.palette?.accentName).toBe('green');
        expect(seen.get('vector.svg')?.palette?.accentName).toBe('red');
        // Identical bytes, one palette.
        expect(seen.get('copy of good.png')?.palette).toEqual(seen.get('good.png')?.palette);
        // The picture as people see it is upright: 100×200 after the EXIF rotation.
        expect(seen.get('rotated.jpg')).toMatchObject({ width: 100, height: 200 });
        // A half-written file that was offered is named broken; it was never set.
        for (const { path, reason } of stats.broken) {
            expect(truncated.map((name) => join(folder, name))).toContain(path);
            expect(reason).toMatch(/^cannot be decoded \(/);
        }
        expect(readFileSync(join(folder, 'good.png')).length).toBeGreaterThan(0);
    });
});
