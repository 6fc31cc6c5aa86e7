// "Import from Variety" on the Wallpapers page: runs `chameleon import-variety --json` (the backend takes over
// Variety's folders, favourites, bans and history) and says what it took over.
import { Gio } from '../lib/gi.js';
import type { VarietyImportJson } from '../lib/protocol.js';
import { commandArgv, runJsonCommand } from './backendCommands.js';
import type { Prefs } from './context.js';
import { Adw, Gtk } from './gtk.js';

export function varietyImportGroup(prefs: Prefs): Adw.PreferencesGroup {
    const { settings, cleanup, _ } = prefs;
    const group = new Adw.PreferencesGroup({ title: _('Coming from Variety?') });
    const row = new Adw.ActionRow({
        title: _('Import from Variety'),
        subtitle: _(
            'Takes over Variety’s wallpaper folders, favourites, banned downloads and history. ' +
                'Running it again adds only what is new.',
        ),
        use_markup: false,
        subtitle_selectable: true,
    });
    const button = new Gtk.Button({ label: _('Import'), valign: Gtk.Align.CENTER });
    row.add_suffix(button);
    group.add(row);

    let cancellable: Gio.Cancellable | null = null;
    cleanup.defer(() => cancellable?.cancel());
    button.connect('clicked', () => {
        const argv = commandArgv(settings.get_strv('backend-command'), ['import-variety', '--json']);
        if (!argv) {
            row.subtitle = _(
                'The backend command setting has no “serve” in it, so the import command cannot be worked out from it.',
            );
            return;
        }
        const own = (cancellable = new Gio.Cancellable());
        button.sensitive = false;
        row.subtitle = _('Importing…');
        void runJsonCommand<VarietyImportJson>(argv, own).then((result) => {
            if (own.is_cancelled()) return;
            button.sensitive = true;
            let summary: string;
            if ('missing' in result)
                summary = _(
                    'The Chameleon backend is not installed: from a checkout of Chameleon, run “npm ci && ' +
                        'npm run install-user”.',
                );
            else if ('error' in result) summary = `${_('The import failed')}: ${result.error}`;
            else summary = importSummary(result.value, _);
            row.subtitle = summary;
            const toast = new Adw.Toast({
                title: 'value' in result ? _('Variety’s setup imported') : _('The import did not work'),
                timeout: 5,
            });
            (row.get_root() as Adw.PreferencesWindow | null)?.add_toast?.(toast);
        });
    });
    return group;
}

/** What the import took over, one fact per line. */
export function importSummary(result: VarietyImportJson, _: (text: string) => string): string {
    return [
        `${_('Folders')}: ` +
            `${result.folders.join(', ') || _('none')}${result.foldersSaved ? '' : ` (${_('not saved')})`}`,
        `${result.favourites} ${_('favourites')}, ${result.banned} ${_('banned downloads')}, ` +
            `${result.history} ${_('history entries')}`,
        ...result.notes,
    ].join('\n');
}
