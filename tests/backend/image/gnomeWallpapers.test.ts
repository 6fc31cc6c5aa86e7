// GNOME's own wallpapers as Debian ships them (tests/fixtures/gnome-backgrounds/SOURCE.md): JPEG XL decoded by
// libjxl's djxl, SVG drawn by librsvg, and GNOME's XML day-night background set as itself with the palette of the
// picture it shows now. Everything through the real CLI, the real decoders and gsettings.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../backend/src/db/database.js';
import { ImageStore } from '../../../backend/src/db/images.js';
import { indexFolder } from '../../../backend/src/scan/indexer.js';
import { decodeThumbnail, extractPalette } from '../../../backend/src/palette/extractPalette.js';
import type { WallpaperJson } from '../../../backend/src/protocol/messages.js';
import { makeSandbox, runCli, type Sandbox } from '../../helpers/sandbox.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/gnome-backgrounds');
const fixture = (name: string) => join(FIXTURES, name);

let sandbox: Sandbox;
beforeEach(() => {
    sandbox = makeSandbox();
});
afterEach(() => sandbox.cleanup());

/** GNOME's adwaita-timed.xml with the pictures it names moved into `dir` (its schedule and structure untouched). */
function relocatedTimedXml(dir: string, into: string): string {
    const xml = readFileSync(fixture('adwaita-timed.xml'), 'utf8').replaceAll(
        '/usr/share/backgrounds/gnome/',
        `${dir}/`,
    );
    const path = join(into, 'adwaita-timed.xml');
    writeFileSync(path, xml);
    return path;
}

/** Which picture adwaita-timed.xml shows at local hour `h` (its own comments: 7:00 morning, transitions halfway). */
function timedPictureAt(date: Date): 'morning' | 'day' | 'night' {
    const h = (date.getHours() + date.getMinutes() / 60 + date.getSeconds() / 3600 - 7 + 24) % 24;
    // morning 1 h, → day 5 h, day 5 h, → night 6 h, night 5 h, → morning 2 h: a transition shows what it leaves
    // for its first half.
    if (h < 1 + 2.5) return 'morning';
    if (h < 1 + 5 + 5 + 3) return 'day';
    if (h < 1 + 5 + 5 + 6 + 5 + 1) return 'night';
    return 'morning';
}

const FRAMES = { morning: '#e66100', day: '#1c71d8', night: '#241f31' } as const;

async function writeFrames(dir: string): Promise<void> {
    for (const [name, colour] of Object.entries(FRAMES)) {
        await sharp({ create: { width: 320, height: 180, channels: 3, background: colour } })
            .jpeg()
            .toFile(join(dir, `adwaita-${name}.jpg`));
    }
}

describe("GNOME's own wallpapers in the index", () => {
    it(
        'indexes JPEG XL and SVG at their size, an XML background as the picture it shows, and ' +
            'skips a list of wallpapers',
        async () => {
            const folder = sandbox.folder('gnome');
            const frames = sandbox.folder('frames');
            await writeFrames(frames);
            copyFileSync(fixture('ring-l.jxl'), join(folder, 'ring-l.jxl'));
            copyFileSync(fixture('mollnar-l.svg'), join(folder, 'mollnar-l.svg'));
            copyFileSync(fixture('properties-ring.xml'), join(folder, 'ring.xml'));
            const timed = relocatedTimedXml(frames, folder);
            const db = openDatabase(sandbox.dataDir);
            try {
                const scan = await indexFolder(db, folder);
                expect(scan).toMatchObject({ added: 4, skipped: 1, total: 3 });
                const images = new ImageStore(db);
                expect(images.byPath(join(folder, 'ring-l.jxl'))).toMatchObject({
                    width: 4096,
                    height: 4096,
                    format: 'jxl',
                    skip_reason: null,
                });
                expect(images.byPath(join(folder, 'mollnar-l.svg'))).toMatchObject({
                    width: 4080,
                    height: 4080,
                    format: 'svg',
                    skip_reason: null,
                });
                expect(images.byPath(timed)).toMatchObject({
                    width: 320,
                    height: 180,
                    format: 'gnome-xml',
                    skip_reason: null,
                });
                expect(scan.problems).toEqual([
                    `${join(folder, 'ring.xml')}: not a GNOME background (a list of wallpapers for GNOME ` +
                        `Settings, not <background>)`,
                ]);
            } finally {
                db.close();
            }
        },
    );
});

describe('JPEG XL through djxl', () => {
    it('decodes the picture to the pixels djxl itself writes as PNG', async () => {
        const png = join(sandbox.dir, 'reference.png');
        const { execa } = await import('execa');
        await execa('djxl', [fixture('ring-l.jxl'), png]);
        const ours = await decodeThumbnail(fixture('ring-l.jxl'));
        const reference = await decodeThumbnail(png);
        expect([ours.width, ours.height, ours.channels]).toEqual([
            reference.width,
            reference.height,
            reference.channels,
        ]);
        let difference = 0;
        for (let i = 0; i < ours.pixels.length; i++) difference += Math.abs(ours.pixels[i]! - reference.pixels[i]!);
        // Within rounding (the PNG is 16-bit with djxl's colour profile; we read 8-bit sRGB samples): under 2 %.
        expect(difference / ours.pixels.length).toBeLessThan(5);
        // The same picture to the user: the accent GNOME would get is the one of djxl's own PNG.
        const palette = await extractPalette(fixture('ring-l.jxl'));
        expect(palette.accentName).toBe((await extractPalette(png)).accentName);
        expect(palette.accentName).not.toBe('slate');
    }, 120_000);

    it('without djxl, still shows the picture (GNOME draws it) and says which package gives it a palette', async () => {
        const folder = sandbox.folder('walls');
        copyFileSync(fixture('ring-l.jxl'), join(folder, 'ring-l.jxl'));
        sandbox.env.CHAMELEON_DJXL = join(sandbox.dir, 'no-such-djxl');
        const result = await runCli(sandbox, ['next', '--folder', folder, '--json']);
        expect(result.exitCode, result.stderr).toBe(0);
        const shown = JSON.parse(result.stdout) as WallpaperJson;
        expect(shown.path).toBe(join(folder, 'ring-l.jxl'));
        expect(shown.palette).toBeNull();
        expect(result.stderr).toContain('libjxl-tools');
        expect(await sandbox.gsettingsGet('org.gnome.desktop.background', 'picture-uri')).toBe(
            `'file://${join(folder, 'ring-l.jxl')}'`,
        );
    });
});

describe('SVG through librsvg', () => {
    it("draws GNOME's SVG for its palette at thumbnail size, with the gradient's colours", async () => {
        const thumbnail = await decodeThumbnail(fixture('mollnar-l.svg'));
        expect([thumbnail.width, thumbnail.height]).toEqual([128, 128]);
        const palette = await extractPalette(fixture('mollnar-l.svg'));
        // The gradient runs from #c64600 (orange) to #613583 (purple).
        expect(['orange', 'purple']).toContain(palette.accentName);
    });
});

describe("GNOME's XML backgrounds", () => {
    it('sets the XML itself (GNOME animates it) and takes the palette of the picture it shows now', async () => {
        const folder = sandbox.folder('walls');
        const frames = sandbox.folder('frames');
        await writeFrames(frames);
        const timed = relocatedTimedXml(frames, folder);
        const before = new Date();
        const result = await runCli(sandbox, ['next', '--folder', folder, '--json']);
        const after = new Date();
        expect(result.exitCode, result.stderr).toBe(0);
        const shown = JSON.parse(result.stdout) as WallpaperJson;
        expect(shown.path).toBe(timed);
        expect(await sandbox.gsettingsGet('org.gnome.desktop.background', 'picture-uri')).toBe(`'file://${timed}'`);
        const expected = timedPictureAt(before);
        // A run that crossed from one picture to the next cannot tell which it saw.
        if (timedPictureAt(after) !== expected) return;
        const reference = await extractPalette(join(frames, `adwaita-${expected}.jpg`));
        expect(shown.palette?.colors).toEqual(reference.colors);
        expect(shown.palette?.accent).toBe(reference.accent);
    });

    it(
        "takes, of Debian's background with one picture per screen size, the one made for a " + 'full-HD screen',
        async () => {
            const { parseGnomeBackground, pictureAt } = await import('../../../backend/src/image/gnomeBackground.js');
            const path = '/usr/share/desktop-base/emerald-theme/wallpaper/gnome-background.xml';
            const background = parseGnomeBackground(
                readFileSync(fixture('emerald-gnome-background.xml'), 'utf8'),
                path,
            );
            expect(pictureAt(background, Date.now())).toBe(
                '/usr/share/desktop-base/emerald-theme/wallpaper/contents/images/1920x1080.svg',
            );
            expect(pictureAt(background, Date.now(), { width: 2560, height: 1600 })).toBe(
                '/usr/share/desktop-base/emerald-theme/wallpaper/contents/images/2560x1600.svg',
            );
            expect(pictureAt(background, Date.now(), { width: 8000, height: 4000 })).toBe(
                '/usr/share/desktop-base/emerald-theme/wallpaper/contents/images/5120x2880.svg',
            );
        },
    );

    it('knows when the picture of the day-night background next changes, so its palette can follow', async () => {
        const { nextSwitchAt, parseGnomeBackground } = await import('../../../backend/src/image/gnomeBackground.js');
        const background = parseGnomeBackground(
            readFileSync(fixture('adwaita-timed.xml'), 'utf8'),
            '/usr/share/backgrounds/gnome/adwaita-timed.xml',
        );
        const at = (hour: number, minute = 0) => new Date(2026, 5, 15, hour, minute).getTime();
        // Morning until 8:00; the transition to day shows day from its middle (10:30); night from 21:00; morning
        // again from 6:00 (the middle of the 5:00–7:00 transition).
        expect(nextSwitchAt(background, at(9))).toBe(at(10, 30));
        expect(nextSwitchAt(background, at(19))).toBe(at(21));
        expect(nextSwitchAt(background, at(5, 30))).toBe(at(6));
        // At the end of a transition the picture stays; it is looked at again then, cheaply (the palette is stored).
        expect(nextSwitchAt(background, at(23))).toBe(at(24));
    });

    it("follows GNOME's day-night schedule through the day", async () => {
        const { parseGnomeBackground, pictureAt } = await import('../../../backend/src/image/gnomeBackground.js');
        const background = parseGnomeBackground(
            readFileSync(fixture('adwaita-timed.xml'), 'utf8'),
            '/usr/share/backgrounds/gnome/adwaita-timed.xml',
        );
        for (let hour = 0; hour < 24; hour++) {
            for (const minute of [0, 20, 40]) {
                const at = new Date(2026, 5, 15, hour, minute);
                expect(pictureAt(background, at.getTime()), at.toTimeString()).toBe(
                    `/usr/share/backgrounds/gnome/adwaita-${timedPictureAt(at)}.jpg`,
                );
            }
        }
    });
});
