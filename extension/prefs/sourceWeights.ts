import { GLib } from '../lib/gi.js';
import { follow, getValue, setValue, type Prefs } from './context.js';
import { Adw, Gtk } from './gtk.js';
import { optionRow } from './rows.js';

const WEIGHTS_KEY = 'selection-source-weights';

/**
 * The "Folders" group of Smart Selection: how folders share the picks, and one weight per configured folder
 * (`selection-source-weights`, a{sd}, folder path → weight; a folder not listed has weight 1, which is not stored).
 */
export function sourceWeightsGroup(prefs: Prefs): Adw.PreferencesGroup {
    const { settings, _ } = prefs;
    const group = new Adw.PreferencesGroup({
        title: _('Folders'),
        description: _('A folder’s weight multiplies its chance: 2 is twice as often, 0.5 half as often, 0 never.'),
    });
    group.add(
        optionRow(
            prefs,
            'selection-source-balance',
            {
                title: _('Share of each folder'),
                subtitle: _('Whether a folder with more pictures is picked from more often.'),
            },
            [
                ['images', _('By number of pictures')],
                ['sources', _('The same for every folder')],
            ],
        ),
    );

    let rows: Adw.ActionRow[] = [];
    follow(prefs, ['folders', WEIGHTS_KEY], () => {
        const folders = settings.get_strv('folders');
        const weights = getValue(settings, WEIGHTS_KEY);
        // Rebuilding on every change would take the focus out of a spin button being typed in.
        if (rows.length === folders.length && rows.every((row, i) => row.subtitle === folders[i])) {
            rows.forEach((row, i) => {
                const spin = row.activatable_widget as Gtk.SpinButton;
                const weight = weights[folders[i]!] ?? 1;
                if (spin.value !== weight) spin.value = weight;
            });
            return;
        }
        for (const row of rows) group.remove(row);
        rows = folders.map((folder) => weightRow(prefs, folder, weights[folder] ?? 1));
        for (const row of rows) group.add(row);
    });
    return group;
}

function weightRow({ settings, _ }: Prefs, folder: string, weight: number): Adw.ActionRow {
    const row = new Adw.ActionRow({ title: GLib.path_get_basename(folder), subtitle: folder, use_markup: false });
    const spin = Gtk.SpinButton.new_with_range(0, 100, 0.1);
    spin.digits = 1;
    spin.value = weight;
    spin.valign = Gtk.Align.CENTER;
    spin.tooltip_text = _('Weight of this folder');
    spin.connect('value-changed', () => {
        const weights = getValue(settings, WEIGHTS_KEY);
        if ((weights[folder] ?? 1) === spin.value) return;
        if (spin.value === 1) delete weights[folder];
        else weights[folder] = spin.value;
        setValue(settings, WEIGHTS_KEY, weights);
    });
    row.add_suffix(spin);
    row.activatable_widget = spin;
    return row;
}
