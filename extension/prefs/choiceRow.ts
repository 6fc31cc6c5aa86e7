import type { StringKey } from '../lib/settingsKeys.js';
import type { Prefs } from './context.js';
import type { Adw } from './gtk.js';
import { optionRow, type RowText } from './rows.js';

export interface ChoiceRowOptions extends RowText {
    /** The values a string key may take, shown as they are. */
    values: readonly string[];
    /** The label of the empty string, shown first: "leave it to someone else". */
    unset: string;
}

/**
 * A drop-down for a string key with a fixed set of values plus '' ("unset"). A value set elsewhere that is not in
 * the list shows as "unset", which is also how the backend treats it.
 */
export function choiceRow(prefs: Prefs, key: StringKey, { values, unset, ...text }: ChoiceRowOptions): Adw.ComboRow {
    return optionRow(prefs, key, text, [['', unset], ...values.map((value) => [value, value] as const)]);
}
