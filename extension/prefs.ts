// Chameleon's preferences window (a separate GTK process: no Shell libraries here).
import { installedAccentNames } from './lib/accentSync.js';
import { backendArgv } from './lib/backendCommand.js';
import { CleanupStack } from './lib/cleanup.js';
import { Gio, GLib } from './lib/gi.js';
import { installAdviceHere } from './lib/installAdvice.js';
import { collectionPage } from './prefs/collectionPage.js';
import type { Prefs } from './prefs/context.js';
import { foldersGroup } from './prefs/folders.js';
import { galleryPage } from './prefs/galleryPage.js';
import { monitorsGroup } from './prefs/monitorsGroup.js';
import { overlayGroup } from './prefs/overlayGroup.js';
import { onlinePage } from './prefs/onlinePage.js';
import { varietyImportGroup } from './prefs/varietyImport.js';
import { Adw, ExtensionPreferences } from './prefs/gtk.js';
import { palettePage } from './prefs/palettePage.js';
import { spinRow, switchRow } from './prefs/rows.js';
import { selectionPage } from './prefs/selectionPage.js';
import { shortcutsGroup } from './prefs/shortcutsGroup.js';
import { themePage } from './prefs/themePage.js';

export default class ChameleonPreferences extends ExtensionPreferences {
    override async fillPreferencesWindow(window: Adw.PreferencesWindow): Promise<void> {
        const prefs: Prefs = {
            settings: this.getSettings(),
            cleanup: new CleanupStack(),
            _: (text: string): string => this.gettext(text),
        };
        window.connect('close-request', () => {
            prefs.cleanup.run();
            return false;
        });
        window.add(wallpapersPage(prefs));
        window.add(selectionPage(prefs));
        window.add(palettePage(prefs));
        window.add(themePage(prefs));
        window.add(onlinePage(prefs));
        window.add(collectionPage(prefs));
        window.add(galleryPage(prefs));
    }
}

function wallpapersPage(prefs: Prefs): Adw.PreferencesPage {
    const { settings, _ } = prefs;
    const page = new Adw.PreferencesPage({
        title: _('Wallpapers'),
        icon_name: 'preferences-desktop-wallpaper-symbolic',
    });
    if (!backendInstalled(settings)) page.add(backendMissingGroup(_));
    page.add(foldersGroup(prefs));

    const behaviour = new Adw.PreferencesGroup({ title: _('Behaviour') });
    behaviour.add(
        spinRow(prefs, 'change-interval', {
            title: _('Change every (minutes)'),
            subtitle: _('How often the next wallpaper comes up on its own; 0 = never.'),
            min: 0,
            max: 1440,
            step: 1,
        }),
    );
    behaviour.add(
        switchRow(prefs, 'change-on-start', {
            title: _('New wallpaper at login'),
            subtitle: _('Show the next wallpaper when Chameleon starts, instead of the one from last time.'),
        }),
    );
    behaviour.add(
        switchRow(prefs, 'accent-sync', {
            title: _('Accent colour follows the wallpaper'),
            subtitle:
                installedAccentNames() !== null
                    ? _(
                          "After each change, GNOME's accent colour is set to the one closest to the " +
                              "wallpaper's. Pick an accent by hand and sync pauses until you resume it from the " +
                              'menu; turning this off puts back the accent you had before.',
                      )
                    : _('Needs GNOME 47 or later: this version of GNOME has no accent colour setting.'),
        }),
    );
    page.add(behaviour);
    // After the shortcuts: the end-to-end suite clicks a shortcut row at a fixed place on this page.
    page.add(shortcutsGroup(prefs));
    page.add(monitorsGroup(prefs));
    page.add(overlayGroup(prefs));
    page.add(varietyImportGroup(prefs));
    return page;
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
            subtitle: installAdviceHere(_).text,
            subtitle_selectable: true,
            use_markup: false,
        }),
    );
    return group;
}
