import { GLib } from '../lib/gi.js';
import { commandsRow } from './commandsRow.js';
import { follow, type Prefs } from './context.js';
import { Adw } from './gtk.js';
import { choosePath, rowButton, spinRow } from './rows.js';

const SCRIPT_KEY = 'set-wallpaper-script';

/**
 * The "Scripts" group: a Variety-compatible set_wallpaper script, commands to run after each change, and their time
 * limit.
 */
export function scriptsGroup(prefs: Prefs): Adw.PreferencesGroup {
    const { _ } = prefs;
    const group = new Adw.PreferencesGroup({ title: _('Scripts') });
    group.add(scriptRow(prefs));
    group.add(
        commandsRow(prefs, 'post-change-commands', {
            title: _('Commands after each change'),
            subtitle: _(
                'Each runs once the new wallpaper is set; {path}, {uri}, {accent} (#rrggbb) and ' +
                    '{accentName} are filled in.',
            ),
            placeholder: _('Add a command, e.g. notify-send "New wallpaper" {path}'),
        }),
    );
    group.add(
        spinRow(prefs, 'hook-timeout', {
            title: _('Time limit for scripts (seconds)'),
            subtitle: _('The set-wallpaper script and each command are stopped when they run longer than this.'),
            min: 1,
            max: 600,
            step: 1,
        }),
    );
    return group;
}

function scriptRow(prefs: Prefs): Adw.ActionRow {
    const { settings, _ } = prefs;
    const row = new Adw.ActionRow({ title: _('Set-wallpaper script'), use_markup: false, subtitle_selectable: true });
    row.add_suffix(
        rowButton('document-open-symbolic', _('Choose a script'), () =>
            choosePath(row, 'file', _('Choose a set-wallpaper script'), (path) =>
                settings.set_string(SCRIPT_KEY, path),
            ),
        ),
    );
    const clear = rowButton('edit-clear-symbolic', _('Use GNOME’s own settings again'), () =>
        settings.set_string(SCRIPT_KEY, ''),
    );
    row.add_suffix(clear);

    follow(prefs, [SCRIPT_KEY], () => {
        const path = settings.get_string(SCRIPT_KEY);
        clear.sensitive = path !== '';
        if (path === '')
            row.subtitle = _(
                'None: GNOME’s own settings set the wallpaper. A Variety-compatible set_wallpaper script ' +
                    'would be run as: script IMAGE auto|manual|refresh ORIGINAL_IMAGE DISPLAY_MODE.',
            );
        else if (!GLib.file_test(path, GLib.FileTest.IS_EXECUTABLE))
            row.subtitle =
                `${path}\n` +
                _(
                    'This file is not executable, so wallpapers cannot be set: ' +
                        'make it executable (chmod +x) or choose another.',
                );
        else row.subtitle = `${path}\n${_('Sets the wallpaper instead of GNOME’s own settings.')}`;
    });
    return row;
}
