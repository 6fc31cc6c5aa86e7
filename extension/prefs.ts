// Chameleon's preferences window (a separate GTK process: no Shell libraries here).
import { installedAccentNames } from './lib/accentSync.js';
import { backendArgv } from './lib/backendCommand.js';
import { Gio, GLib } from './lib/gi.js';
import { foldersGroup } from './prefs/folders.js';
import { palettePage } from './prefs/palettePage.js';
import { Adw, ExtensionPreferences } from './prefs/gtk.js';

export default class ChameleonPreferences extends ExtensionPreferences {
    override async fillPreferencesWindow(window: Adw.PreferencesWindow): Promise<void> {
        const settings = this.getSettings();
        const _ = (text: string): string => this.gettext(text);
        const page = new Adw.PreferencesPage({ title: _('Wallpapers'), icon_name: 'preferences-desktop-wallpaper-symbolic' });
        window.add(page);

        if (!backendInstalled(settings)) page.add(backendMissingGroup(_));

        const [folders, disconnectFolders] = foldersGroup(settings, _);
        page.add(folders);

        const behaviour = new Adw.PreferencesGroup({ title: _('Behaviour') });
        page.add(behaviour);

        const interval = Adw.SpinRow.new_with_range(0, 1440, 1);
        interval.title = _('Change every (minutes)');
        interval.subtitle = _('How often the next wallpaper comes up on its own; 0 = never.');
        settings.bind('change-interval', interval, 'value', Gio.SettingsBindFlags.DEFAULT);
        behaviour.add(interval);

        const accent = new Adw.SwitchRow({
            title: _('Accent colour follows the wallpaper'),
            subtitle: installedAccentNames() !== null
                ? _(
                      "After each change, GNOME's accent colour is set to the one closest to the wallpaper's. Pick an accent by hand and sync pauses until you resume it from the menu; turning this off puts back the accent you had before.",
                  )
                : _('Needs GNOME 47 or later: this version of GNOME has no accent colour setting.'),
        });
        settings.bind('accent-sync', accent, 'active', Gio.SettingsBindFlags.DEFAULT);
        behaviour.add(accent);

        const [palette, disconnectPalette] = palettePage(settings, _);
        window.add(palette);

        window.connect('close-request', () => {
            disconnectFolders();
            disconnectPalette();
            return false;
        });
    }
}

/** Whether the program the extension would start exists and is executable. */
function backendInstalled(settings: Gio.Settings): boolean {
    const [program] = backendArgv(settings.get_strv('backend-command'));
    return program !== undefined && GLib.find_program_in_path(program) !== null;
}

function backendMissingGroup(_: (text: string) => string): Adw.PreferencesGroup {
    const group = new Adw.PreferencesGroup({ title: _('Backend not installed') });
    group.add(
        new Adw.ActionRow({
            title: _('Chameleon needs its backend program, which is installed separately'),
            subtitle: _(
                'From a checkout of Chameleon, run "npm ci && npm run install-user". It installs the "chameleon" command into ~/.local/bin; then turn the extension off and on again.',
            ),
            subtitle_selectable: true,
            use_markup: false,
        }),
    );
    return group;
}
