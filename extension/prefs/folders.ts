import { foldersInUse } from '../lib/foldersInUse.js';
import { GLib } from '../lib/gi.js';
import { follow, type Prefs } from './context.js';
import { Adw } from './gtk.js';
import { choosePath, rowButton } from './rows.js';

/**
 * The "Wallpaper folders" group: one row per folder with a remove button, and an add button that opens the
 * folder chooser. The rows follow the `folders` key, so changes made elsewhere (dconf, the CLI) show up too.
 */
export function foldersGroup(prefs: Prefs): Adw.PreferencesGroup {
    const { settings, _ } = prefs;
    const group = new Adw.PreferencesGroup({
        title: _('Wallpaper folders'),
        description: _('Chameleon picks wallpapers from these folders and all their subfolders.'),
    });
    group.header_suffix = rowButton('list-add-symbolic', _('Add a folder'), () =>
        choosePath(group, 'folder', _('Add a wallpaper folder'), (path) => {
            const folders = settings.get_strv('folders');
            if (!folders.includes(path)) settings.set_strv('folders', [...folders, path]);
        }),
    );

    let rows: Adw.PreferencesRow[] = [];
    const placeholder = new Adw.ActionRow({ title: _('No folders yet — add one with the + button.') });
    follow(prefs, ['folders'], () => {
        for (const row of rows) group.remove(row);
        // With no folder added, the backend uses the Pictures folder: show that, not "no folders".
        const inUse = foldersInUse(settings.get_strv('folders'));
        if (inUse.isDefault) rows = inUse.folders.map((folder) => defaultFolderRow(prefs, folder));
        else
            rows = inUse.folders.length === 0 ? [placeholder] : inUse.folders.map((folder) => folderRow(prefs, folder));
        for (const row of rows) group.add(row);
    });
    return group;
}

/** The Pictures folder, in use because no folder was added; adding any folder replaces it. */
function defaultFolderRow({ _ }: Prefs, folder: string): Adw.ActionRow {
    return new Adw.ActionRow({
        title: GLib.path_get_basename(folder),
        subtitle: `${folder} — ${_('used while no folder is added')}`,
        use_markup: false,
    });
}

function folderRow({ settings, _ }: Prefs, folder: string): Adw.ActionRow {
    const row = new Adw.ActionRow({ title: GLib.path_get_basename(folder), subtitle: folder, use_markup: false });
    row.add_suffix(
        rowButton('user-trash-symbolic', _('Remove this folder'), () =>
            settings.set_strv(
                'folders',
                settings.get_strv('folders').filter((f) => f !== folder),
            ),
        ),
    );
    return row;
}
