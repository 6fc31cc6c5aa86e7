// The promise the product is built on: a wallpaper's palette is the palette of the bytes on screen, whatever
// happened to its file since it was indexed or last shown. In-process, with a recording desktop (no gsettings)
// and the built-in extractor in this thread, so many random sequences run quickly against real files.
import fc from 'fast-check';
import { renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../backend/src/app.js';
import { extractPalette } from '../../../backend/src/palette/extractPalette.js';
import { ChameleonError } from '../../../backend/src/errors.js';
import type { WallpaperJson } from '../../../backend/src/protocol/messages.js';
import { makeSandbox, type Sandbox } from '../../helpers/sandbox.js';

const COLOURS = ['#c0392b', '#27ae60', '#2980b9', '#f1c40f', '#8e44ad', '#16a085'] as const;

type Step =
    | { kind: 'edit'; picture: number; colour: number }
    | { kind: 'move'; picture: number }
    | { kind: 'next' }
    | { kind: 'previous' }
    | { kind: 'rescan' };

const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('edit' as const), picture: fc.nat(2), colour: fc.nat(COLOURS.length - 1) }),
    fc.record({ kind: fc.constant('move' as const), picture: fc.nat(2) }),
    fc.constant({ kind: 'next' as const }),
    fc.constant({ kind: 'previous' as const }),
    fc.constant({ kind: 'previous' as const }),
    fc.constant({ kind: 'rescan' as const }),
);

/** Same size and format for every colour, as a photo retouched in place often is: only the bytes differ. */
const picture = (colour: string) =>
    sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
        .png()
        .toBuffer();

let sandbox: Sandbox;
beforeEach(() => {
    sandbox = makeSandbox();
});
afterEach(() => sandbox.cleanup());

describe('the palette of what is on screen', () => {
    it('always matches the current content of the file, through random edits, moves and navigation', async () => {
        const bytes = await Promise.all(COLOURS.map(picture));
        let run = 0;
        await fc.assert(
            fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 20 }), async (steps) => {
                const folder = sandbox.folder(`walls-${++run}`);
                const paths = [0, 1, 2].map((i) => join(folder, `p${i}.png`));
                paths.forEach((path, i) => writeFileSync(path, bytes[i]!));
                // Edits land seconds apart, as a person's do; the file system gives each a new time.
                let clock = Date.now() / 1000;
                const app = new App({
                    dataDir: join(sandbox.dir, `db-${run}`),
                    desktop: { set: () => Promise.resolve() },
                    extractor: { key: 'builtin-test', extract: extractPalette, close: () => Promise.resolve() },
                    config: { folders: [folder] },
                });
                const check = async (wallpaper: WallpaperJson) => {
                    const expected = await extractPalette(wallpaper.path);
                    expect(wallpaper.palette?.colors).toEqual(expected.colors);
                    expect(wallpaper.palette?.accent).toBe(expected.accent);
                    // What is reported afterwards (the menu, `chameleon current`) agrees.
                    expect((await app.handlers['wallpaper.current'](undefined))?.palette?.colors).toEqual(
                        expected.colors,
                    );
                };
                try {
                    for (const s of steps) {
                        if (s.kind === 'edit') {
                            writeFileSync(paths[s.picture]!, bytes[s.colour]!);
                            clock += 5;
                            utimesSync(paths[s.picture]!, clock, clock);
                        } else if (s.kind === 'move') {
                            const moved = paths[s.picture]!.replace(
                                /(-m\d+)?\.png$/,
                                `-m${run}${s.picture}${steps.indexOf(s)}.png`,
                            );
                            renameSync(paths[s.picture]!, moved);
                            paths[s.picture] = moved;
                        } else if (s.kind === 'rescan') {
                            await app.handlers['index.rescan'](undefined);
                        } else {
                            try {
                                await check(
                                    await app.handlers[s.kind === 'next' ? 'wallpaper.next' : 'wallpaper.previous'](
                                        undefined,
                                    ),
                                );
                            } catch (error) {
                                // The start or the end of the history: nothing changed on screen.
                                if (!(error instanceof ChameleonError)) throw error;
                            }
                        }
                    }
                } finally {
                    await app.close();
                }
            }),
            { numRuns: 60 },
        );
    }, 120_000);
});
