// Settings forwarding through the BUILT controller to the REAL backend: every key of the extension's schema goes
// to the backend in `initialize`, and each change as `config.update { settings: { KEY: value } }`. What the backend
// made of them is read with `chameleon status --json`, which asks the running backend over its control socket.
// Run by tests/extension/lib/settingsForwarding.test.ts with GSETTINGS_BACKEND=keyfile and the built schema.
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import { CleanupStack } from '../../dist/extension/lib/cleanup.js';
import { Controller } from '../../dist/extension/lib/controller.js';
import { check, env, ok, run, waitFor, within, runCommand } from './harness.js';

const cli = env('CHAMELEON_CLI');
const dataDir = env('CHAMELEON_DATA');
const folder = env('CHAMELEON_FOLDER');
const otherFolder = env('CHAMELEON_OTHER_FOLDER');
const copyTo = env('CHAMELEON_COPY_TO');
const TURNED_OFF = 'turned off in preferences';

/**
 * The running backend's status. The CLI gets no way to read the extension's schema (GSETTINGS_SCHEMA_DIR unset),
 * so what it reports can only have come from the backend the controller configured.
 */
async function backendStatus() {
    return JSON.parse(
        await runCommand(['node', cli, '--data-dir', dataDir, 'status', '--json'], { unset: ['GSETTINGS_SCHEMA_DIR'] }),
    );
}

run(async () => {
    const settings = new Gio.Settings({ schema_id: 'org.gnome.shell.extensions.chameleon' });
    settings.set_strv('folders', [folder]);
    settings.set_uint('change-interval', 0);
    settings.set_boolean('accent-sync', false);
    settings.set_boolean('use-wallust', false);
    settings.set_value('post-change-commands', new GLib.Variant('aas', [['cp', '{path}', copyTo]]));
    settings.set_strv('backend-command', ['node', cli, 'serve', '--stdio', '--data-dir', dataDir]);

    const statuses = [];
    const view = {
        showWallpaper() {},
        showStatus: (text) => statuses.push(text),
        showAccentPaused() {},
        showFavourite() {},
        showSelectionPaused() {},
    };
    const cleanup = new CleanupStack();
    const controller = new Controller({ settings, view, log: (line) => printerr(`[controller] ${line}`) });
    controller.start(cleanup);
    await waitFor(() => statuses.at(-1) === null && controller.backendPid !== null, 20_000, 'the backend to be ready');

    // Keys set before the backend started arrive with initialize.
    let status = await within(backendStatus(), 20_000, 'status');
    check(
        status.palette.wallustUnavailable === TURNED_OFF,
        `use-wallust false not forwarded: ${JSON.stringify(status.palette)}`,
    );
    check(status.folders.includes(folder), `folders not forwarded: ${JSON.stringify(status.folders)}`);
    ok('initialize-forwards', JSON.stringify(status.palette.wallustUnavailable));

    // Changes arrive as config.update, each key by its name.
    const poll = async (predicate, what) => {
        const start = GLib.get_monotonic_time();
        for (;;) {
            status = await within(backendStatus(), 20_000, 'status');
            if (predicate(status)) return;
            if (GLib.get_monotonic_time() - start > 15_000_000)
                throw new Error(`timed out waiting for ${what}: ${JSON.stringify(status)}`);
        }
    };
    settings.set_boolean('use-wallust', true);
    await poll((s) => s.palette.wallustUnavailable !== TURNED_OFF, 'use-wallust true to reach the backend');
    ok('use-wallust-on', JSON.stringify(status.palette.wallustUnavailable));
    settings.set_boolean('use-wallust', false);
    await poll((s) => s.palette.wallustUnavailable === TURNED_OFF, 'use-wallust false to reach the backend');
    ok('use-wallust-off');

    settings.set_strv('folders', [folder, otherFolder]);
    await poll((s) => s.folders.includes(otherFolder) && s.folders.includes(folder), 'the new folder list');
    settings.set_strv('folders', [otherFolder]);
    await poll(
        (s) => s.folders.length === 1 && s.folders[0] === otherFolder,
        'the folder list without the first folder',
    );
    settings.set_strv('folders', [folder]);
    await poll((s) => s.folders.length === 1 && s.folders[0] === folder, 'the first folder back');
    ok('folders-followed');

    // An array-of-arrays key (post-change-commands) arrives intact: its command runs with {path} filled in.
    await within(controller.next(), 20_000, 'next');
    check(GLib.file_test(copyTo, GLib.FileTest.EXISTS), `the post-change command did not run (${copyTo} missing)`);
    ok('post-change-commands-forwarded');

    cleanup.run();
    ok('cleaned-up');
});
