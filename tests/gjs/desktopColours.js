// The BUILT controller against the REAL backend, for what the user sees of colours: a transparent picture's
// palette and accent are those of it over GNOME's primary-color (forwarded by the extension, followed when it
// changes), and a change is shown at once while its palette is still being made (wallust, here the faithful fake
// with a delay), the swatches and the accent following when the palette exists. Run by
// tests/extension/lib/desktopColours.test.ts.
import Gio from 'gi://Gio';
import { check, env, ok, run, runCommand, waitFor, within } from './harness.js';
import { startController } from './startController.js';

const cli = env('CHAMELEON_CLI');
const dataDir = env('CHAMELEON_DATA');
const transparentFolder = env('CHAMELEON_TRANSPARENT_FOLDER');
const folder = env('CHAMELEON_FOLDER');
const backendConfig = env('CHAMELEON_BACKEND_CONFIG');
const wallustDir = env('CHAMELEON_FAKE_WALLUST_DIR');

run(async () => {
    const settings = new Gio.Settings({ schema_id: 'org.gnome.shell.extensions.chameleon' });
    settings.set_strv('folders', [transparentFolder]);
    settings.set_uint('change-interval', 0);
    settings.set_boolean('accent-sync', true);
    settings.set_boolean('accent-sync-paused', false);
    settings.set_boolean('use-wallust', false);
    settings.set_boolean('background-analysis', false);
    settings.set_strv('backend-command', [
        'env',
        `XDG_CONFIG_HOME=${backendConfig}`,
        `PATH=${wallustDir}:${env('PATH')}`,
        'FAKE_WALLUST_DELAY_MS=1500',
        'node',
        cli,
        'serve',
        '--stdio',
        '--data-dir',
        dataDir,
    ]);
    const desktop = new Gio.Settings({ schema_id: 'org.gnome.desktop.interface' });
    desktop.set_string('accent-color', 'slate');
    const background = new Gio.Settings({ schema_id: 'org.gnome.desktop.background' });
    background.set_string('primary-color', '#c01c28');

    const { view, cleanup, controller } = await startController(settings);

    // A mostly transparent picture over a red desktop colour: red on screen, so a red palette and accent.
    await within(controller.next(), 20_000, 'next');
    check(
        view.wallpaper?.name === 'emerald.png' && view.wallpaper.palette?.accentName === 'red',
        `over red: ${JSON.stringify(view.wallpaper?.palette)}`,
    );
    await waitFor(() => desktop.get_string('accent-color') === 'red', 5000, 'the accent to follow');
    ok('over-primary-color', view.wallpaper.palette.background);

    // The user picks another desktop colour: the extension tells the backend, which repaints the picture on
    // screen over it (the backend has the colour once that palette arrives), and the next palette is over it too.
    background.set_string('primary-color', '#26a269');
    await waitFor(() => view.wallpaper.palette?.accentName === 'green', 10_000, 'the palette over the new colour');
    await within(controller.next(), 20_000, 'next after primary-color changed');
    check(view.wallpaper.palette?.accentName === 'green', `over green: ${JSON.stringify(view.wallpaper.palette)}`);
    ok('follows-primary-color');

    // Another colour while the picture stays: its palette and the accent follow without a change of wallpaper.
    const shownBefore = view.wallpaper.path;
    background.set_string('primary-color', '#c01c28');
    await waitFor(() => view.wallpaper.palette?.accentName === 'red', 10_000, 'the palette to follow the new colour');
    check(view.wallpaper.path === shownBefore, `the wallpaper changed: ${view.wallpaper.path}`);
    await waitFor(() => desktop.get_string('accent-color') === 'red', 5000, 'the accent to follow the new colour');
    ok('palette-follows-colour');

    // wallust takes 1.5 s: the menu names the new picture at once, then shows its palette and accent.
    settings.set_strv('folders', [folder]);
    settings.set_boolean('use-wallust', true);
    // The settings reach the backend in their own time: ask it (the CLI through its socket) until it has them.
    const configured = async () => {
        const status = JSON.parse(await runCommand(['node', cli, '--data-dir', dataDir, 'status', '--json']));
        return status.folders.includes(folder) && status.palette.extractor === 'wallust';
    };
    for (const start = Date.now(); !(await configured());)
        check(Date.now() - start < 20_000, 'the backend never took the new folder and wallust');
    const before = view.wallpapers.length;
    const change = controller.next();
    await waitFor(
        () => view.wallpapers.slice(before).some((w) => w?.path.startsWith(folder)),
        10_000,
        'the menu to name the new picture',
    );
    const first = view.wallpapers.slice(before).find((w) => w?.path.startsWith(folder));
    check(first.palette === null && first.palettePending === true, `first shown with ${JSON.stringify(first.palette)}`);
    await within(change, 20_000, 'the change to finish');
    await waitFor(
        () => view.wallpaper?.path === first.path && view.wallpaper.palette?.extractor === 'wallust',
        10_000,
        'the palette to follow',
    );
    await waitFor(
        () => desktop.get_string('accent-color') === view.wallpaper.palette.accentName,
        5000,
        'the accent to follow the palette',
    );
    ok('name-first-palette-after', `${first.name} ${view.wallpaper.palette.accentName}`);

    cleanup.run();
    ok('cleaned-up');
});
