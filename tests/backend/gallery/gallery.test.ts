// The gallery and "set this picture" where the user meets them: the real backend over its stdio protocol, and
// the `chameleon` command alone and through a running backend.
import { copyFileSync, existsSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
    ErrorCode,
    PROTOCOL_VERSION,
    THUMBNAIL_PIXELS,
    type GalleryListJson,
    type WallpaperJson,
} from '../../../backend/src/protocol/messages.js';
import { BackendProcess } from '../../helpers/backendProcess.js';
import { writeNoise, writeNotAnImage, writeTruncated } from '../../helpers/images.js';
import { ROOT, makeSandbox, runCli, type Sandbox } from '../../helpers/sandbox.js';

const BACKGROUND = 'org.gnome.desktop.background';
/** Debian's emerald logo: a picture with transparency as a distribution ships it (see its SOURCE.md). */
const TRANSPARENT = join(ROOT, 'tests/fixtures/transparent/debian-emerald-logo.png');

let sandbox: Sandbox;
let backend: BackendProcess;
let walls: string;
let more: string;
let elsewhere: string;

beforeEach(async () => {
    sandbox = makeSandbox();
    walls = sandbox.folder('walls');
    more = sandbox.folder('more');
    elsewhere = sandbox.folder('downloads');
    await writeNoise(join(walls, 'a-red.jpg'), { width: 1600, height: 900, base: '#c0302a', seed: 1 });
    await writeNoise(join(walls, 'b-teal.jpg'), { width: 1600, height: 900, base: '#1b8a9c', seed: 2 });
    await writeNoise(join(walls, 'c-red.jpg'), { width: 1280, height: 720, base: '#b82222', seed: 3 });
    await writeNoise(join(more, 'd-blue.png'), { width: 800, height: 600, base: '#2a50c8', seed: 4 });
    copyFileSync(TRANSPARENT, join(more, 'e-logo.png'));
    backend = BackendProcess.start(sandbox);
    await backend.call('initialize', { protocolVersion: PROTOCOL_VERSION, config: { folders: [walls, more] } });
});
afterEach(async () => {
    await backend.stop();
    sandbox.cleanup();
});

async function pictureUri(): Promise<string> {
    return sandbox.gsettingsGet(BACKGROUND, 'picture-uri');
}

describe('wallpaper.set', () => {
    it(
        'shows a picture of the collection through the queue: palette, accent, history, and ' + 'previous goes back',
        async () => {
            const first = await backend.call('wallpaper.next');
            const chosen =
                join(walls, 'b-teal.jpg') === first.path ? join(walls, 'a-red.jpg') : join(walls, 'b-teal.jpg');
            const changed = backend.notification('wallpaper.changed');
            const set = await backend.call('wallpaper.set', { path: chosen });
            expect(await changed).toEqual({ wallpaper: set, reason: 'set' });
            expect(set).toMatchObject({ path: chosen, width: 1600, height: 900, favourite: false });
            expect(set.palette?.accentName).toBe(chosen.endsWith('teal.jpg') ? 'teal' : 'red');
            expect(await pictureUri()).toBe(`'${set.uri}'`);
            expect((await backend.call('history.list')).map((entry) => entry.path)).toEqual([chosen, first.path]);
            expect((await backend.call('wallpaper.previous')).path).toBe(first.path);
        },
    );

    it('runs in order with the changes around it, so the last asked is the one on screen', async () => {
        await backend.call('wallpaper.next');
        const blue = join(more, 'd-blue.png');
        const red = join(walls, 'c-red.jpg');
        const [picked, , last] = await Promise.all([
            backend.call('wallpaper.next'),
            backend.call('wallpaper.set', { path: blue }),
            backend.call('wallpaper.set', { path: red }),
        ]);
        expect(last.path).toBe(red);
        expect((await backend.call('wallpaper.current'))?.path).toBe(red);
        expect(await pictureUri()).toBe(`'${last.uri}'`);
        expect((await backend.call('history.list', { limit: 3 })).map((entry) => entry.path)).toEqual([
            red,
            blue,
            picked.path,
        ]);
    });

    it('shows a picture from outside the folders and records it, without adding it to the collection', async () => {
        const outside = await writeNoise(join(elsewhere, 'found.jpg'), {
            width: 1024,
            height: 768,
            base: '#7a4bc2',
            seed: 9,
        });
        const before = await backend.call('gallery.list');
        const set = await backend.call('wallpaper.set', { path: outside });
        expect(set).toMatchObject({ path: outside, width: 1024, height: 768 });
        expect(set.palette?.accentName).toBe('purple');
        expect(await pictureUri()).toBe(`'${set.uri}'`);
        expect((await backend.call('history.list'))[0]?.path).toBe(outside);
        expect((await backend.call('gallery.list')).total).toBe(before.total);
        expect((await backend.call('status')).images).toBe(5);
    });

    it('with a picture per monitor, shows the chosen picture on every monitor', async () => {
        const layout = [
            { index: 0, x: 0, y: 0, width: 640, height: 360, scale: 1, primary: true, name: 'DP-1' },
            { index: 1, x: 640, y: 0, width: 640, height: 360, scale: 1, name: 'HDMI-1' },
        ];
        await backend.call('config.update', { monitors: { layout, mode: 'per-monitor' } });
        const chosen = join(walls, 'b-teal.jpg');
        const set = await backend.call('wallpaper.set', { path: chosen });
        expect(set.monitors?.map((monitor) => monitor.path)).toEqual([chosen, chosen]);
        expect(await sandbox.gsettingsGet(BACKGROUND, 'picture-options')).toBe("'spanned'");
        expect((await backend.call('history.list'))[0]?.path).toBe(chosen);
    });

    it(
        'refuses what is not a picture (text named .jpg, a half-copied JPEG, a missing file) and ' + 'changes nothing',
        async () => {
            const shown = await backend.call('wallpaper.next');
            const text = await writeNotAnImage(join(elsewhere, 'notes.jpg'));
            const half = await writeTruncated(join(walls, 'a-red.jpg'), join(elsewhere, 'half.jpg'));
            for (const path of [text, half, join(elsewhere, 'gone.jpg')]) {
                const response = await backend.send('wallpaper.set', { path });
                expect(response.error?.code).toBe(ErrorCode.NotAPicture);
                expect(response.error?.message).toContain(path);
            }
            expect(await pictureUri()).toBe(`'${shown.uri}'`);
            expect(await backend.call('history.list')).toHaveLength(1);
            expect((await backend.send('wallpaper.set', {})).error?.code).toBe(ErrorCode.InvalidParams);
        },
    );
});

describe('gallery.list', () => {
    it('pages through the collection by path and filters by folder, favourites and colour family', async () => {
        const all = await backend.call('gallery.list');
        expect(all.total).toBe(5);
        expect(all.folders).toEqual([walls, more]);
        // By path: the sandbox's `more` folder sorts before `walls`.
        expect(all.items.map((item) => item.name)).toEqual([
            'd-blue.png',
            'e-logo.png',
            'a-red.jpg',
            'b-teal.jpg',
            'c-red.jpg',
        ]);
        const page = await backend.call('gallery.list', { offset: 2, limit: 2 });
        expect(page).toMatchObject({ total: 5, offset: 2 });
        expect(page.items.map((item) => item.name)).toEqual(['a-red.jpg', 'b-teal.jpg']);

        expect((await backend.call('gallery.list', { folder: more })).items.map((item) => item.name)).toEqual([
            'd-blue.png',
            'e-logo.png',
        ]);
        await backend.call('image.favourite', { path: join(walls, 'b-teal.jpg') });
        const favourites = await backend.call('gallery.list', { favourites: true });
        expect(favourites.items.map((item) => [item.name, item.favourite])).toEqual([['b-teal.jpg', true]]);

        // Families come from the colour analysis; before it, every picture is 'unknown'.
        expect((await backend.call('gallery.list', { family: 'red' })).total).toBe(0);
        await backend.call('index.analyse');
        const reds = await backend.call('gallery.list', { family: 'red' });
        expect(reds.items.map((item) => [item.name, item.family])).toEqual([
            ['a-red.jpg', 'red'],
            ['c-red.jpg', 'red'],
        ]);
        // The logo is mostly transparent: it is seen over GNOME's default blue background, and counted so.
        expect(
            (await backend.call('gallery.list', { family: 'blue', folder: more })).items.map((item) => item.name),
        ).toEqual(['d-blue.png', 'e-logo.png']);
    });

    it('refuses a folder that is not one of the collection and a family it does not know', async () => {
        expect((await backend.send('gallery.list', { folder: elsewhere })).error).toMatchObject({
            code: ErrorCode.FolderUnavailable,
        });
        expect((await backend.send('gallery.list', { family: 'mauve' })).error?.code).toBe(ErrorCode.InvalidParams);
    });

    it(
        'makes thumbnails once per content: small, upright, JPEG for photographs and PNG with ' + 'transparency',
        async () => {
            const listed = await backend.call('gallery.list');
            expect(listed.items.every((item) => item.thumbnail === null)).toBe(true);
            const made = await backend.call('gallery.list', { thumbnails: true });
            for (const item of made.items) {
                const meta = await sharp(item.thumbnail!).metadata();
                expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(THUMBNAIL_PIXELS);
                // The shape of the picture is kept.
                expect(Math.abs(meta.width! / meta.height! - item.width / item.height)).toBeLessThan(0.02);
                expect(meta.format).toBe(item.name === 'e-logo.png' ? 'png' : 'jpeg');
                if (item.name === 'e-logo.png') expect(meta.hasAlpha).toBe(true);
            }
            const first = made.items[0]!;
            const written = statSync(first.thumbnail!).mtimeMs;
            // Asked again, and after the picture is renamed: the same file, not made again.
            expect((await backend.call('gallery.list', { limit: 1 })).items[0]?.thumbnail).toBe(first.thumbnail);
            renameSync(first.path, join(walls, 'renamed.jpg'));
            const [again] = await backend.call('gallery.thumbnails', { paths: [join(walls, 'renamed.jpg')] });
            expect(again).toEqual({ path: join(walls, 'renamed.jpg'), thumbnail: first.thumbnail });
            expect(statSync(first.thumbnail!).mtimeMs).toBe(written);
        },
    );
});

describe('gallery.thumbnails', () => {
    it('turns a camera photo upright and names the problem of each file it cannot thumbnail', async () => {
        // Stored landscape with EXIF orientation 6 ("rotate 90° clockwise"), as phone cameras write portraits.
        const portrait = join(elsewhere, 'phone.jpg');
        await sharp({ create: { width: 400, height: 300, channels: 3, background: '#446688' } })
            .withMetadata({ orientation: 6 })
            .jpeg()
            .toFile(portrait);
        const text = await writeNotAnImage(join(elsewhere, 'notes.jpg'));
        const [upright, refused, missing] = await backend.call('gallery.thumbnails', {
            paths: [portrait, text, join(elsewhere, 'gone.png')],
        });
        const meta = await sharp(upright!.thumbnail!).metadata();
        expect(meta.height! > meta.width!).toBe(true);
        expect(refused).toMatchObject({
            path: text,
            thumbnail: null,
            problem: expect.stringMatching(/cannot decode .*notes\.jpg/),
        });
        expect(missing).toMatchObject({ thumbnail: null, problem: expect.stringMatching(/no such file/) });
    });
});

describe('gallery.recent', () => {
    it('lists the picture on screen and the ones before it, each once, newest first, with thumbnails', async () => {
        const a = join(walls, 'a-red.jpg');
        const b = join(walls, 'b-teal.jpg');
        const d = join(more, 'd-blue.png');
        for (const path of [a, b, a, d]) await backend.call('wallpaper.set', { path });
        const recent = await backend.call('gallery.recent');
        expect(recent.current?.path).toBe(d);
        expect(recent.recent.map((item) => item.path)).toEqual([a, b]);
        for (const item of [recent.current!, ...recent.recent]) expect(existsSync(item.thumbnail!)).toBe(true);
        expect((await backend.call('gallery.recent', { limit: 1 })).recent.map((item) => item.path)).toEqual([a]);
    });
});

describe('chameleon set and gallery', () => {
    it('go through the running backend, so the menu hears of the change', async () => {
        const changed = backend.notification('wallpaper.changed');
        const cli = await runCli(sandbox, ['set', join(walls, 'c-red.jpg'), '--json']);
        expect(cli.exitCode).toBe(0);
        const set = JSON.parse(cli.stdout) as WallpaperJson;
        expect(await changed).toEqual({ wallpaper: set, reason: 'set' });
        const gallery = JSON.parse(
            (await runCli(sandbox, ['gallery', '--folder', more, '--thumbnails', '--json'])).stdout,
        ) as GalleryListJson;
        expect(gallery.items.map((item) => item.name)).toEqual(['d-blue.png', 'e-logo.png']);
        expect(gallery.items.every((item) => item.thumbnail !== null && existsSync(item.thumbnail))).toBe(true);
    });

    it('work alone, and say clearly what is wrong', async () => {
        await backend.stop();
        const set = await runCli(sandbox, ['--folder', walls, 'set', join(walls, 'b-teal.jpg')]);
        expect(set.exitCode).toBe(0);
        expect(set.stdout).toMatch(/b-teal\.jpg\n {2}size {5}1600×900\n {2}accent {3}teal/);
        expect(await pictureUri()).toBe(`'file://${join(walls, 'b-teal.jpg')}'`);
        const history = await runCli(sandbox, ['history', '--json']);
        expect((JSON.parse(history.stdout) as { path: string }[])[0]?.path).toBe(join(walls, 'b-teal.jpg'));

        const text = await writeNotAnImage(join(elsewhere, 'notes.jpg'));
        const refused = await runCli(sandbox, ['set', text]);
        expect(refused).toMatchObject({ exitCode: 1, stdout: '' });
        expect(refused.stderr).toMatch(/notes\.jpg cannot be a wallpaper/);
        expect(await pictureUri()).toBe(`'file://${join(walls, 'b-teal.jpg')}'`);

        const gallery = await runCli(sandbox, ['--folder', walls, 'gallery', '--limit', '2']);
        // b-teal.jpg was set above: its thumbnail exists already, and is listed with it.
        expect(gallery.stdout.split('\n')).toEqual([
            `  unknown ${join(walls, 'a-red.jpg')}`,
            `  unknown ${join(walls, 'b-teal.jpg')}`,
            expect.stringMatching(/^ {12}thumbnail .*\/chameleon\/thumbnails\/[0-9a-f]{64}\.jpg$/),
            '1–2 of 3 pictures.',
        ]);
        expect((await runCli(sandbox, ['set'])).stderr).toMatch(/set needs the PATH of a picture/);
        expect((await runCli(sandbox, ['gallery', '--family', 'mauve'])).exitCode).toBe(2);
    });
});
