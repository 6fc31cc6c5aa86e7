import { Gio } from '../lib/gi.js';
import type { BooleanKey, NumberKey, StringKey } from '../lib/settingsKeys.js';
import { follow, type Prefs } from './context.js';
import { Adw, Gtk } from './gtk.js';

export interface RowText {
    title: string;
    /** One sentence that says what the setting does. */
    subtitle: string;
}

/** A switch bound to a boolean key. */
export function switchRow(prefs: Prefs, key: BooleanKey, text: RowText): Adw.SwitchRow {
    const row = new Adw.SwitchRow(text);
    prefs.settings.bind(key, row, 'active', Gio.SettingsBindFlags.DEFAULT);
    return row;
}

export interface SpinText extends RowText {
    min: number;
    max: number;
    step: number;
    /** Decimal places shown; 0 for whole numbers. */
    digits?: number;
}

/** A number field bound to a numeric key (u or d); the range should be the schema's. */
export function spinRow(prefs: Prefs, key: NumberKey, { min, max, step, digits = 0, ...text }: SpinText): Adw.SpinRow {
    const row = Adw.SpinRow.new_with_range(min, max, step);
    row.title = text.title;
    row.subtitle = text.subtitle;
    row.digits = digits;
    prefs.settings.bind(key, row, 'value', Gio.SettingsBindFlags.DEFAULT);
    return row;
}

/**
 * A drop-down for a string key with a fixed set of values, each shown with its label. A value set elsewhere
 * that is not in the list shows as the first option.
 */
export function optionRow(
    prefs: Prefs,
    key: StringKey,
    text: RowText,
    options: readonly (readonly [value: string, label: string])[],
): Adw.ComboRow {
    const { settings } = prefs;
    const values = options.map(([value]) => value);
    const row = new Adw.ComboRow({ ...text, model: Gtk.StringList.new(options.map(([, label]) => label)) });
    let updating = false;
    row.connect('notify::selected', () => {
        const value = values[row.selected];
        if (!updating && value !== undefined && value !== settings.get_string(key)) settings.set_string(key, value);
    });
    follow(prefs, [key], () => {
        updating = true;
        row.selected = Math.max(0, values.indexOf(settings.get_string(key)));
        updating = false;
    });
    return row;
}

/** A flat icon button for the end of a row. */
export function rowButton(icon: string, tooltip: string, onClick: () => void): Gtk.Button {
    const button = new Gtk.Button({
        icon_name: icon,
        tooltip_text: tooltip,
        valign: Gtk.Align.CENTER,
        css_classes: ['flat'],
    });
    button.connect('clicked', onClick);
    return button;
}

/** Shows `error` in place of the title of an entry row (with the error style), or the title again when null. */
export function showRowError(row: Adw.EntryRow, title: string, error: string | null): void {
    row.title = error ?? title;
    if (error === null) row.remove_css_class('error');
    else row.add_css_class('error');
}

/** Opens the file or folder chooser and passes the chosen path on; dismissing it does nothing. */
export function choosePath(
    parent: Gtk.Widget,
    what: 'file' | 'folder',
    title: string,
    chosen: (path: string) => void,
): void {
    const dialog = new Gtk.FileDialog({ title, modal: true });
    const window = parent.get_root() as Gtk.Window | null;
    const finish = (get: () => { get_path(): string | null } | null): void => {
        let path: string | null;
        try {
            path = get()?.get_path() ?? null;
        } catch {
            return; // Dismissed by the user.
        }
        if (path) chosen(path);
    };
    if (what === 'folder')
        dialog.select_folder(window, null, (_d, result) => finish(() => dialog.select_folder_finish(result)));
    else dialog.open(window, null, (_d, result) => finish(() => dialog.open_finish(result)));
}
