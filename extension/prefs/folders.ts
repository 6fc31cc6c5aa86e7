import { GLib } from '../lib/gi.js';
import type { Gio } from '../lib/gi.js';
import { Adw, Gtk } from './gtk.js';

/**
 * The "Wallpaper folders" group: one row per folder with a remove button, and an add button that opens the
 * folder chooser. The rows follow the `folders` key, so changes made elsewhere (dconf, the CLI) show up too.
 * Returns the group and a function that disconnects it from the settings.
 */
export function foldersGroup(settings: Gio.Settings, _: (text: string) => string): [Adw.PreferencesGroup, () => void] {
    const group = new Adw.PreferencesGroup({
        title: _('Wallpaper folders'),
        description: _('Chameleon picks wallpapers from these folders and all their subfolders.'),
    });
    const addButton = new Gtk.Button({
        icon_name: 'list-add-symbolic',
        tooltip_text: _('Add a folder'),
        valign: Gtk.Align.CENTER,
        css_classes: ['flat'],
    });
    group.header_suffix = addButton;
    addButton.connect('clicked', () => {
        const dialog = new Gtk.FileDialog({ title: _('Add a wallpaper folder'), modal: true });
        dialog.select_folder(group.get_root() as Gtk.Window | null, null, (_dialog, result) => {
            let path: string | null;
            try {
                path = dialog.select_folder_finish(result)?.get_path() ?? null;
            } catch {
                return; // Dismissed by the user.
            }
            const folders = settings.get_strv('folders');
            if (path && !folders.includes(path)) settings.set_strv('folders', [...folders, path]);
        });
    });

    let rows: Adw.PreferencesRow[] = [];
    const placeholder = new Adw.ActionRow({ title: _('No folders yet — add one with the + button.') });
    const update = (): void => {
        for (const row of rows) group.remove(row);
        const folders = settings.get_strv('folders');
        rows = folders.length === 0 ? [placeholder] : folders.map((folder) => folderRow(settings, folder, _));
        for (const row of rows) group.add(row);
    };
    const id = settings.connect('changed::folders', update);
    update();
    return [group, () => settings.disconnect(id)];
}

function folderRow(settings: Gio.Settings, folder: string, _: (text: string) => string): Adw.ActionRow {
    const row = new Adw.ActionRow({ title: GLib.path_get_basename(folder), subtitle: folder, use_markup: false });
    const remove = new Gtk.Button({
        icon_name: 'user-trash-symbolic',
        tooltip_text: _('Remove this folder'),
        valign: Gtk.Align.CENTER,
        css_classes: ['flat'],
    });
    remove.connect('clicked', () => settings.set_strv('folders', settings.get_strv('folders').filter((f) => f !== folder)));
    row.add_suffix(remove);
    return row;
}
