// The BUILT lib/gnomeShortcuts.js against GNOME's real keybinding schema as this machine installs it
// (gsettings-desktop-schemas: org.gnome.desktop.wm.keybindings). Run by tests/extension/lib/gnomeShortcuts.test.ts.
import { gnomeBindings, gnomeUses, normalizeAccelerator } from '../../dist/extension/lib/gnomeShortcuts.js';
import { check, ok, run } from './harness.js';

run(async () => {
    check(
        normalizeAccelerator('<Super><Alt>Right') === normalizeAccelerator('<Alt><Super>right'),
        'modifier order or key case matters',
    );
    check(
        normalizeAccelerator('<Mod4><Mod1>Right') === normalizeAccelerator('<Super><Alt>Right'),
        'Mod4/Mod1 are not Super/Alt',
    );
    check(normalizeAccelerator('<Primary>q') === normalizeAccelerator('<Control>q'), 'Primary is not Control');
    check(normalizeAccelerator('<Super><Alt>n') !== normalizeAccelerator('<Super>n'), 'a modifier was dropped');
    ok('normalized');

    const defaults = gnomeBindings('default');
    const right = gnomeUses(defaults, '<Alt><Super>Right').map((binding) => binding.id);
    check(
        right.includes('org.gnome.desktop.wm.keybindings switch-to-workspace-right'),
        `Super+Alt+Right is ${JSON.stringify(right)}`,
    );
    const summary = gnomeUses(defaults, '<Super><Alt>Right')[0]?.summary;
    check(/workspace/i.test(summary ?? ''), `summary ${summary}`);
    ok('gnome-binding-found', summary);

    for (const ours of ['<Super><Alt>n', '<Super><Alt>b', '<Super><Alt>f', '<Super><Alt>Delete', '<Super><Alt>p'])
        check(
            gnomeUses(defaults, ours).length === 0,
            `${ours} is GNOME's ${JSON.stringify(gnomeUses(defaults, ours))}`,
        );
    ok('ours-free');

    // What the user has now: the same as the defaults in a fresh session.
    const current = gnomeBindings('current');
    check(gnomeUses(current, '<Super><Alt>Left').length > 0, 'current bindings miss Super+Alt+Left');
    ok('current-read');
});
