// Scenarios for the BUILT accent sync (dist/extension/lib/accentSync.js) with the keyfile GSettings backend.
// Run by tests/extension/accentSync.test.ts with GSETTINGS_BACKEND=keyfile and a temporary XDG_CONFIG_HOME;
// ACCENT_EXPECT says which schema the wrapper installed: "absent" (GNOME 45/46, e.g. Debian bookworm's own)
// or "present" (a test schema with the accent-color enum plus one distribution-added colour, "bark").
import Gio from 'gi://Gio';
import { AccentSync, installedAccentNames } from '../../dist/extension/lib/accentSync.js';
import { check, env, ok, run } from './harness.js';

run(async () => {
    const expect = env('ACCENT_EXPECT');
    const sync = new AccentSync();
    if (expect === 'absent') {
        check(installedAccentNames() === null, `accent names on a schema without the key: ${installedAccentNames()}`);
        check(!sync.supported, 'supported without the key');
        check(sync.apply('blue') === false && sync.apply('purple') === false, 'apply wrote without the key');
        ok('absent-noop');
        return;
    }

    const names = installedAccentNames();
    check(names?.includes('blue') && names.includes('slate') && names.includes('bark'), `names read from the schema: ${names}`);
    ok('names-from-schema', names.join(','));
    const settings = new Gio.Settings({ schema_id: 'org.gnome.desktop.interface' });
    const writes = [];
    settings.connect('changed::accent-color', () => writes.push(settings.get_string('accent-color')));
    settings.get_string('accent-color'); // GSettings reports changes only for keys read after connecting

    check(sync.apply('purple') === true && settings.get_string('accent-color') === 'purple', 'purple not written');
    check(sync.apply('purple') === false, 'wrote the same value again');
    ok('writes-when-different');
    check(sync.apply('bark') === true && settings.get_string('accent-color') === 'bark', 'a distribution-added colour was refused');
    ok('distribution-colour');
    check(sync.apply('chartreuse') === false && settings.get_string('accent-color') === 'bark', 'wrote a colour the schema lacks');
    ok('unknown-colour-ignored');
    Gio.Settings.sync();
    check(writes.length <= 2, `changes seen: ${writes}`);
});
