// Scenarios for the BUILT preferences' gallery commands (dist/extension/prefs/galleryCommands.js): the pages the
// Gallery grid shows, its filters, and a click's "set this picture", through the real `chameleon` command as the
// preferences run it. Run by tests/extension/prefs/galleryCommands.test.ts.
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import { GALLERY_STEP, loadGalleryPage, setPicture } from '../../dist/extension/prefs/galleryCommands.js';
import { check, env, ok, run, runCommand } from './harness.js';

const cli = env('CHAMELEON_CLI');
const dataDir = env('CHAMELEON_DATA');
const folder = env('CHAMELEON_FOLDER');
const other = env('CHAMELEON_OTHER_FOLDER');

run(async () => {
    const settings = new Gio.Settings({ schema_id: 'org.gnome.shell.extensions.chameleon' });
    settings.set_strv('folders', [folder, other]);
    const configured = ['node', cli, '--data-dir', dataDir, 'serve', '--stdio'];
    const exists = (path) => path !== null && GLib.file_test(path, GLib.FileTest.EXISTS);

    const first = await loadGalleryPage(configured, {}, 0, new Gio.Cancellable());
    check('value' in first, `gallery: ${JSON.stringify(first)}`);
    const { total, items, folders } = first.value;
    check(total === GALLERY_STEP + 6, `total ${total}`);
    check(
        items.length === GALLERY_STEP && items.every((item) => exists(item.thumbnail)),
        `first page: ${items.length} items, thumbnails ${items.map((i) => i.thumbnail)}`,
    );
    check(JSON.stringify(folders) === JSON.stringify([folder, other]), `folders ${folders}`);
    ok('first-page', total);

    const second = await loadGalleryPage(configured, {}, items.length, new Gio.Cancellable());
    check(
        second.value.items.length === 6 &&
            !second.value.items.some((item) => items.some((seen) => seen.path === item.path)),
        'the second page repeats the first',
    );
    ok('second-page');

    const inOther = await loadGalleryPage(configured, { folder: other }, 0, new Gio.Cancellable());
    check(
        inOther.value.total === 2 && inOther.value.items.every((item) => item.path.startsWith(`${other}/`)),
        `folder filter: ${JSON.stringify(inOther)}`,
    );
    await runCommand(['node', cli, '--data-dir', dataDir, 'favourite', inOther.value.items[1].path]);
    const favourites = await loadGalleryPage(configured, { favourites: true }, 0, new Gio.Cancellable());
    check(
        favourites.value.items.map((item) => item.path).join() === inOther.value.items[1].path,
        `favourites: ${JSON.stringify(favourites)}`,
    );
    ok('filters');

    const chosen = items[3].path;
    const set = await setPicture(configured, chosen, new Gio.Cancellable());
    check(set.value?.path === chosen, `set: ${JSON.stringify(set)}`);
    const background = new Gio.Settings({ schema_id: 'org.gnome.desktop.background' });
    check(
        background.get_string('picture-uri') === GLib.filename_to_uri(chosen, null),
        `picture-uri ${background.get_string('picture-uri')}`,
    );
    ok('set-picture');

    const refused = await setPicture(configured, `${folder}/missing.jpg`, new Gio.Cancellable());
    check(refused.error?.includes('no such file'), `refused: ${JSON.stringify(refused)}`);
    ok('error-shown');
}, 120_000);
