import type { Gio } from '../lib/gi.js';
import { Adw, Gtk } from './gtk.js';

export interface ChoiceRowOptions {
    title: string;
    subtitle: string;
    /** The values a string key may take, shown as they are. */
    values: readonly string[];
    /** The label of the empty string, shown first: "leave it to someone else". */
    unset: string;
}

/**
 * A drop-down for a string key with a fixed set of values plus '' ("unset"). A value set elsewhere that is not in
 * the list shows as "unset", which is also how the backend treats it. Returns the row and a function that
 * disconnects it from the settings.
 */
export function choiceRow(settings: Gio.Settings, key: string, options: ChoiceRowOptions): [Adw.ComboRow, () => void] {
    const values = ['', ...options.values];
    const row = new Adw.ComboRow({
        title: options.title,
        subtitle: options.subtitle,
        model: Gtk.StringList.new([options.unset, ...options.values]),
    });
    let updating = false;
    const update = (): void => {
        updating = true;
        row.selected = Math.max(0, values.indexOf(settings.get_string(key)));
        updating = false;
    };
    row.connect('notify::selected', () => {
        const value = values[row.selected] ?? '';
        if (!updating && value !== settings.get_string(key)) settings.set_string(key, value);
    });
    const id = settings.connect(`changed::${key}`, update);
    update();
    return [row, () => settings.disconnect(id)];
}
