// Templates (`templates`, aas: each entry [template file, target path]) filled in with the palette after each
// change. The backend refuses targets outside the home folder (theme/confinedPath.ts, which also follows symbolic
// links); the row says so before anything is saved, for paths that are outside as written. Each row also shows how
// its template fared in the last render (status.theme), so a broken template is seen where it is configured.
import { GLib } from '../lib/gi.js';
import { follow, getValue, setValue, type Prefs } from './context.js';
import { Adw } from './gtk.js';
import { expandTarget, statusBadge, templateOutput } from './renderStatus.js';
import { choosePath, rowButton, showRowError } from './rows.js';
import type { StatusFeed, StatusState } from './statusFeed.js';

const KEY = 'templates';

/**
 * Why `target` cannot be a template target, or null. Written as the backend reads it: `~/` and relative paths start at
 * home.
 */
export function targetProblem(target: string, home: string, _: (text: string) => string): string | null {
    const path = target.trim();
    if (path === '') return _('Write where the filled-in file goes, e.g. ~/.config/kitty/colours.conf');
    if (path.split('/').includes('..'))
        return _('“..” is not allowed: write the path from your home folder, e.g. ~/.config/app/colours');
    const normal = GLib.canonicalize_filename(expandTarget(path, home), null);
    const root = GLib.canonicalize_filename(home, null);
    if (normal === root) return _('This is your home folder itself: name a file inside it');
    if (!normal.startsWith(`${root}/`)) return _('Outside your home folder: templates may only be written inside it');
    return null;
}

export function templatesGroup(prefs: Prefs, feed: StatusFeed): Adw.PreferencesGroup {
    const { settings, _ } = prefs;
    const read = (): [string, string][] => getValue(settings, KEY) as [string, string][];
    const write = (templates: [string, string][]): void => setValue(settings, KEY, templates);

    const group = new Adw.PreferencesGroup({
        title: _('Templates'),
        description: _(
            'After each change, each template file is filled in with the palette (wallust’s template ' +
                'syntax, e.g. {{color4}} or {{background}}) and written to its target inside your home folder.',
        ),
    });
    group.header_suffix = rowButton('list-add-symbolic', _('Add a template'), () =>
        choosePath(group, 'file', _('Choose a template file'), (template) =>
            // A target is required; start with one that is certainly allowed, for the user to change.
            write([...read(), [template, `~/.cache/chameleon/${GLib.path_get_basename(template)}`]]),
        ),
    );

    let rows: Adw.PreferencesRow[] = [];
    // Rows are rebuilt when the templates change and badges when the status is read again: each keeps the other's
    // latest.
    let badges: ((state: StatusState) => void)[] = [];
    const placeholder = new Adw.ActionRow({ title: _('No templates — add one with the + button.') });
    follow(prefs, [KEY], () => {
        for (const row of rows) group.remove(row);
        const templates = read();
        const built = templates.map(([template, target], index) =>
            templateRow(prefs, template, target, (next) => {
                const all = read();
                if (next === null) all.splice(index, 1);
                else all[index] = next;
                write(all);
            }),
        );
        rows = built.length === 0 ? [placeholder] : built.map(({ row }) => row);
        badges = built.map(({ badge }) => badge);
        for (const row of rows) group.add(row);
        for (const badge of badges) badge(feed.state);
    });
    feed.subscribe((state) => {
        for (const badge of badges) badge(state);
    });
    return group;
}

/**
 * One template: its file (chooser), its target (entry, saved with the apply button), its last render status and a
 * remove button; `badge` shows a status in that row.
 */
function templateRow(
    { _ }: Prefs,
    template: string,
    target: string,
    save: (entry: [string, string] | null) => void,
): { row: Adw.EntryRow; badge: (state: StatusState) => void } {
    const title = `${GLib.path_get_basename(template)} → ${_('target file')}`;
    const row = new Adw.EntryRow({ title, text: target, show_apply_button: true });
    const check = () => showRowError(row, title, targetProblem(row.text, GLib.get_home_dir(), _));
    row.add_prefix(
        rowButton('document-open-symbolic', `${template}\n${_('Choose another template file')}`, () =>
            choosePath(row, 'file', _('Choose a template file'), (path) => save([path, target])),
        ),
    );
    const status = statusBadge();
    row.add_suffix(status.widget);
    row.add_suffix(rowButton('user-trash-symbolic', _('Remove this template'), () => save(null)));
    row.connect('changed', () => showRowError(row, title, null));
    row.connect('apply', () => {
        check();
        if (targetProblem(row.text, GLib.get_home_dir(), _) === null) save([template, row.text.trim()]);
    });
    check();
    const badge = (state: StatusState): void => {
        const theme = 'status' in state ? state.status.theme : null;
        status.show(theme && templateOutput(theme.outputs, template, target, GLib.get_home_dir()), theme, _);
    };
    return { row, badge };
}
