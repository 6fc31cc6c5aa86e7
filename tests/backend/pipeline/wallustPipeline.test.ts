import {
    copyFileSync,
    existsSync,
    mkdirSync,
    readdirSync,
    readFileSync,
    renameSync,
    utimesSync,
    writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode, PROTOCOL_VERSION, type WallpaperJson } from '../../../backend/src/protocol/messages.js';
import { FAKE_WALLUST_DIR, expectedFakePaletteLower } from '../../fakes/wallust/expected.js';
import { BackendProcess } from '../../helpers/backendProcess.js';
import { writeRegions } from '../../helpers/images.js';
import { ROOT, makeSandbox, type Sandbox } from '../../helpers/sandbox.js';

const RECORD_ARGS = join(ROOT, 'tests/fixtures/record-args');

let sandbox: Sandbox;
let folder: string;
const backends: BackendProcess[] = [];

/** Distinct images: each a different colour with a different patch, so every file's content differs. */
async function makeImages(dir: string, count: number): Promise<string[]> {
    const paths: string[] = [];
    for (let i = 0; i < count; i++) {
        const hue = Math.round((360 * i) / count);
        const path = join(dir, `wall-${i}.png`);
        await writeRegions(path, {
            width: 160,
            height: 90,
            background: `#${((i * 2654435761) >>> 8).toString(16).padStart(6, '0').slice(0, 6)}`,
            regions: [{ x: i * 7, y: 10, w: 40, h: 30, hex: hue % 2 ? '#ffffff' : '#000000' }],
        });
        paths.push(path);
    }
    return paths;
}

async function startBackend(
    env: NodeJS.ProcessEnv = {},
    config: Record<string, unknown> = {},
): Promise<BackendProcess> {
    const backend = BackendProcess.start({ ...sandbox, env: { ...sandbox.env, ...env } });
    backends.push(backend);
    await backend.call('initialize', { protocolVersion: PROTOCOL_VERSION, config: { folders: [folder], ...config } });
    return backend;
}

function wallustRuns(log: string): string[][] {
    if (!existsSync(log)) return [];
    return readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { event: string; argv: string[] })
        .filter((entry) => entry.event === 'start' && entry.argv.includes('run'))
        .map((entry) => entry.argv);
}

function expectFakePalette(wallpaper: WallpaperJson): void {
    const expected = expectedFakePaletteLower(readFileSync(wallpaper.path));
    expect(wallpaper.palette).toMatchObject({ ...expected, extractor: 'wallust' });
}

beforeEach(async () => {
    sandbox = makeSandbox();
    sandbox.env.PATH = `${FAKE_WALLUST_DIR}:${process.env.PATH}`;
    folder = sandbox.folder('walls');
});
afterEach(async () => {
    await Promise.all(backends.splice(0).map((backend) => backend.stop()));
    sandbox.cleanup();
});

describe('set → palette → record with wallust', () => {
    it(
        'gives wallust the file itself when its alpha channel is opaque everywhere (as many ' + 'exported PNGs are)',
        async () => {
            const path = join(folder, 'export.png');
            await sharp({
                create: { width: 160, height: 90, channels: 4, background: { r: 40, g: 90, b: 200, alpha: 1 } },
            })
                .composite([
                    {
                        input: { create: { width: 40, height: 30, channels: 4, background: '#ffffffff' } },
                        top: 10,
                        left: 10,
                    },
                ])
                .png()
                .toFile(path);
            expect((await sharp(path).metadata()).channels, 'the fixture keeps its alpha channel').toBe(4);
            const backend = await startBackend();
            const wallpaper = await backend.call('wallpaper.next');
            await vi.waitFor(async () => expectFakePalette((await backend.call('wallpaper.current'))!), {
                timeout: 20_000,
                interval: 50,
            });
            expect(wallpaper.path).toBe(path);
        },
    );

    it(
        'records for every wallpaper the palette of its own content, however requests and wallust ' +
            'delays interleave',
        async () => {
            await makeImages(folder, 12);
            const setLog = join(sandbox.dir, 'sets.jsonl');
            const backend = await startBackend(
                { FAKE_WALLUST_DELAY_MS: '0-500', RECORD_FILE: setLog },
                { setWallpaperScript: RECORD_ARGS },
            );
            // What the menu learns: each change the moment it is on screen, its wallust palette when that is made.
            const changes: WallpaperJson[] = [];
            const listen = (method: string) =>
                void backend.notification(method).then((params) => {
                    changes.push((params as { wallpaper: WallpaperJson }).wallpaper);
                    listen(method);
                });
            listen('wallpaper.changed');
            listen('wallpaper.palette');

            // 50 requests, none waiting for an answer, with small random gaps: some arrive while a change is running,
            // some while others wait, some back to back.
            const answers: Promise<unknown>[] = [];
            for (let i = 0; i < 50; i++) {
                answers.push(backend.send('wallpaper.next'));
                if (i % 3 !== 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 150));
            }
            const responses = (await Promise.all(answers)) as { result?: WallpaperJson; error?: unknown }[];
            expect(responses.filter((r) => r.error)).toEqual([]);
            expect(responses).toHaveLength(50);

            const history = (await backend.call('history.list', { limit: 100 })).reverse();
            // Some requests were coalesced, but more than a couple of changes really happened.
            expect(history.length).toBeGreaterThan(3);
            expect(history.length).toBeLessThanOrEqual(50);
            for (const entry of history) expectFakePalette(entry);

            // Every recorded wallpaper was set, in the same order, and nothing else was.
            const sets = readFileSync(setLog, 'utf8')
                .trim()
                .split('\n')
                .map((line) => (JSON.parse(line) as string[])[0]);
            expect(sets).toEqual(history.map((entry) => entry.path));

            // Once idle, the desktop, the newest history entry, the last notification and its accent agree.
            const current = await backend.call('wallpaper.current');
            expect(current?.path).toBe(sets.at(-1));
            const { shownAt: _shownAt, ...newest } = history.at(-1)!;
            expect(current).toEqual(newest);
            expect(changes.at(-1)).toEqual(current);
            expect(responses.at(-1)?.result).toEqual(current);
        },
    );

    it('leaves GNOME showing the newest history entry once the queue drains', async () => {
        await makeImages(folder, 6);
        const backend = await startBackend({ FAKE_WALLUST_DELAY_MS: '0-200' });
        const answers = Array.from({ length: 20 }, () => backend.call('wallpaper.next'));
        const last = (await Promise.all(answers)).at(-1)!;
        const [newest] = await backend.call('history.list', { limit: 1 });
        expect(newest?.path).toBe(last.path);
        expectFakePalette(last);
        expect(await sandbox.gsettingsGet('org.gnome.desktop.background', 'picture-uri')).toBe(`'${last.uri}'`);
        expect(await sandbox.gsettingsGet('org.gnome.desktop.background', 'picture-uri-dark')).toBe(`'${last.uri}'`);
    });

    it('runs wallust once per image content: showing again and identical copies reuse the palette', async () => {
        const [a, b] = await makeImages(folder, 2);
        const log = join(sandbox.dir, 'wallust.jsonl');
        const backend = await startBackend({ FAKE_WALLUST_LOG: log });
        for (let i = 0; i < 6; i++) expectFakePalette(await backend.call('wallpaper.next'));
        expect(wallustRuns(log)).toHaveLength(2);

        const twin = sandbox.folder('twins');
        copyFileSync(a!, join(twin, 'copy-of-a.png'));
        const copy = await backend.call('wallpaper.next', { folders: [twin] });
        expect(copy.palette).toEqual((await backend.call('history.list')).find((h) => h.path === a)?.palette);
        expect(wallustRuns(log)).toHaveLength(2);
        expect(b).toBeTruthy();
    });

    it('never takes a newer cache file of another image for this one', async () => {
        const [image] = await makeImages(folder, 1);
        // A palette for some other content, under another hash, newer than anything wallust will write.
        const decoyDir = join(sandbox.env.XDG_CACHE_HOME!, 'wallust', 'zzzzzz_1.7');
        mkdirSync(decoyDir, { recursive: true });
        const decoy = join(decoyDir, 'FastResize_Lch_auto_Dark');
        const colors = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`color${i}`, '#ABCDEF']));
        writeFileSync(
            decoy,
            JSON.stringify({ cursor: '#ABCDEF', background: '#ABCDEF', foreground: '#ABCDEF', ...colors }, null, 2),
        );
        const future = new Date(Date.now() + 3600_000);
        utimesSync(decoy, future, future);

        const backend = await startBackend({ FAKE_WALLUST_DELAY_MS: '200' });
        const wallpaper = await backend.call('wallpaper.next');
        expect(wallpaper.path).toBe(image);
        expectFakePalette(wallpaper);
        expect(wallpaper.palette?.colors).not.toContain('#abcdef');
    });

    it.each([
        ['fails (exit 1)', { FAKE_WALLUST_FAIL: '1' }, {}, /wallust exited 1: .*Not enough colors!/],
        [
            'refuses its arguments (exit 2)',
            { FAKE_WALLUST_PALETTES: 'dark,light' },
            { wallustPalette: 'dark16' },
            /refused its arguments: .*invalid value 'dark16'/,
        ],
        [
            'hangs past the timeout',
            { FAKE_WALLUST_HANG: '1,ignore-term,child' },
            { wallustTimeoutSeconds: 1 },
            /timed out after 1 s/,
        ],
        ['writes an invalid palette', { FAKE_WALLUST_GARBAGE: '1' }, {}, /invalid/],
    ])('falls back to the built-in extractor when wallust %s, and says why', async (_, env, palette, reason) => {
        await makeImages(folder, 2);
        const log = join(sandbox.dir, 'wallust.jsonl');
        const backend = await startBackend({ ...env, FAKE_WALLUST_LOG: log }, { palette });
        const started = Date.now();
        const wallpaper = await backend.call('wallpaper.next');
        expect(Date.now() - started).toBeLessThan(8000);
        expect(wallpaper.palette).toMatchObject({ extractor: 'builtin' });
        expect(wallpaper.palette?.colors).toHaveLength(16);
        const status = await backend.call('status');
        expect(status.palette.extractor).toBe('wallust');
        expect(status.palette.lastFallback).toMatchObject({
            path: wallpaper.path,
            reason: expect.stringMatching(reason),
        });
        // The queue is not stuck: the next request is served too.
        expect((await backend.call('wallpaper.next')).path).not.toBe(wallpaper.path);
        // No wallust (nor a child it started) outlives its run.
        const pids = readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as { pid?: number; childPid?: number })
            .flatMap((entry) => [entry.pid, entry.childPid].filter((pid): pid is number => !!pid));
        // A process killed with SIGKILL is gone a moment later (the kernel tears it down asynchronously): allow that
        // moment, not more.
        const alive = (pid: number) => {
            try {
                return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
            } catch {
                return false;
            }
        };
        for (let waited = 0; waited < 2000 && pids.some(alive); waited += 50)
            await new Promise((resolve) => setTimeout(resolve, 50));
        expect(pids.filter(alive)).toEqual([]);
    });

    it.each([
        ['is not installed', { PATH: process.env.PATH }, {}, 'wallust not installed'],
        [
            'is a 4.0 alpha',
            { FAKE_WALLUST_VERSION: '4.0.0-alpha' },
            {},
            'wallust 4.0.0-alpha is not supported (3.x needed)',
        ],
        ['is turned off', {}, { useWallust: false }, 'turned off in preferences'],
    ])('uses the built-in extractor when wallust %s, and status says so', async (_, env, palette, reason) => {
        await makeImages(folder, 1);
        const backend = await startBackend(env, { palette });
        expect((await backend.call('wallpaper.next')).palette?.extractor).toBe('builtin');
        expect((await backend.call('status')).palette).toMatchObject({
            extractor: 'builtin',
            wallustUnavailable: reason,
            lastFallback: null,
        });
    });
});

describe('user scripts', () => {
    it('runs a Variety-compatible set_wallpaper script instead of GNOME settings', async () => {
        const [image] = await makeImages(folder, 1);
        const record = join(sandbox.dir, 'script.jsonl');
        const gnomeBefore = await sandbox.gsettingsGet('org.gnome.desktop.background', 'picture-uri');
        const backend = await startBackend(
            { RECORD_FILE: record, CHAMELEON_MINUTE_MS: '300' },
            { setWallpaperScript: RECORD_ARGS },
        );
        const timed = backend.notification('wallpaper.changed');
        await backend.call('wallpaper.next');
        await timed;
        // The backend's own timer, from the next change on: the script hears of it as Variety's 'auto'.
        const byTimer = backend.notification('wallpaper.changed');
        await backend.call('config.update', { changeIntervalMinutes: 1 });
        expect(await byTimer).toMatchObject({ reason: 'timer' });
        await backend.call('config.update', { changeIntervalMinutes: 0 });
        const calls = readFileSync(record, 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as string[]);
        expect(calls).toEqual([
            [image, 'manual', image, 'zoom'],
            [image, 'auto', image, 'zoom'],
        ]);
        expect(await sandbox.gsettingsGet('org.gnome.desktop.background', 'picture-uri')).toBe(gnomeBefore);
    });

    it.each([
        [
            'fails',
            { RECORD_EXIT: '3' },
            /set_wallpaper script .* exited with status 3: record-args: failing on purpose with 3/,
        ],
        ['hangs', { RECORD_HANG: '1' }, /did not finish within 1 s/],
    ])('refuses the change when the script %s, records nothing, and keeps serving', async (_, env, message) => {
        await makeImages(folder, 2);
        const backend = await startBackend(env, { setWallpaperScript: RECORD_ARGS, hookTimeoutSeconds: 1 });
        const response = await backend.send('wallpaper.next');
        expect(response.error).toMatchObject({ code: ErrorCode.SetFailed, message: expect.stringMatching(message) });
        expect(await backend.call('history.list')).toEqual([]);
        await backend.call('config.update', { setWallpaperScript: '' });
        expect((await backend.call('wallpaper.next')).palette).not.toBeNull();
    });

    it('runs post-change commands as argv lists with the new wallpaper filled in, never through a shell', async () => {
        await makeImages(folder, 1);
        const record = join(sandbox.dir, 'post.jsonl');
        const backend = await startBackend(
            { RECORD_FILE: record },
            { postChangeCommands: [[RECORD_ARGS, '{path}', '{accentName}', '$(touch pwned) ; {accent}']] },
        );
        const wallpaper = await backend.call('wallpaper.next');
        const [args] = readFileSync(record, 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as string[]);
        expect(args).toEqual([
            wallpaper.path,
            wallpaper.palette!.accentName,
            `$(touch pwned) ; ${wallpaper.palette!.accent}`,
        ]);
        expect(readdirSync(sandbox.dir)).not.toContain('pwned');
    });
});

describe('a file replaced while its palette is made', () => {
    it('gets no palette rather than the palette of other bytes', async () => {
        const [image, other] = await makeImages(folder, 2);
        const only = sandbox.folder('only');
        const target = join(only, 'changing.png');
        copyFileSync(image!, target);
        const log = join(sandbox.dir, 'replaced.jsonl');
        const backend = await startBackend({ FAKE_WALLUST_DELAY_MS: '800', FAKE_WALLUST_LOG: log });
        const pending = backend.call('wallpaper.next', { folders: [only] });
        // While wallust works on the first content, the file gets other bytes (as an editor's save would): wait
        // for wallust to have started on it, however busy the machine.
        await vi.waitFor(() => expect(wallustRuns(log)).toHaveLength(1), { timeout: 20_000, interval: 20 });
        const replacement = join(only, '.replacement.png');
        copyFileSync(other!, replacement);
        const later = new Date(Date.now() + 5000);
        utimesSync(replacement, later, later);
        renameSync(replacement, target);
        const wallpaper = await pending;
        expect(wallpaper.path).toBe(target);
        expect(wallpaper.palette).toBeNull();
        // Shown again, it gets the palette of what it holds now.
        const again = await backend.call('wallpaper.next', { folders: [only] });
        expect(again.palette).toMatchObject({
            ...expectedFakePaletteLower(readFileSync(other!)),
            extractor: 'wallust',
        });
    });
});
