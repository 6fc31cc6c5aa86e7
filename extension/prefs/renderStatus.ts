// The last theme run (`status.theme`) as the Theme page shows it: a badge on each template row and a "Last
// render" group for the pywal files and the reload commands. The backend keeps only the last run, so a template
// added since then has no status until the next wallpaper change.
import { GLib } from '../lib/gi.js';
import type { ThemeOutputStatusJson, ThemeStatusJson } from '../lib/protocol.js';
import type { Prefs } from './context.js';
import { Adw, Gtk } from './gtk.js';
import type { StatusFeed, StatusState } from './statusFeed.js';

type Translate = (text: string) => string;

const PYWAL_FILES = ['colors.json', 'colors.sh', 'colors.css'];

/** `~`, `~/x` and relative paths start at home, as the backend reads a target (theme/confinedPath.ts). */
export function expandTarget(path: string, home: string): string {
    if (path === '~') return home;
    if (path.startsWith('~/')) return GLib.build_filenamev([home, path.slice(2)]);
    return GLib.path_is_absolute(path) ? path : GLib.build_filenamev([home, path]);
}

/**
 * The output of the template [template, target] in the last run. A template's output is named by its template
 * path as configured; its target is the written file with symbolic links resolved, or the target as configured
 * when it was refused. So: same template and the same target in either spelling, else the only output of that
 * template (its target was reached through a link).
 */
export function templateOutput(
    outputs: readonly ThemeOutputStatusJson[],
    template: string,
    target: string,
    home: string,
): ThemeOutputStatusJson | null {
    const wanted = GLib.canonicalize_filename(expandTarget(target.trim(), home), null);
    const ofTemplate = outputs.filter((o) => o.name === template && !isPywal(o));
    return (
        ofTemplate.find(
            (o) => o.target === target || GLib.canonicalize_filename(expandTarget(o.target, home), null) === wanted,
        ) ?? (ofTemplate.length === 1 ? ofTemplate[0]! : null)
    );
}

function isPywal(output: ThemeOutputStatusJson): boolean {
    return PYWAL_FILES.includes(output.name) && GLib.path_get_basename(GLib.path_get_dirname(output.target)) === 'wal';
}

/** When the run was, in local time: the time alone today, else with the date. */
export function runTime(at: string): string {
    const time = GLib.DateTime.new_from_iso8601(at, null)?.to_local();
    if (!time) return at;
    const today = GLib.DateTime.new_now_local();
    const sameDay = time.get_year() === today.get_year() && time.get_day_of_year() === today.get_day_of_year();
    return time.format(sameDay ? '%H:%M' : '%e %b %H:%M')?.trim() ?? at;
}

/** One word for an output's state, and its style class. */
function stateWord(output: ThemeOutputStatusJson, _: Translate): [text: string, style: string] {
    if (output.state === 'written') return [_('Written'), 'success'];
    if (output.state === 'unchanged') return [_('Unchanged'), 'dim-label'];
    return [_('Failed'), 'error'];
}

/** A short status for the end of a template row: icon and "Written 14:02", with the details as tooltip. */
export function statusBadge(): {
    widget: Gtk.Box;
    show: (output: ThemeOutputStatusJson | null, theme: ThemeStatusJson | null, _: Translate) => void;
} {
    const icon = new Gtk.Image();
    const label = new Gtk.Label();
    const widget = new Gtk.Box({ spacing: 6, valign: Gtk.Align.CENTER, visible: false });
    widget.append(icon);
    widget.append(label);
    let style = '';
    return {
        widget,
        show(output, theme, _) {
            if (style) widget.remove_css_class(style);
            widget.visible = theme !== null;
            if (!theme) return;
            if (!output) {
                style = 'dim-label';
                icon.visible = false;
                label.label = _('Not rendered yet');
                widget.tooltip_text = _(
                    'This template was not in the last render; it is filled in at the next wallpaper change.',
                );
            } else {
                const [word, wordStyle] = stateWord(output, _);
                style = wordStyle;
                icon.visible = true;
                icon.icon_name = output.state === 'failed' ? 'dialog-warning-symbolic' : 'object-select-symbolic';
                label.label = `${word} ${runTime(theme.at)}`;
                widget.tooltip_text = output.error ?? `${word} ${output.target}`;
            }
            widget.add_css_class(style);
        },
    };
}

/** The "Last render" group: when, from which picture, each pywal file, every failure with what went wrong. */
export function lastRenderGroup({ _ }: Prefs, feed: StatusFeed): Adw.PreferencesGroup {
    const group = new Adw.PreferencesGroup({
        title: _('Last render'),
        description: _('What happened to the colour files the last time the wallpaper changed.'),
    });
    let rows: Adw.ActionRow[] = [];
    feed.subscribe((state: StatusState) => {
        for (const row of rows) group.remove(row);
        rows = renderRows(state, _);
        for (const row of rows) group.add(row);
    });
    return group;
}

function renderRows(state: StatusState, _: Translate): Adw.ActionRow[] {
    const row = (title: string, subtitle: string, style?: string): Adw.ActionRow => {
        const r = new Adw.ActionRow({ title, subtitle, use_markup: false, subtitle_selectable: true });
        if (style) r.add_css_class(style);
        return r;
    };
    // The Accent group above already says why there is no status; here one line is enough.
    if (!('status' in state))
        return [row('loading' in state ? _('Reading the status…') : _('No status from the backend'), '')];
    const theme = state.status.theme;
    if (!theme)
        return [
            row(
                _('Nothing rendered yet'),
                _('Turn on pywal files or add a template; they are written at the next wallpaper change.'),
            ),
        ];

    const rows = [
        row(
            `${_('Rendered at')} ${runTime(theme.at)}`,
            `${_('From the palette of')} ${GLib.path_get_basename(theme.paletteFrom)}`,
        ),
    ];
    for (const output of theme.outputs) {
        const [word, style] = stateWord(output, _);
        const pywal = isPywal(output);
        // Templates show their state on their own row; only their failures are repeated here, with the reason.
        if (!pywal && output.state !== 'failed') continue;
        const title = pywal
            ? `${_('pywal')} ${output.name}`
            : `${_('Template')} ${GLib.path_get_basename(output.name)}`;
        const r = row(
            title,
            output.error ?? `${word}: ${output.target}`,
            output.state === 'failed' ? 'error' : undefined,
        );
        r.add_suffix(new Gtk.Label({ label: word, css_classes: [style], valign: Gtk.Align.CENTER }));
        rows.push(r);
    }
    for (const failure of theme.reloadFailures) rows.push(row(_('A reload command failed'), failure, 'error'));
    return rows;
}
