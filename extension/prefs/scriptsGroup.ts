import { formatCommandLine, parseCommandLine } from '../lib/commandLine.js';
import { Gio, GLib } from '../lib/gi.js';
import { Adw, Gtk } from './gtk.js';

const SCRIPT_KEY = 'set-wallpaper-script';
const COMMANDS_KEY = 'post-change-commands';

/**
 * The "Scripts" group: a Variety-compatible set_wallpaper script, commands to run after each change, and their
 * time limit. Returns the group and a function that disconnects it from the settings.
 */
export function scriptsGroup(settings: Gio.Settings, _: (text: string) => string): [Adw.PreferencesGroup, () => void] {
    const group = new Adw.PreferencesGroup({ title: _('Scripts') });
    const [script, disconnectScript] = scriptRow(settings, _);
    group.add(script);
    const [commands, disconnectCommands] = commandsRow(settings, _);
    group.add(commands);

    const timeout = Adw.SpinRow.new_with_range(1, 600, 1);
    timeout.title = _('Time limit for scripts (seconds)');
    timeout.subtitle = _('The set-wallpaper script and each command are stopped when they run longer than this.');
    settings.bind('hook-timeout', timeout, 'value', Gio.SettingsBindFlags.DEFAULT);
    group.add(timeout);

    return [
        group,
        () => {
            disconnectScript();
            disconnectCommands();
        },
    ];
}

function scriptRow(settings: Gio.Settings, _: (text: string) => string): [Adw.ActionRow, () => void] {
    const row = new Adw.ActionRow({ title: _('Set-wallpaper script'), use_markup: false, subtitle_selectable: true });
    const choose = new Gtk.Button({
        icon_name: 'document-open-symbolic',
        tooltip_text: _('Choose a script'),
        valign: Gtk.Align.CENTER,
        css_classes: ['flat'],
    });
    const clear = new Gtk.Button({
        icon_name: 'edit-clear-symbolic',
        tooltip_text: _('Use GNOME’s own settings again'),
        valign: Gtk.Align.CENTER,
        css_classes: ['flat'],
    });
    row.add_suffix(choose);
    row.add_suffix(clear);

    choose.connect('clicked', () => {
        const dialog = new Gtk.FileDialog({ title: _('Choose a set-wallpaper script'), modal: true });
        dialog.open(row.get_root() as Gtk.Window | null, null, (_dialog, result) => {
            let path: string | null;
            try {
                path = dialog.open_finish(result)?.get_path() ?? null;
            } catch {
                return; // Dismissed by the user.
            }
            if (path) settings.set_string(SCRIPT_KEY, path);
        });
    });
    clear.connect('clicked', () => settings.set_string(SCRIPT_KEY, ''));

    const update = (): void => {
        const path = settings.get_string(SCRIPT_KEY);
        clear.sensitive = path !== '';
        if (path === '')
            row.subtitle = _(
                'None: GNOME’s own settings set the wallpaper. A Variety-compatible set_wallpaper script would be run as: script IMAGE auto|manual|refresh ORIGINAL_IMAGE DISPLAY_MODE.',
            );
        else if (!GLib.file_test(path, GLib.FileTest.IS_EXECUTABLE))
            row.subtitle = `${path}\n${_('This file is not executable, so wallpapers cannot be set: make it executable (chmod +x) or choose another.')}`;
        else row.subtitle = `${path}\n${_('Sets the wallpaper instead of GNOME’s own settings.')}`;
    };
    const id = settings.connect(`changed::${SCRIPT_KEY}`, update);
    update();
    return [row, () => settings.disconnect(id)];
}

/**
 * One editable line per command, split into a program and its arguments by `parseCommandLine` (quotes and
 * backslashes as in a shell, but no shell runs it); a line that cannot be split is not saved and says why.
 */
function commandsRow(settings: Gio.Settings, _: (text: string) => string): [Adw.ExpanderRow, () => void] {
    const read = (): string[][] => settings.get_value(COMMANDS_KEY).deepUnpack() as string[][];
    const write = (commands: string[][]): void => {
        // Cast: libadwaita's typings bring their own copy of GLib's, whose Variant type differs only on paper.
        settings.set_value(COMMANDS_KEY, new GLib.Variant('aas', commands) as Parameters<Gio.Settings['set_value']>[1]);
    };

    const expander = new Adw.ExpanderRow({
        title: _('Commands after each change'),
        subtitle: _('Each runs once the new wallpaper is set; {path}, {uri}, {accent} (#rrggbb) and {accentName} are filled in.'),
    });

    let rows: Adw.EntryRow[] = [];
    const update = (): void => {
        for (const row of rows) expander.remove(row);
        const commands = read();
        rows = commands.map((argv, index) =>
            commandEntry(_('Command'), formatCommandLine(argv), _, (next) => {
                const all = read();
                if (next.length === 0) all.splice(index, 1);
                else all[index] = next;
                write(all);
            }),
        );
        rows.push(
            commandEntry(_('Add a command, e.g. notify-send "New wallpaper" {path}'), '', _, (next) => {
                if (next.length > 0) write([...read(), next]);
            }),
        );
        for (const row of rows) expander.add_row(row);
        if (commands.length > 0) expander.expanded = true;
    };
    const id = settings.connect(`changed::${COMMANDS_KEY}`, update);
    update();
    return [expander, () => settings.disconnect(id)];
}

/** An entry that saves with its apply button; an empty line removes the command. */
function commandEntry(title: string, text: string, _: (text: string) => string, save: (argv: string[]) => void): Adw.EntryRow {
    const row = new Adw.EntryRow({ title, text, show_apply_button: true });
    const showError = (error: string | null): void => {
        row.title = error === null ? title : `${_('Not saved')}: ${error}`;
        if (error === null) row.remove_css_class('error');
        else row.add_css_class('error');
    };
    row.connect('changed', () => showError(null));
    row.connect('apply', () => {
        const parsed = parseCommandLine(row.text);
        if ('argv' in parsed) save(parsed.argv);
        // GLib's parser calls a blank line an error; for us it means "no command".
        else if (row.text.trim() === '') save([]);
        else showError(parsed.error);
    });
    if (text !== '') {
        const remove = new Gtk.Button({
            icon_name: 'user-trash-symbolic',
            tooltip_text: _('Remove this command'),
            valign: Gtk.Align.CENTER,
            css_classes: ['flat'],
        });
        remove.connect('clicked', () => save([]));
        row.add_suffix(remove);
    }
    return row;
}
