// Scenarios for the BUILT controller's recent pictures (dist/extension/lib/recentPictures.js through the
// controller): the thumbnails the menu shows, "set this picture" from them, and a set from the command line,
// against the REAL backend. Run by tests/extension/lib/recentPictures.test.ts.
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import { check, env, ok, run, waitFor, within, RecordingView, runCommand } from './harness.js';
import { startController } from './startController.js';

const cli = env('CHAMELEON_CLI');
const dataDir = env('CHAMELEON_DATA');
const folder = env('CHAMELEON_FOLDER');
const notAPicture = env('CHAMELEON_NOT_A_PICTURE');
const elsewhere = env('CHAMELEON_ELSEWHERE');

/** The recording view, plus the recent pictures the menu is given. */
class RecentView extends RecordingView {
    recent = null;
    showRecent(recent) {
        this.recent = recent;
    }
}

run(async () => {
    const settings = new Gio.Settings({ schema_id: 'org.gnome.shell.extensions.chameleon' });
    settings.set_strv('folders', [folder]);
    settings.set_uint('change-interval', 0);
    settings.set_boolean('accent-sync', false);
    settings.set_strv('backend-command', ['node', cli, 'serve', '--stdio', '--data-dir', dataDir]);
    const background = new Gio.Settings({ schema_id: 'org.gnome.desktop.background' });

    const { view, cleanup, controller } = await startController(settings, { view: new RecentView() });
    // The menu is open: its recent pictures follow every change (closed, they are asked for when it opens).
    controller.menuOpenChanged(true);

    const shown = [];
    for (let i = 0; i < 3; i++) {
        await within(controller.next(), 20_000, 'next');
        shown.push(view.wallpaper.path);
    }
    /** The menu's list is for the picture on screen, and its thumbnails exist. */
    const listFor = (path) =>
        view.recent?.current?.path === path &&
        [view.recent.current, ...view.recent.recent].every((p) => GLib.file_test(p.thumbnail, GLib.FileTest.EXISTS));
    await waitFor(() => listFor(shown[2]), 20_000, `the recent list for ${shown[2]}`);
    const before = [...new Set([shown[1], shown[0]])].filter((path) => path !== shown[2]);
    check(
        JSON.stringify(view.recent.recent.map((p) => p.path)) === JSON.stringify(before),
        `recent ${JSON.stringify(view.recent.recent)} / shown ${shown}`,
    );
    ok('recent-listed', view.recent.recent.length);

    // A click on a recent picture: it is on screen, in the menu, and the list moves on.
    const chosen = view.recent.recent.at(-1).path;
    await within(controller.setPicture(chosen), 20_000, 'setPicture');
    check(
        view.wallpaper.path === chosen && view.status === null,
        `menu shows ${view.wallpaper.path}, status ${view.status}`,
    );
    check(
        background.get_string('picture-uri') === GLib.filename_to_uri(chosen, null),
        `picture-uri ${background.get_string('picture-uri')}`,
    );
    await waitFor(() => listFor(chosen), 20_000, `the recent list for ${chosen}`);
    check(
        !view.recent.recent.some((p) => p.path === chosen) && view.recent.recent[0].path === shown[2],
        `recent after set: ${JSON.stringify(view.recent.recent.map((p) => p.path))}`,
    );
    ok('recent-set');

    // Not a picture: the menu says why, and nothing changes.
    await within(controller.setPicture(notAPicture), 20_000, 'setPicture of a text file');
    check(view.status?.includes('cannot be a wallpaper'), `status: ${view.status}`);
    check(
        view.wallpaper.path === chosen && background.get_string('picture-uri') === GLib.filename_to_uri(chosen, null),
        'the wallpaper changed',
    );
    ok('not-a-picture-refused', view.status);

    // `chameleon set` from a terminal while the extension runs: the menu and its thumbnails follow.
    await within(runCommand(['node', cli, '--data-dir', dataDir, 'set', elsewhere]), 30_000, 'chameleon set');
    await waitFor(
        () => listFor(elsewhere) && view.wallpaper.path === elsewhere,
        20_000,
        'the menu to follow chameleon set',
    );
    check(
        view.recent.recent[0].path === chosen,
        `recent after chameleon set: ${JSON.stringify(view.recent.recent.map((p) => p.path))}`,
    );
    ok('cli-set-followed');

    cleanup.run();
    ok('cleaned-up');
}, 120_000);
