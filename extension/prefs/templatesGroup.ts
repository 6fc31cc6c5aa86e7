// Templates (`templates`, aas: each entry [template file, target path]) filled in with the palette after each
// change. The backend refuses targets outside the home folder (theme/confinedPath.ts, which also follows symbolic
// links); the row says so before anything is saved, for paths that are outside as written.
import { GLib } from '../lib/gi.js';
import { follow, getValue, setValue, type Prefs } from './context.js';
import { Adw } from './gtk.js';
import { choosePath, rowButton, showRowError } from './rows.js';

const KEY = 'templates';

/** Why `target` cannot be a template target, or null. Written as the backend reads it: `~/` and relative paths start at home. */
export function targetProblem(target: string, home: string, _: (text: string) => string): string | null {
    const path = target.trim();
    if (path === '') return _('Write where the filled-in file goes, e.g. ~/.config/kitty/colours.conf');
    if (path.split('/').includes('..')) return _('“..” is not allowed: write the path from your home folder, e.g. ~/.config/app/colours');
    const expanded = path === '~' ? home : path.startsWith('~/') ? GLib.build_filenamev([home, path.slice(2)]) : GLib.path_is_absolute(path) ? path : GLib.build_filenamev([home, path]);
    const normal = GLib.canonicalize_filename(expanded, null);
    const root = GLib.canonicalize_filename(home, null);
    if (normal === root) return _('This is your home folder itself: name a file inside it');
    if (!normal.startsWith(`${root}/`)) return _('Outside your home folder: templates may only be written inside it');
    return null;
}

export function templatesGroup(prefs: Prefs): Adw.PreferencesGroup {
    const { settings, _ } = prefs;
    const read = (): [string, string][] => getValue<[string, string][]>(settings, KEY);
    const write = (templates: [string, string][]): void => setValue(settings, KEY, 'aas', templates);

    const group = new Adw.PreferencesGroup({
        title: _('Templates'),
        description: _(
            'After each change, each template file is filled in with the palette (wallust’s template syntax, e.g. {{color4}} or {{background}}) and written to its target inside your home folder.',
        ),
    });
    group.header_suffix = rowButton('list-add-symbolic', _('Add a template'), () =>
        choosePath(group, 'file', _('Choose a template file'), (template) =>
            // A target is required; start with one that is certainly allowed, for the user to change.
            write([...read(), [template, `~/.cache/chameleon/${GLib.path_get_basename(template)}`]]),
        ),
    );

    let rows: Adw.PreferencesRow[] = [];
    const placeholder = new Adw.ActionRow({ title: _('No templates — add one with the + button.') });
    follow(prefs, [KEY], () => {
        for (const row of rows) group.remove(row);
        const templates = read();
        rows =
            templates.length === 0
                ? [placeholder]
                : templates.map(([template, target], index) =>
                      templateRow(prefs, template, target, (next) => {
                          const all = read();
                          if (next === null) all.splice(index, 1);
                          else all[index] = next;
                          write(all);
                      }),
                  );
        for (const row of rows) group.add(row);
    });
    return group;
}

/** One template: its file (chooser), its target (entry, saved with the apply button), and a remove button. */
function templateRow({ _ }: Prefs, template: string, target: string, save: (entry: [string, string] | null) => void): Adw.EntryRow {
    const title = `${GLib.path_get_basename(template)} → ${_('target file')}`;
    const row = new Adw.EntryRow({ title, text: target, show_apply_button: true });
    const check = () => showRowError(row, title, targetProblem(row.text, GLib.get_home_dir(), _));
    row.add_prefix(
        rowButton('document-open-symbolic', `${template}\n${_('Choose another template file')}`, () =>
            choosePath(row, 'file', _('Choose a template file'), (path) => save([path, target])),
        ),
    );
    row.add_suffix(rowButton('user-trash-symbolic', _('Remove this template'), () => save(null)));
    row.connect('changed', () => showRowError(row, title, null));
    row.connect('apply', () => {
        check();
        if (targetProblem(row.text, GLib.get_home_dir(), _) === null) save([template, row.text.trim()]);
    });
    check();
    return row;
}
