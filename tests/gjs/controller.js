// Scenarios for the BUILT controller (dist/extension/lib/controller.js): settings in, backend out, a recording
// view in place of the panel button, against the REAL backend. Run by tests/extension/lib/controller.test.ts with
// GSETTINGS_BACKEND=keyfile, GSETTINGS_SCHEMA_DIR=dist/extension/schemas and a test desktop schema that has
// accent-color (XDG_DATA_DIRS), so accent sync is observable.
import Gio from 'gi://Gio';
import { CleanupStack } from '../../dist/extension/lib/cleanup.js';
import { Controller } from '../../dist/extension/lib/controller.js';
import {
    check,
    env,
    kill,
    mainLoopDrained,
    ok,
    processExists,
    run,
    waitFor,
    waitUntil,
    within,
    RecordingView,
    runCommand,
} from './harness.js';

const cli = env('CHAMELEON_CLI');
const dataDir = env('CHAMELEON_DATA');
const folder = env('CHAMELEON_FOLDER');
const emptyFolder = env('CHAMELEON_EMPTY_FOLDER');
// The backend gets a keyfile of its own: two processes rewriting one keyfile lose each other's updates (the
// backend's picture-uri write can put back an accent-color we replaced a moment before), which dconf never does.
const backendConfig = env('CHAMELEON_BACKEND_CONFIG');

/** Runs the CLI as a user would while the extension's backend runs; resolves with its stdout. */
/** The CLI as a user runs it while the extension's backend runs (it talks to that backend over its socket). */
function runCli(args) {
    return runCommand(['node', cli, '--data-dir', dataDir, ...args]);
}

/** What the running backend says of itself (`chameleon status` over its socket). */
const backendStatus = async () => JSON.parse(await within(runCli(['status', '--json']), 30_000, 'chameleon status'));

/** Resolves once the backend has taken the folder setting (the extension forwards it as config.update). */
const backendUses = (path) =>
    waitUntil(
        backendStatus,
        (s) => s.folders.length === 1 && s.folders[0] === path,
        20_000,
        `the backend to use ${path}`,
    );

run(async () => {
    const settings = new Gio.Settings({ schema_id: 'org.gnome.shell.extensions.chameleon' });
    settings.set_strv('folders', [folder]);
    settings.set_uint('change-interval', 0);
    settings.set_boolean('accent-sync', true);
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
    settings.set_boolean('accent-sync-paused', false);
    settings.set_string('accent-before-sync', '');
    const desktop = new Gio.Settings({ schema_id: 'org.gnome.desktop.interface' });
    desktop.set_string('accent-color', 'slate'); // the test images are colourful: their accent is never slate
    // What GNOME draws: the extension sets it when the backend asks (desktop.apply), in this process.
    const background = new Gio.Settings({ schema_id: 'org.gnome.desktop.background' });
    const accent = () => desktop.get_string('accent-color');
    /** The menu, the desktop and the accent agree on the wallpaper (the backend's writes arrive by file monitor). */
    const agreed = () =>
        view.wallpaper !== null &&
        background.get_string('picture-uri') === view.wallpaper.uri &&
        accent() === view.wallpaper.palette?.accentName;

    const view = new RecordingView();
    const cleanup = new CleanupStack();
    const controller = new Controller({ settings, view, log: (line) => printerr(`[controller] ${line}`) });
    controller.start(cleanup);
    check(view.status === 'Starting the backend…', `first status: ${view.status}`);
    await waitFor(() => view.status === null && controller.backendPid !== null, 20_000, 'the backend to be ready');
    const pid = controller.backendPid;
    ok('started', `pid=${pid}`);

    await within(controller.next(), 20_000, 'next');
    const shown = view.wallpaper;
    check(shown?.path.startsWith(folder) && shown.palette?.colors.length === 16, `view shows ${JSON.stringify(shown)}`);
    check(view.status === null, `status after next: ${view.status}`);
    ok('next-shown', shown.name);

    const shownAccent = shown.palette.accentName;
    check(shownAccent !== 'slate', 'a colourful test image was given the grey accent');
    check(accent() === shownAccent, `accent-color is ${accent()}, palette says ${shownAccent}`);
    ok('accent-synced', shownAccent);

    // A change made with the CLI reaches the menu through a wallpaper.changed notification.
    const before = view.wallpapers.length;
    await within(runCli(['next']), 30_000, 'chameleon next');
    await waitFor(() => view.wallpapers.length > before, 5000, 'the menu to follow a CLI change');
    check(view.wallpaper.path !== shown.path || view.wallpapers.length > before, 'no new wallpaper');
    await waitFor(agreed, 5000, 'the accent to follow a CLI change');
    ok('cli-change-notified', view.wallpaper.name);

    // Rapid clicks: whatever the order answers and notifications come in, once all is done the menu shows the
    // wallpaper on the desktop and the accent is that wallpaper's.
    await within(
        Promise.all([
            controller.next(),
            controller.next(),
            controller.previous(),
            controller.next(),
            controller.next(),
        ]),
        60_000,
        'five quick changes',
    );
    await waitFor(
        agreed,
        5000,
        `menu ${view.wallpaper?.uri} / desktop ${background.get_string('picture-uri')} / accent ${accent()} to agree`,
    );
    ok('rapid-changes-agree', `${view.wallpaper.name} ${accent()}`);

    // The backend dies: the menu says so, then recovers by itself.
    kill(pid, 'KILL');
    await waitFor(() => view.statuses.includes('Backend restarting…'), 5000, '"Backend restarting…" in the menu');
    await waitFor(
        () => view.status === null && controller.backendPid !== null && controller.backendPid !== pid,
        15_000,
        'recovery',
    );
    ok('restart-shown');

    // Folders come from the settings (config.update): an empty folder gives the user a message to act on.
    settings.set_strv('folders', [emptyFolder]);
    await backendUses(emptyFolder);
    await within(controller.next(), 20_000, 'next with no images');
    check(
        view.status === 'No images in your wallpaper folders — add a folder in Preferences',
        `status: ${view.status}`,
    );
    ok('no-images-message');
    settings.set_strv('folders', [folder]);
    await backendUses(folder);
    await within(controller.next(), 20_000, 'next after folders came back');
    check(view.status === null && view.wallpaper.path.startsWith(folder), `status ${view.status}`);
    ok('folders-updated');

    // The user picks an accent by hand (another writer than accent sync): sync pauses, the menu says so and
    // offers to resume, and later changes leave the accent alone.
    check(!view.accentPaused, 'paused before any hand-picked accent');
    desktop.set_string('accent-color', 'slate');
    await waitFor(
        () => view.accentPaused && view.status === 'Accent chosen by hand — sync paused',
        5000,
        'the menu to say sync is paused',
    );
    await within(controller.next(), 20_000, 'next while paused');
    check(accent() === 'slate', `accent ${accent()} written while paused`);
    check(view.status === 'Accent chosen by hand — sync paused', `status while paused: ${view.status}`);
    ok('hand-pick-paused');
    controller.resumeAccentSync();
    check(
        !view.accentPaused && view.status === null,
        `after resume: paused ${view.accentPaused}, status ${view.status}`,
    );
    // The backend, told of the setting, sends the accent of the picture on screen again.
    await waitFor(
        () => accent() === view.wallpaper.palette.accentName,
        5000,
        `accent ${accent()} to follow the wallpaper after resume`,
    );
    ok('accent-resumed', accent());

    // Accent sync off: the accent the user had before sync changed it comes back, and changes leave it alone.
    settings.set_boolean('accent-sync', false);
    check(accent() === 'slate', `accent ${accent()} after turning accent sync off, the user had slate`);
    await within(controller.next(), 20_000, 'next with accent sync off');
    check(accent() === 'slate', 'accent written although accent-sync is off');
    ok('accent-sync-off');

    // backend-command is followed at once: a missing program is reported, the right one brings it back.
    const command = settings.get_strv('backend-command');
    settings.set_strv('backend-command', ['/nonexistent/chameleon', 'serve', '--stdio']);
    await waitFor(() => view.status?.startsWith('Backend not found'), 5000, '"Backend not found" in the menu');
    check(controller.backendPid === null, 'a backend still runs');
    settings.set_strv('backend-command', command);
    await waitFor(() => view.status === null && controller.backendPid !== null, 15_000, 'the backend to come back');
    ok('backend-command-followed');

    // The backend's timer: every change-interval "minutes" a timed change, none once it is set to 0.
    const beforeTimer = view.wallpapers.length;
    settings.set_uint('change-interval', 1);
    await waitFor(() => view.wallpapers.length >= beforeTimer + 2, 8000, 'two timed changes');
    settings.set_uint('change-interval', 0);
    // Off: nothing is due, and a change (which restarts the countdown when there is one) schedules none.
    await waitUntil(
        backendStatus,
        (s) => s.timer.everyMinutes === 0 && s.timer.nextAt === null,
        20_000,
        'the timer to be off',
    );
    const afterOff = view.wallpapers.length;
    await within(controller.next(), 20_000, 'next with the timer off');
    const timerAfter = (await backendStatus()).timer;
    check(timerAfter.nextAt === null, `a timed change is due at ${timerAfter.nextAt} with the timer off`);
    ok('timer', `${afterOff - beforeTimer} timed changes`);

    // A wallpaper set with GNOME Settings (another process writes picture-uri): the menu shows it, the accent
    // follows its palette, and the backend has it as the current wallpaper.
    settings.set_boolean('accent-sync', true); // turned off above
    // The backend sends the accent of the picture on screen; it is in the keyfile before another process rewrites
    // that file (the keyfile backend, unlike dconf, would otherwise put back an older accent).
    await waitFor(() => accent() === view.wallpaper.palette.accentName, 5000, 'the accent after turning sync on');
    Gio.Settings.sync();
    const elsewhere = env('CHAMELEON_ELSEWHERE');
    const elsewhereUri = `file://${elsewhere}`;
    await within(
        runCommand(['gsettings', 'set', 'org.gnome.desktop.background', 'picture-uri', elsewhereUri]),
        10_000,
        'gsettings set',
    );
    await waitFor(
        () => view.wallpaper?.path === elsewhere && view.wallpaper.palette !== null,
        15_000,
        'the menu to show the picture set elsewhere',
    );
    await waitFor(
        () => accent() === view.wallpaper.palette.accentName,
        5000,
        'the accent to follow the picture set elsewhere',
    );
    const current = JSON.parse(await runCli(['current', '--json']));
    check(current.path === elsewhere, `the backend's current wallpaper is ${current.path}`);
    ok('foreign-picture-followed', `${view.wallpaper.name} ${accent()}`);

    // disable(): the backend goes away and the view is left alone afterwards.
    const lastPid = controller.backendPid;
    cleanup.run();
    const seen = view.wallpapers.length + view.statuses.length;
    await waitFor(() => !processExists(lastPid), 5000, `backend ${lastPid} to exit after cleanup`);
    await mainLoopDrained(); // what the backend's exit set off (its pipes closing) has reached the controller
    check(view.wallpapers.length + view.statuses.length === seen, 'the view was updated after cleanup');
    check(controller.backendPid === null, 'pid after cleanup');
    ok('cleaned-up');

    // Enabling the extension again (a new controller) with change-on-start off, the default: the menu shows the
    // picture on screen and the picture stays. With it on: a new picture at start, and the menu shows it.
    const onScreen = background.get_string('picture-uri');
    const startAgain = async (what, shows = () => true) => {
        const again = new RecordingView();
        const againCleanup = new CleanupStack();
        const started = new Controller({ settings, view: again, log: (line) => printerr(`[controller] ${line}`) });
        started.start(againCleanup);
        await waitFor(
            () =>
                again.wallpaper !== null &&
                again.wallpaper.uri === background.get_string('picture-uri') &&
                shows(again.wallpaper),
            20_000,
            what,
        );
        const shownAtStart = again.wallpaper.uri;
        const backendPid = started.backendPid;
        againCleanup.run();
        await waitFor(() => !processExists(backendPid), 5000, `backend ${backendPid} to exit`);
        return shownAtStart;
    };
    check(!settings.get_boolean('change-on-start'), 'change-on-start is on by default');
    const keptAtStart = await startAgain('the menu to show the picture on screen at start');
    check(keptAtStart === onScreen, `the picture changed at start with change-on-start off: ${keptAtStart}`);
    settings.set_boolean('change-on-start', true);
    // The menu first shows the picture on screen (the backend's answer to initialize), then the new one.
    await startAgain('a new picture at start', (shown) => shown.uri !== onScreen);
    check(background.get_string('picture-uri') !== onScreen, 'no new picture at start with change-on-start on');
    settings.reset('change-on-start');
    ok('change-on-start');
});
