// The BUILT controller as the Shell runs it, against the REAL backend: the extension applies what the backend
// decides (desktop.apply: pictures and accent), tells the backend about the desktop (colour scheme, monitor, allowed
// accents), follows the dark-style picture, and drives Smart Selection (favourite, trash, pause) — plus indexing
// progress from a stand-in backend. Run by tests/extension/lib/desktopIntegration.test.ts with
// GSETTINGS_BACKEND=keyfile
// (this process's keyfile under XDG_CONFIG_HOME; the backend gets another one), the built extension schema and a
// test org.gnome.desktop.interface whose accent enum lacks orange and yellow.
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import { CleanupStack } from '../../dist/extension/lib/cleanup.js';
import { Controller } from '../../dist/extension/lib/controller.js';
import { check, env, ok, run, waitFor, waitUntil, within, RecordingView, runCommand } from './harness.js';
import { startController } from './startController.js';

const cli = env('CHAMELEON_CLI');
const dataDir = env('CHAMELEON_DATA');
const folder = env('CHAMELEON_FOLDER');
const pairFolder = env('CHAMELEON_PAIR_FOLDER');
const backendConfig = env('CHAMELEON_BACKEND_CONFIG');
const progressBackend = env('CHAMELEON_PROGRESS_BACKEND');
const ALLOWED = ['blue', 'teal', 'green', 'red', 'pink', 'purple', 'slate', 'bark'];

/** The CLI as a user runs it while the extension's backend runs (it talks to that backend over its socket). */
function runCli(args) {
    return runCommand(['node', cli, '--data-dir', dataDir, ...args]);
}

const cliJson = async (args) =>
    JSON.parse(await within(runCli([...args, '--json']), 30_000, `chameleon ${args.join(' ')}`));

/** Resolves once the backend has taken the folder setting (the extension forwards it as config.update). */
const backendUses = (path) =>
    waitUntil(
        () => cliJson(['status']),
        (s) => s.folders.length === 1 && s.folders[0] === path,
        20_000,
        `the backend to use ${path}`,
    );

/** A MonitorSource as the Shell's layout manager would give it, with a monitor the test can change. */
class TestMonitors {
    size = { width: 1000, height: 800 };
    #watchers = new Set();
    layout() {
        return [{ index: 0, x: 0, y: 0, ...this.size, scale: 1, primary: true }];
    }
    watch(cleanup, onChanged) {
        this.#watchers.add(onChanged);
        cleanup.defer(() => this.#watchers.delete(onChanged));
    }
    change(size) {
        this.size = size;
        for (const onChanged of this.#watchers) onChanged();
    }
}

function fileExists(path) {
    return GLib.file_test(path, GLib.FileTest.EXISTS);
}

run(async () => {
    const settings = new Gio.Settings({ schema_id: 'org.gnome.shell.extensions.chameleon' });
    settings.set_strv('folders', [folder]);
    settings.set_uint('change-interval', 0);
    settings.set_boolean('accent-sync', true);
    settings.set_boolean('accent-sync-paused', false);
    settings.set_double('selection-min-size-percent', 50);
    // One "minute" of change-interval lasts a second in this backend, so its timer can be watched.
    settings.set_strv('backend-command', [
        'env',
        `XDG_CONFIG_HOME=${backendConfig}`,
        'CHAMELEON_MINUTE_MS=1000',
        'node',
        cli,
        'serve',
        '--stdio',
        '--data-dir',
        dataDir,
    ]);
    const desktop = new Gio.Settings({ schema_id: 'org.gnome.desktop.interface' });
    desktop.set_string('color-scheme', 'default');
    // Both read this process's keyfile, which only the extension writes: the backend's is another file.
    const background = new Gio.Settings({ schema_id: 'org.gnome.desktop.background' });
    const screensaver = new Gio.Settings({ schema_id: 'org.gnome.desktop.screensaver' });
    const lockPicture = screensaver.get_string('picture-uri');
    const backendKeyfile = `${backendConfig}/glib-2.0/settings/keyfile`;

    // Every time GNOME would hear of a wallpaper change, the light and the dark picture must agree on it.
    const seen = [];
    background.connect('changed', () =>
        seen.push([background.get_string('picture-uri'), background.get_string('picture-uri-dark')]),
    );
    background.get_string('picture-uri');
    background.get_string('picture-uri-dark');

    const monitors = new TestMonitors();
    const { view, cleanup, controller } = await startController(settings, { monitors });
    ok('started', `pid=${controller.backendPid}`);

    // The monitor size reaches the backend at start and when monitors change: 160×100 test images are under 50 %
    // of a 1000×800 monitor, and not of a 200×150 one.
    let stats = await cliJson(['stats']);
    check(
        stats.filtered.tooSmall === stats.images && stats.images > 0,
        `with a 1000×800 monitor: ${JSON.stringify(stats.filtered)} of ${stats.images}`,
    );
    monitors.change({ width: 200, height: 150 });
    stats = await waitUntil(
        () => cliJson(['stats']),
        (st) => st.filtered.tooSmall === 0,
        20_000,
        'no picture too small for a 200×150 monitor',
    );
    ok('monitor-forwarded', `${stats.images} images`);

    // desktop.apply: the extension writes the three keys; the backend ran no gsettings of its own.
    await within(controller.next(), 20_000, 'next');
    const shown = view.wallpaper;
    check(shown?.path.startsWith(folder), `view shows ${JSON.stringify(shown)}`);
    check(
        background.get_string('picture-uri') === shown.uri,
        `picture-uri ${background.get_string('picture-uri')} after next to ${shown.uri}`,
    );
    check(
        background.get_string('picture-uri-dark') === shown.uri,
        `picture-uri-dark ${background.get_string('picture-uri-dark')}`,
    );
    check(
        background.get_string('picture-options') === 'zoom',
        `picture-options ${background.get_string('picture-options')}`,
    );
    const backendWrote =
        fileExists(backendKeyfile) &&
        /picture-uri/.test(new TextDecoder().decode(GLib.file_get_contents(backendKeyfile)[1]));
    check(!backendWrote, `the backend wrote picture-uri into its own keyfile ${backendKeyfile}`);
    check(
        seen.length > 0 && seen.every(([uri, dark]) => uri === dark),
        `picture-uri / picture-uri-dark as GNOME saw them: ${JSON.stringify(seen)}`,
    );
    ok('set-by-extension', shown.name);

    // Allowed accent names come from the installed schema (here without orange and yellow).
    for (let i = 0; i < 3; i++) await within(controller.next(), 20_000, 'next');
    const accents = view.wallpapers.filter((w) => w?.palette).map((w) => w.palette.accentName);
    check(
        accents.every((name) => ALLOWED.includes(name)),
        `accents outside the installed enum: ${accents}`,
    );
    ok('allowed-accents', [...new Set(accents)].join(','));

    // GNOME's lock screen draws the desktop background, blurred, and never reads the screensaver's picture-uri:
    // there is no lock-screen switch to offer, and nothing is written there.
    check(!settings.settings_schema.has_key('lock-screen'), 'the schema still offers a lock-screen switch');
    check(
        screensaver.get_string('picture-uri') === lockPicture,
        `screensaver picture-uri written: ${screensaver.get_string('picture-uri')}`,
    );
    ok('lock-screen-untouched');

    // Dark style with a darker picture for it: the menu and the accent follow the picture GNOME shows.
    settings.set_strv('folders', [pairFolder]);
    settings.set_string('dark-wallpaper', 'darker');
    desktop.set_string('color-scheme', 'prefer-dark');
    await backendUses(pairFolder);
    for (let i = 0; i < 4 && !controller.current?.dark; i++)
        await within(controller.next(), 20_000, 'next in the pair folder');
    const pair = controller.current;
    check(pair?.dark && pair.dark.path !== pair.path, `no dark picture: ${JSON.stringify(pair)}`);
    check(
        background.get_string('picture-uri') === pair.uri &&
            background.get_string('picture-uri-dark') === pair.dark.uri,
        `keys ${background.get_string('picture-uri')} / ${background.get_string('picture-uri-dark')}`,
    );
    check(
        view.wallpaper.path === pair.dark.path && view.wallpaper.name === pair.dark.name,
        `dark style: menu shows ${view.wallpaper.name}`,
    );
    check(
        desktop.get_string('accent-color') === pair.dark.palette.accentName,
        `accent ${desktop.get_string('accent-color')} vs dark ${pair.dark.palette.accentName}`,
    );
    ok('dark-picture-shown', `${pair.dark.name} ${pair.dark.palette.accentName}`);
    desktop.set_string('color-scheme', 'default');
    await waitFor(
        () => view.wallpaper.path === pair.path,
        2000,
        'the menu to show the light picture after leaving dark style',
    );
    // The backend, told of the style, sends the light picture's accent.
    await waitFor(
        () => desktop.get_string('accent-color') === pair.palette.accentName,
        5000,
        `accent ${desktop.get_string('accent-color')} to become ${pair.palette.accentName}`,
    );
    ok('light-picture-shown', `${pair.name} ${pair.palette.accentName}`);
    settings.set_string('dark-wallpaper', 'same');
    settings.set_strv('folders', [folder]);
    await backendUses(folder);
    await within(controller.next(), 20_000, 'next back in the folder');

    // Favourite: the menu's toggle marks the picture on screen, and shows it again after moving away and back.
    await waitFor(() => view.favourite === false, 5000, 'the favourite state of the new wallpaper');
    const favourite = view.wallpaper.path;
    await within(controller.toggleFavourite(), 10_000, 'toggleFavourite');
    check(view.favourite === true, `favourite after toggling: ${view.favourite}`);
    const why = await cliJson(['why', favourite]);
    check(
        why.factors.some((f) => f.name === 'favourite' && f.detail !== 'not a favourite'),
        `chameleon why: ${JSON.stringify(why.factors)}`,
    );
    await within(controller.next(), 20_000, 'next');
    await waitFor(() => view.favourite === false, 5000, 'a new wallpaper that is not a favourite');
    await within(controller.previous(), 20_000, 'previous');
    await waitFor(
        () => view.wallpaper.path === favourite && view.favourite === true,
        5000,
        'the favourite again, marked',
    );
    await within(controller.toggleFavourite(), 10_000, 'toggleFavourite off');
    check(view.favourite === false, 'unmarking the favourite');
    ok('favourite');

    // Trash: the file goes to the user's trash, and another wallpaper comes.
    const doomed = view.wallpaper.path;
    const name = GLib.path_get_basename(doomed);
    await within(controller.trash(), 20_000, 'trash');
    check(!fileExists(doomed), `${doomed} still exists`);
    const trashed = `${GLib.get_user_data_dir()}/Trash/files/${name}`;
    check(fileExists(trashed), `${trashed} not in the trash`);
    check(
        view.wallpaper.path !== doomed && background.get_string('picture-uri') === view.wallpaper.uri,
        `after trash: ${view.wallpaper.path}`,
    );
    ok('trash', `${name} → ${view.wallpaper.name}`);

    // Pause: timed changes stop quietly (the backend's timer skips its turns), the menu follows the notification.
    await within(controller.togglePause(), 10_000, 'pause');
    check(view.selectionPaused && controller.selectionPaused, 'not paused after togglePause');
    const before = view.wallpapers.length;
    const statusesBefore = view.statuses.length;
    settings.set_uint('change-interval', 1);
    // A turn of the timer passes while paused: the change it was due for is skipped and the next turn scheduled.
    const firstDue = (
        await waitUntil(
            () => cliJson(['status']),
            (s) => s.timer.nextAt !== null,
            20_000,
            'a timed change to be due',
        )
    ).timer.nextAt;
    await waitUntil(
        () => cliJson(['status']),
        (s) => s.timer.nextAt !== null && s.timer.nextAt !== firstDue,
        20_000,
        'the turn to pass',
    );
    settings.set_uint('change-interval', 0);
    check(view.wallpapers.length === before, `${view.wallpapers.length - before} timed changes while paused`);
    check(
        view.statuses.slice(statusesBefore).every((s) => s === null),
        `status while paused: ${view.statuses.slice(statusesBefore)}`,
    );
    ok('paused-timer-quiet');
    await within(runCli(['resume']), 20_000, 'chameleon resume');
    await waitFor(() => !view.selectionPaused, 5000, 'the menu to follow a resume from the command line');
    await within(runCli(['pause']), 20_000, 'chameleon pause');
    await waitFor(() => view.selectionPaused, 5000, 'the menu to follow a pause from the command line');
    await within(controller.togglePause(), 10_000, 'resume');
    check(!view.selectionPaused, 'still paused');
    ok('pause-follows');

    // Never a half-written pair: the same picture for both styles, or the light picture with its dark one.
    const halfWritten = seen.filter(([uri, dark]) => uri !== dark && !(uri === pair.uri && dark === pair.dark.uri));
    check(halfWritten.length === 0, `picture-uri / picture-uri-dark disagreed: ${JSON.stringify(halfWritten)}`);
    ok('keys-always-agree', `${seen.length} changes`);

    const lastPid = controller.backendPid;
    cleanup.run();
    await waitFor(() => !GLib.file_test(`/proc/${lastPid}`, GLib.FileTest.EXISTS), 5000, 'the backend to exit');
    ok('cleaned-up');

    // Indexing and download progress, from a stand-in backend that sends them on cue (settings changes 1–4); it
    // records what it was told: the monitor layout with mutter's layout mode, and the keyring's API keys.
    const record = env('CHAMELEON_STANDIN_RECORD');
    const progressView = new RecordingView();
    const progressCleanup = new CleanupStack();
    settings.set_strv('backend-command', ['env', `CHAMELEON_STANDIN_RECORD=${record}`, 'node', progressBackend]);
    settings.set_string('online-sources', JSON.stringify([{ id: 'unsplash', kind: 'unsplash', enabled: true }]));
    const twoMonitors = {
        layout: () => [
            { index: 0, x: 0, y: 0, width: 1280, height: 800, scale: 1, primary: true },
            { index: 1, x: 1280, y: 0, width: 800, height: 1280, scale: 1, primary: false },
        ],
        watch: () => {},
    };
    const withProgress = new Controller({
        settings,
        view: progressView,
        monitors: twoMonitors,
        layoutMode: () => Promise.resolve('logical'),
        apiKeys: (ids) => Promise.resolve(Object.fromEntries(ids.map((id) => [id, `key-of-${id}`]))),
        log: () => {},
    });
    withProgress.start(progressCleanup);
    await waitFor(
        () => progressView.status === null && withProgress.backendPid !== null,
        10_000,
        'the stand-in backend',
    );
    const told = () =>
        new TextDecoder()
            .decode(GLib.file_get_contents(record)[1])
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line));
    await waitFor(
        () =>
            fileExists(record) &&
            told().some((m) => m.config?.monitors?.layoutMode === 'logical') &&
            told().some((m) => m.config?.online?.apiKeys),
        5000,
        'layout mode and API keys sent',
    );
    const initialize = told().find((m) => m.method === 'initialize');
    check(
        initialize?.config?.monitors?.layout?.length === 2,
        `initialize's monitors: ${JSON.stringify(initialize?.config?.monitors)}`,
    );
    const layoutUpdate = told().find((m) => m.config?.monitors?.layoutMode === 'logical');
    check(
        layoutUpdate.config.monitors.layout[1].height === 1280,
        `layout sent: ${JSON.stringify(layoutUpdate.config.monitors)}`,
    );
    check(
        told().find((m) => m.config?.online?.apiKeys)?.config.online.apiKeys.unsplash === 'key-of-unsplash',
        'API keys from the keyring lookup not sent',
    );
    ok('monitor-layout-and-keys-sent');

    settings.set_boolean('use-wallust', !settings.get_boolean('use-wallust'));
    await waitFor(
        () => /^Indexing 3.?214 \/ 10.?000$/.test(progressView.status ?? ''),
        5000,
        `"Indexing 3,214 / 10,000" (${progressView.status})`,
    );
    const shownText = progressView.status;
    settings.set_boolean('use-wallust', !settings.get_boolean('use-wallust'));
    await waitFor(() => progressView.status === null, 5000, 'the progress line to go when indexing is done');
    ok('index-progress', JSON.stringify(shownText));

    settings.set_boolean('use-wallust', !settings.get_boolean('use-wallust'));
    await waitFor(
        () => progressView.status === 'Downloading a picture: 45 % (2 waiting)',
        5000,
        `the download line (${progressView.status})`,
    );
    settings.set_boolean('use-wallust', !settings.get_boolean('use-wallust'));
    await waitFor(() => progressView.status === null, 5000, 'the download line to go when downloads are done');
    // A change of online-sources reads the keyring again, for the new source too.
    settings.set_string(
        'online-sources',
        JSON.stringify([
            { id: 'unsplash', kind: 'unsplash' },
            { id: 'wallhaven', kind: 'wallhaven' },
        ]),
    );
    await waitFor(
        () => told().some((m) => m.config?.online?.apiKeys?.wallhaven === 'key-of-wallhaven'),
        5000,
        "the new source's key",
    );
    progressCleanup.run();
    settings.set_string('online-sources', '');
    ok('download-progress');
});
