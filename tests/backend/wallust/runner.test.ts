// The runner against the fake wallust: deterministic reads, cache hits without a process, typed
// failures, and no process left behind.

import { copyFile, readFile, utimes, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { contentHashOf, paletteCachePath } from '../../../backend/src/wallust/cacheKey.js';
import { WallustError } from '../../../backend/src/wallust/errors.js';
import type { WallustBackend } from '../../../backend/src/wallust/options.js';
import {
    detectWallust,
    errorSummary,
    wallustPalette,
    wallustRunArgs,
    type WallustPaletteOptions,
} from '../../../backend/src/wallust/runner.js';
import {
    expectedFakePalette,
    expectedFakePaletteLower,
    FAKE_WALLUST,
    FAKE_WALLUST_DIR,
} from '../../fakes/wallust/expected.js';
import { isAlive, makeImage, makeSandbox, readLog, runsLogged, until, writeText, type Sandbox } from './helpers.js';

async function rejection(p: Promise<unknown>): Promise<WallustError> {
    try {
        await p;
    } catch (err) {
        expect(err).toBeInstanceOf(WallustError);
        return err as WallustError;
    }
    throw new Error('expected a rejection');
}

describe('wallust runner', () => {
    let sb: Sandbox;
    let image: string;
    let opts: WallustPaletteOptions;
    beforeEach(async () => {
        sb = await makeSandbox();
        image = await makeImage(path.join(sb.images, 'a', 'sea.png'), [10, 90, 200]);
        opts = { binary: FAKE_WALLUST, env: sb.env };
    });
    afterEach(async () => {
        await sb.cleanup();
    });

    describe('detectWallust', () => {
        it('finds a supported wallust', async () => {
            const d = await detectWallust(FAKE_WALLUST, { env: sb.env });
            expect(d).toMatchObject({
                available: true,
                reason: null,
                problem: null,
                version: { major: 3, minor: 5, patch: 2 },
            });
        });

        it('finds `wallust` on PATH', async () => {
            const d = await detectWallust('wallust', {
                env: { ...sb.env, PATH: `${FAKE_WALLUST_DIR}:${process.env.PATH}` },
            });
            expect(d.available).toBe(true);
        });

        it.each([
            ['4.0.0-alpha', 'wallust 4.0.0-alpha is not supported (3.x needed)'],
            ['2.10.0', 'wallust 2.10.0 is not supported (3.x needed)'],
        ])('refuses wallust %s with a reason', async (version, reason) => {
            const d = await detectWallust(FAKE_WALLUST, { env: { ...sb.env, FAKE_WALLUST_VERSION: version } });
            expect(d).toMatchObject({ available: false, reason, problem: 'unsupported' });
        });

        it('reports a missing binary as not installed', async () => {
            expect(await detectWallust(path.join(sb.root, 'no', 'wallust'))).toMatchObject({
                available: false,
                reason: 'wallust not installed',
                problem: 'not-installed',
                version: null,
            });
            expect(await detectWallust('wallust', { env: { PATH: sb.root } })).toMatchObject({
                available: false,
                reason: 'wallust not installed',
            });
        });
    });

    describe('wallustPalette', () => {
        it("returns the palette of this image's content, lowercase", async () => {
            const p = await wallustPalette(image, opts);
            const expected = expectedFakePaletteLower(await readFile(image));
            expect(p).toMatchObject({ ...expected, fromCache: false });
            expect(p.colors).toHaveLength(16);
            expect(p.contentHash).toBe(contentHashOf(await readFile(image)));
            expect(p.cacheFile).toBe(
                path.join(sb.cacheHome, 'wallust', `${p.contentHash}_1.7`, 'FastResize_Lch_auto_Dark'),
            );
        });

        it('runs `wallust -q -s -T run -b … -c … -p … IMAGE` (argv, absolute image path)', async () => {
            const relative = path.relative(process.cwd(), image);
            await wallustPalette(relative, opts);
            const runs = await runsLogged(sb);
            expect(runs.map((r) => r.argv)).toEqual([
                ['-q', '-s', '-T', 'run', '-b', 'fastresize', '-c', 'lch', '-p', 'dark', image],
            ]);
        });

        it('reads a cache hit without running wallust at all', async () => {
            const first = await wallustPalette(image, opts);
            const second = await wallustPalette(image, opts);
            expect(second).toEqual({ ...first, fromCache: true });
            expect(await runsLogged(sb)).toHaveLength(1);
            expect((await readLog(sb)).filter((e) => e.argv?.includes('-V'))).toHaveLength(1);
        });

        it('runs once for identical files in two folders', async () => {
            const twin = path.join(sb.images, 'b', 'same.png');
            await mkdir(path.dirname(twin), { recursive: true });
            await copyFile(image, twin);
            const a = await wallustPalette(image, opts);
            const b = await wallustPalette(twin, opts);
            expect(b.fromCache).toBe(true);
            expect(b.colors).toEqual(a.colors);
            expect(await runsLogged(sb)).toHaveLength(1);
        });

        it('never takes a newer cache file of a different image', async () => {
            const other = await makeImage(path.join(sb.images, 'other.jpg'), [250, 20, 20], 'jpeg');
            await wallustPalette(image, opts);
            const decoy = await wallustPalette(other, opts);
            // Make the other image's palette the newest file in the whole cache.
            const future = new Date(Date.now() + 3_600_000);
            await utimes(decoy.cacheFile, future, future);

            const p = await wallustPalette(image, opts);
            expect(p.colors).toEqual(expectedFakePaletteLower(await readFile(image)).colors);
            expect(p.colors).not.toEqual(decoy.colors);

            // Also on a miss: the palette read after the run is this image's, not the newest file.
            const fresh = await makeImage(path.join(sb.images, 'fresh.png'), [1, 200, 1]);
            const q = await wallustPalette(fresh, opts);
            expect(q.fromCache).toBe(false);
            expect(q.colors).toEqual(expectedFakePaletteLower(await readFile(fresh)).colors);
        });

        it("uses the user's wallust.toml options, and explicit ones over them", async () => {
            await writeText(
                path.join(sb.configHome, 'wallust', 'wallust.toml'),
                'palette = "dark16"\nthreshold = 20\n',
            );
            const p = await wallustPalette(image, opts);
            expect(path.basename(p.cacheFile)).toBe('FastResize_Lch_20_Dark16');
            const q = await wallustPalette(image, { ...opts, options: { backend: 'kmeans', colorspace: 'lab' } });
            expect(path.basename(q.cacheFile)).toBe('Kmeans_Lab_20_Dark16');
            expect((await runsLogged(sb)).map((r) => r.argv?.slice(4))).toEqual([
                ['-b', 'fastresize', '-c', 'lch', '-p', 'dark16', '-t', '20', image],
                ['-b', 'kmeans', '-c', 'lab', '-p', 'dark16', '-t', '20', image],
            ]);
        });

        it(
            'reports a palette missing where the options say it should be (settings out of step with ' +
                'wallust.toml)',
            async () => {
                await writeText(path.join(sb.configHome, 'wallust', 'wallust.toml'), 'threshold = 30\n');
                const err = await rejection(
                    wallustPalette(image, {
                        ...opts,
                        settings: { backend: 'fastresize', colorspace: 'lch', palette: 'dark', threshold: null },
                    }),
                );
                expect(err.kind).toBe('no-palette');
                expect(err.message).toMatch(/^wallust finished but wrote no palette at .*FastResize_Lch_auto_Dark$/);
            },
        );

        it('with applyUserTheme, lets wallust apply templates and sequences, even on a cache hit', async () => {
            await wallustPalette(image, opts);
            await writeText(path.join(sb.configHome, 'wallust', 'bg.txt'), '{{background}}');
            await writeText(
                path.join(sb.configHome, 'wallust', 'wallust.toml'),
                `[templates]\nbg = { template = 'bg.txt', target = '${sb.root}/bg.out' }\n`,
            );
            const p = await wallustPalette(image, { ...opts, applyUserTheme: true });
            expect(p.fromCache).toBe(false);
            const runs = await runsLogged(sb);
            expect(runs).toHaveLength(2);
            expect(runs[1]!.argv).toEqual(['-q', 'run', '-b', 'fastresize', '-c', 'lch', '-p', 'dark', image]);
            expect(await readFile(path.join(sb.root, 'bg.out'), 'utf8')).toBe(
                expectedFakePalette(await readFile(image)).background,
            );
            await expect(readFile(path.join(sb.cacheHome, 'wallust', 'sequences'), 'utf8')).resolves.toContain(
                '\x1b]11;',
            );
        });

        it('skips `wallust -V` when given a detection', async () => {
            const detection = await detectWallust(FAKE_WALLUST, { env: sb.env });
            await wallustPalette(image, { ...opts, detection });
            await wallustPalette(await makeImage(path.join(sb.images, 'x.png'), [3, 3, 3]), { ...opts, detection });
            expect((await readLog(sb)).filter((e) => e.argv?.includes('-V'))).toHaveLength(1);
        });
    });

    describe('failures', () => {
        it("exit 1 → failed, with wallust's message", async () => {
            const err = await rejection(wallustPalette(image, { ...opts, env: { ...sb.env, FAKE_WALLUST_FAIL: '1' } }));
            expect(err.kind).toBe('failed');
            expect(err.message).toBe('wallust exited 1: Not enough colors!');
        });

        it('an image wallust cannot decode → failed', async () => {
            const bad = await writeText(path.join(sb.images, 'bad.jpg'), 'this is not a JPEG');
            const err = await rejection(wallustPalette(bad, opts));
            expect(err).toMatchObject({
                kind: 'failed',
                message: 'wallust exited 1: The image format could not be determined',
            });
        });

        it('a missing image → unreadable-image, without running wallust', async () => {
            const err = await rejection(wallustPalette(path.join(sb.images, 'gone.png'), opts));
            expect(err.kind).toBe('unreadable-image');
            expect(await readLog(sb)).toEqual([]);
        });

        it('a hang → killed with its whole process group within the timeout', async () => {
            const env = { ...sb.env, FAKE_WALLUST_HANG: 'ignore-term,child' };
            const detection = await detectWallust(FAKE_WALLUST, { env });
            const started = Date.now();
            const err = await rejection(wallustPalette(image, { ...opts, env, detection, timeoutMs: 1000 }));
            const elapsed = Date.now() - started;
            expect(err).toMatchObject({ kind: 'timeout', message: 'wallust timed out after 1 s' });
            expect(elapsed).toBeLessThan(1000 + 1500);

            const log = await readLog(sb);
            const run = log.find((e) => e.event === 'start' && e.argv?.includes('run'));
            const child = log.find((e) => e.event === 'child');
            expect(run && child).toBeTruthy();
            // Killed with their group: both go (the test times out if either stays).
            await until(() => !isAlive(run!.pid) && !isAlive(child!.childPid!));
        });

        it('an abort → aborted, with the process group killed', async () => {
            const controller = new AbortController();
            const pending = wallustPalette(image, {
                ...opts,
                env: { ...sb.env, FAKE_WALLUST_HANG: '1' },
                signal: controller.signal,
            });
            await until(async () => (await runsLogged(sb)).length > 0);
            controller.abort();
            const err = await rejection(pending);
            expect(err).toMatchObject({ kind: 'aborted', message: 'wallust was cancelled' });
            const run = (await runsLogged(sb))[0]!;
            await until(() => !isAlive(run.pid));
        });

        it('an abort before wallust starts → aborted, nothing run', async () => {
            const controller = new AbortController();
            controller.abort();
            const err = await rejection(wallustPalette(image, { ...opts, signal: controller.signal }));
            expect(err.kind).toBe('aborted');
            expect(await runsLogged(sb)).toEqual([]);
        });

        it('garbage in the palette file → invalid-palette; the next call regenerates it with -w', async () => {
            const err = await rejection(
                wallustPalette(image, { ...opts, env: { ...sb.env, FAKE_WALLUST_GARBAGE: '1' } }),
            );
            expect(err.kind).toBe('invalid-palette');
            expect(err.message).toMatch(/^wallust wrote an invalid palette: not JSON/);

            const p = await wallustPalette(image, opts);
            expect(p.colors).toEqual(expectedFakePaletteLower(await readFile(image)).colors);
            expect((await runsLogged(sb)).at(-1)!.argv).toContain('-w');
        });

        it('a cache entry with a bad colour is refused', async () => {
            const hash = contentHashOf(await readFile(image));
            const file = paletteCachePath(path.join(sb.cacheHome, 'wallust'), hash, {
                backend: 'fastresize',
                colorspace: 'lch',
                palette: 'dark',
            });
            await mkdir(path.dirname(file), { recursive: true });
            const doc: Record<string, string> = { cursor: '#000000', background: '#000000', foreground: 'white' };
            for (let i = 0; i < 16; i++) doc[`color${i}`] = '#111111';
            await writeFile(file, JSON.stringify(doc));
            // The fake trusts its cache like wallust does (all three files needed): only the palette file
            // exists, so it regenerates; the runner passes -w because the entry it found was broken.
            const p = await wallustPalette(image, opts);
            expect(p.foreground).toBe(expectedFakePaletteLower(await readFile(image)).foreground);
            expect((await runsLogged(sb))[0]!.argv).toContain('-w');
        });

        it('unsupported version → unsupported, with the reason', async () => {
            const err = await rejection(
                wallustPalette(image, { ...opts, env: { ...sb.env, FAKE_WALLUST_VERSION: '4.0.0-alpha' } }),
            );
            expect(err).toMatchObject({
                kind: 'unsupported',
                message: 'wallust 4.0.0-alpha is not supported (3.x needed)',
            });
            expect(await runsLogged(sb)).toEqual([]);
        });

        it('missing binary → not-installed', async () => {
            const err = await rejection(
                wallustPalette(image, { ...opts, binary: path.join(sb.root, 'nowhere', 'wallust') }),
            );
            expect(err).toMatchObject({ kind: 'not-installed', message: 'wallust not installed' });
        });

        it('arguments wallust refuses → usage', async () => {
            const settings = {
                backend: 'nope' as WallustBackend,
                colorspace: 'lch' as const,
                palette: 'dark' as const,
                threshold: null,
            };
            const err = await rejection(wallustPalette(image, { ...opts, settings }));
            expect(err.kind).toBe('usage');
            expect(err.message).toBe(
                "wallust refused its arguments: invalid value 'nope' for '--backend <BACKEND>' [possible " +
                    'values: full, resized, wal, thumb, fastresize, kmeans]',
            );
        });

        it('the image changing while wallust reads it → image-changed', async () => {
            // The new content is ready before wallust starts, and goes in as soon as it has: well inside its run.
            await makeImage(path.join(sb.images, 'tmp.png'), [0, 0, 0]);
            const env = { ...sb.env, FAKE_WALLUST_DELAY_MS: '1500' };
            const pending = wallustPalette(image, { ...opts, env });
            await until(async () => (await runsLogged(sb)).length > 0);
            await copyFile(path.join(sb.images, 'tmp.png'), image);
            const err = await rejection(pending);
            expect(err.kind).toBe('image-changed');
        });
    });

    describe('helpers', () => {
        it('folds anyhow reports into one line', () => {
            expect(errorSummary('Error: Not enough colors!\n')).toBe('Not enough colors!');
            expect(
                errorSummary(
                    'Error: Failed to read file /x/wallust.toml:\nIf you are switching from v2 to v3, use ' +
                        '`wallust migrate`.\n\nCaused by:\n    TOML parse error at line 1, column 11\n      |\n',
                ),
            ).toBe(
                'Failed to read file /x/wallust.toml: If you are switching from v2 to v3, use `wallust ' +
                    'migrate`.: TOML parse error at line 1, column 11',
            );
            expect(errorSummary('')).toBe('no message');
        });

        it('builds argv with threshold and -w', () => {
            expect(
                wallustRunArgs(
                    '/i.png',
                    { backend: 'wal', colorspace: 'lab', palette: 'light', threshold: 9 },
                    { overwriteCache: true },
                ),
            ).toEqual(['-q', '-s', '-T', 'run', '-b', 'wal', '-c', 'lab', '-p', 'light', '-t', '9', '-w', '/i.png']);
        });
    });
});
