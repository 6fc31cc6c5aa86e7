// Commands are stored as argv lists (type aas) and edited as one line each, split by `parseCommandLine` (quotes
// and backslashes as in a shell, but no shell runs it); a line that cannot be split is not saved and says why.
import { formatCommandLine, parseCommandLine } from '../lib/commandLine.js';
import type { KeysOf } from '../lib/settingsKeys.js';
import { follow, getValue, setValue, type Prefs } from './context.js';
import { Adw } from './gtk.js';
import { rowButton, showRowError, type RowText } from './rows.js';

/** An expander with one editable line per command of the `aas` key `key`, and an empty line to add one. */
export function commandsRow(
    prefs: Prefs,
    key: KeysOf<string[][]>,
    text: RowText & { placeholder: string },
): Adw.ExpanderRow {
    const { settings, _ } = prefs;
    const read = (): string[][] => getValue(settings, key);
    const write = (commands: string[][]): void => setValue(settings, key, commands);

    const expander = new Adw.ExpanderRow({ title: text.title, subtitle: text.subtitle });
    let rows: Adw.EntryRow[] = [];
    follow(prefs, [key], () => {
        for (const row of rows) expander.remove(row);
        const commands = read();
        rows = commands.map((argv, index) =>
            commandEntry(prefs, _('Command'), formatCommandLine(argv), (next) => {
                const all = read();
                if (next.length === 0) all.splice(index, 1);
                else all[index] = next;
                write(all);
            }),
        );
        rows.push(
            commandEntry(prefs, text.placeholder, '', (next) => {
                if (next.length > 0) write([...read(), next]);
            }),
        );
        for (const row of rows) expander.add_row(row);
        if (commands.length > 0) expander.expanded = true;
    });
    return expander;
}

/** An entry that saves with its apply button; an empty line removes the command. */
function commandEntry({ _ }: Prefs, title: string, text: string, save: (argv: string[]) => void): Adw.EntryRow {
    const row = new Adw.EntryRow({ title, text, show_apply_button: true });
    row.connect('changed', () => showRowError(row, title, null));
    row.connect('apply', () => {
        const parsed = parseCommandLine(row.text);
        if ('argv' in parsed) save(parsed.argv);
        // GLib's parser calls a blank line an error; for us it means "no command".
        else if (row.text.trim() === '') save([]);
        else showRowError(row, title, `${_('Not saved')}: ${parsed.error}`);
    });
    if (text !== '') row.add_suffix(rowButton('user-trash-symbolic', _('Remove this command'), () => save([])));
    return row;
}
