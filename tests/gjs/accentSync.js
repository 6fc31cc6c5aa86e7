// Scenarios for the BUILT accent sync (dist/extension/lib/accentSync.js) with the keyfile GSettings backend.
// Run by tests/extension/lib/accentSync.test.ts with GSETTINGS_BACKEND=keyfile, a temporary XDG_CONFIG_HOME and the
// extension's built schema (GSETTINGS_SCHEMA_DIR). ACCENT_EXPECT says which desktop schema the wrapper installed:
// "absent" (GNOME 45/46, e.g. Debian bookworm's own) or "present" (a test schema written from the documented
// accent-color nicks plus one distribution-added colour, "bark"; the real GNOME 47+ schema is exercised by the
// end-to-end suite). "Someone else" changes the accent with the gsettings tool, in another process, as GNOME
// Settings would.
import Gio from 'gi://Gio';
import { AccentSync, installedAccentNames } from '../../dist/extension/lib/accentSync.js';
import { CleanupStack } from '../../dist/extension/lib/cleanup.js';
import { check, env, ok, run, waitFor } from './harness.js';

/** `gsettings set org.gnome.desktop.interface accent-color NAME` in another process, as a user's Settings would. */
function setAccentElsewhere(name) {
    return new Promise((resolve, reject) => {
        const proc = Gio.Subprocess.new(
            ['gsettings', 'set', 'org.gnome.desktop.interface', 'accent-color', name],
            Gio.SubprocessFlags.NONE,
        );
        proc.wait_check_async(null, (_p, result) => {
            try {
                proc.wait_check_finish(result);
                resolve();
            } catch (e) {
                reject(e);
            }
        });
    });
}

run(async () => {
    const expect = env('ACCENT_EXPECT');
    const settings = new Gio.Settings({ schema_id: 'org.gnome.shell.extensions.chameleon' });
    let changes = 0;
    let userPicks = 0;
    const newSync = () =>
        new AccentSync({
            settings,
            onChanged: () => changes++,
            onUserAccent: () => userPicks++,
            log: (line) => printerr(`[accent] ${line}`),
        });

    if (expect === 'absent') {
        const sync = newSync();
        const cleanup = new CleanupStack();
        sync.start(cleanup);
        check(installedAccentNames() === null, `accent names on a schema without the key: ${installedAccentNames()}`);
        check(!sync.supported && !sync.paused, 'supported or paused without the key');
        sync.apply('blue');
        sync.apply('purple');
        sync.resume();
        check(sync.userAccent === null, 'a user accent on a GNOME without one');
        settings.set_boolean('accent-sync', false);
        check(settings.get_string('accent-before-sync') === '', 'remembered an accent on a GNOME without one');
        cleanup.run();
        ok('absent-noop');
        return;
    }

    const names = installedAccentNames();
    check(
        names?.includes('blue') && names.includes('slate') && names.includes('bark'),
        `names read from the schema: ${names}`,
    );
    ok('names-from-schema', names.join(','));

    const desktop = new Gio.Settings({ schema_id: 'org.gnome.desktop.interface' });
    const accent = () => desktop.get_string('accent-color');
    const writes = [];
    desktop.connect('changed::accent-color', () => writes.push(accent()));
    desktop.set_string('accent-color', 'slate'); // the user's own accent, before Chameleon
    settings.set_boolean('accent-sync', true);
    writes.length = 0;

    let cleanup = new CleanupStack();
    let sync = newSync();
    sync.start(cleanup);
    check(sync.supported && !sync.paused, 'not supported, or paused from the start');

    // (a)+(d) The accent the backend sends is written only when it differs; the user's own is remembered once, and
    // our own writes are never reported as the user's.
    check(sync.userAccent === 'slate', `user accent ${sync.userAccent} before sync`);
    sync.apply('purple');
    check(accent() === 'purple', `accent ${accent()} after following purple`);
    check(
        settings.get_string('accent-before-sync') === 'slate',
        `remembered ${settings.get_string('accent-before-sync')}`,
    );
    sync.apply('purple');
    sync.apply('red');
    check(settings.get_string('accent-before-sync') === 'slate', 'the remembered accent was replaced by one of ours');
    check(writes.join() === 'purple,red', `writes ${writes}`);
    check(
        userPicks === 0 && sync.userAccent === 'slate',
        `our own writes reported: ${userPicks}, user accent ${sync.userAccent}`,
    );
    ok('follows-and-remembers');

    sync.apply('bark');
    check(accent() === 'bark', 'a distribution-added colour was refused');
    sync.apply('chartreuse');
    check(accent() === 'bark', `wrote a colour the schema lacks: ${accent()}`);
    ok('distribution-colour');

    // (b) Someone else (the user, in Settings) picks an accent: sync pauses and says so, and does not fight.
    await setAccentElsewhere('green');
    await waitFor(() => sync.paused, 5000, 'sync to pause after the accent was chosen elsewhere');
    check(settings.get_boolean('accent-sync-paused'), 'the pause is not kept in the settings');
    check(changes > 0, 'the view was not told about the pause');
    check(
        settings.get_string('accent-before-sync') === '',
        'still remembers an accent to put back over the user’s choice',
    );
    check(
        userPicks === 1 && sync.userAccent === 'green',
        `the user's pick reported ${userPicks} times, user accent ${sync.userAccent}`,
    );
    // Sent before the backend heard of the pause: not written.
    sync.apply('red');
    sync.apply('teal');
    check(accent() === 'green', `sync fought the user's choice: ${accent()}`);
    ok('hand-pick-pauses');

    // The pause outlives the session (a new AccentSync, as after logging in again).
    cleanup.run();
    cleanup = new CleanupStack();
    sync = newSync();
    sync.start(cleanup);
    check(sync.paused, 'a new session forgot the pause');
    sync.apply('teal');
    check(accent() === 'green', 'a new session overrode the user’s choice');
    ok('pause-persists');

    // "Resume accent sync": the backend, told of the setting, sends the accent of the wallpaper on screen again;
    // the hand-picked one is what to put back.
    sync.resume();
    check(!sync.paused && !settings.get_boolean('accent-sync-paused'), 'still paused after resume');
    sync.apply('teal');
    check(accent() === 'teal', `accent ${accent()} after resume, wallpaper says teal`);
    check(
        settings.get_string('accent-before-sync') === 'green',
        `remembered ${settings.get_string('accent-before-sync')} after resume`,
    );
    ok('resume');

    // (c) Turning sync off puts back the accent the user had before sync changed it; on again follows again.
    settings.set_boolean('accent-sync', false);
    check(accent() === 'green', `accent ${accent()} after turning sync off`);
    check(settings.get_string('accent-before-sync') === '', 'the remembered accent was kept after putting it back');
    sync.apply('purple');
    const picksBefore = userPicks;
    await setAccentElsewhere('orange'); // while off, a change elsewhere pauses nothing, but it is the user's accent
    await waitFor(() => userPicks > picksBefore, 5000, 'the user accent to be reported while sync is off');
    check(
        accent() === 'orange' && !sync.paused && sync.userAccent === 'orange',
        `off: accent ${accent()}, paused ${sync.paused}`,
    );
    settings.set_boolean('accent-sync', true);
    sync.apply('purple');
    check(
        accent() === 'purple' && settings.get_string('accent-before-sync') === 'orange',
        `on again: accent ${accent()}`,
    );
    ok('off-restores-on-follows');

    // Off while paused: the accent on screen is the user's choice, and stays.
    await setAccentElsewhere('yellow');
    await waitFor(() => sync.paused, 5000, 'sync to pause');
    settings.set_boolean('accent-sync', false);
    check(accent() === 'yellow' && !settings.get_boolean('accent-sync-paused'), `off while paused: ${accent()}`);
    settings.set_boolean('accent-sync', true);
    sync.apply('purple');
    check(accent() === 'purple', 'turning sync on again did not follow the wallpaper');
    ok('off-while-paused');

    // Disabling the extension (cleanup) gives the user's own accent back; after that nothing is written.
    cleanup.run();
    check(accent() === 'yellow', `accent ${accent()} after disable: the user's own is yellow`);
    check(
        settings.get_string('accent-before-sync') === '',
        'the remembered accent was kept after disable gave it back',
    );
    sync.apply('blue');
    check(accent() === 'yellow', 'wrote after cleanup');
    ok('disable-restores');

    // Enabling again takes the accent over again, remembering the user's own once more.
    const again = newSync();
    const cleanupAgain = new CleanupStack();
    again.start(cleanupAgain);
    again.apply('purple');
    check(accent() === 'purple' && settings.get_string('accent-before-sync') === 'yellow', `after enable: ${accent()}`);
    cleanupAgain.run();
    check(accent() === 'yellow', `accent ${accent()} after the second disable`);
    settings.set_boolean('accent-sync', false);
    check(accent() === 'yellow', 'changed after cleanup');
    Gio.Settings.sync();
    ok('cleaned-up');
});
