import { accentGroup } from './accentGroup.js';
import { commandsRow } from './commandsRow.js';
import type { Prefs } from './context.js';
import { Adw } from './gtk.js';
import { lastRenderGroup } from './renderStatus.js';
import { optionRow, switchRow } from './rows.js';
import { statusFeed } from './statusFeed.js';
import { templatesGroup } from './templatesGroup.js';

/**
 * The "Theme" page: the accent the wallpaper gives GNOME, the palette for other programs (pywal files, templates,
 * reload commands) with how the last render went, the dark-style picture and the lock screen.
 */
export function themePage(prefs: Prefs): Adw.PreferencesPage {
    const { _ } = prefs;
    const page = new Adw.PreferencesPage({ title: _('Theme'), icon_name: 'applications-system-symbolic' });
    const feed = statusFeed(prefs);
    page.add(accentGroup(prefs, feed));

    const programs = new Adw.PreferencesGroup({
        title: _('Other programs'),
        description: _('Give each wallpaper’s palette to programs that can follow it: terminals, bars, editors.'),
    });
    programs.add(
        switchRow(prefs, 'write-pywal', {
            title: _('Write pywal colour files'),
            subtitle: _(
                'After each change, write the palette to ~/.cache/wal/colors.json, colors.sh and ' +
                    'colors.css, which programs that follow pywal read.',
            ),
        }),
    );
    programs.add(
        commandsRow(prefs, 'reload-commands', {
            title: _('Reload commands'),
            subtitle: _(
                'Run, without a shell, after the colour files and templates are written, so that programs ' +
                    'reload their colours; {path} and {accent} are filled in.',
            ),
            placeholder: _('Add a command, e.g. pkill -USR1 kitty'),
        }),
    );
    page.add(programs);
    page.add(templatesGroup(prefs, feed));
    page.add(lastRenderGroup(prefs, feed));

    const desktop = new Adw.PreferencesGroup({ title: _('Desktop') });
    desktop.add(
        optionRow(
            prefs,
            'dark-wallpaper',
            { title: _('Picture in dark style'), subtitle: _('What GNOME shows while it is in dark style.') },
            [
                ['same', _('The same picture')],
                ['darker', _('A darker picture from the collection')],
            ],
        ),
    );
    page.add(desktop);
    feed.refresh();
    return page;
}
