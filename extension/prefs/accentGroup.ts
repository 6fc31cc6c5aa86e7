// The Theme page's "Accent" group: which GNOME accent the wallpaper shown now maps to, drawn as a swatch next to
// the picture's own accent colour. GNOME shows picture-uri-dark while the dark style is on, and the accent then
// comes from that picture (analysing the wrong variant is a known complaint about accent extensions), so the preview
// follows the system colour scheme too.
import { ACCENT_COLOURS } from '../lib/protocol.js';
import type { AccentName, PaletteJson, StatusJson } from '../lib/protocol.js';
import { Gio } from '../lib/gi.js';
import { rgb } from './bars.js';
import type { Prefs } from './context.js';
import { Adw, Gtk } from './gtk.js';
import { rowButton } from './rows.js';
import type { StatusFeed, StatusState } from './statusFeed.js';

const INTERFACE_SCHEMA = 'org.gnome.desktop.interface';

export interface ShownPalette {
    /** The file name of the picture the palette is of. */
    name: string;
    palette: PaletteJson | null;
    /** Whether this is the dark-style picture. */
    dark: boolean;
}

/** The palette GNOME's accent follows now: the dark-style picture's while the dark style is on and there is one. */
export function shownPalette(current: StatusJson['current'], preferDark: boolean): ShownPalette | null {
    if (!current) return null;
    if (preferDark && current.dark) return { name: current.dark.name, palette: current.dark.palette, dark: true };
    return { name: current.name, palette: current.palette, dark: false };
}

export function accentGroup(prefs: Prefs, feed: StatusFeed): Adw.PreferencesGroup {
    const { settings, cleanup, _ } = prefs;
    const names: Record<AccentName, string> = {
        blue: _('Blue'),
        teal: _('Teal'),
        green: _('Green'),
        yellow: _('Yellow'),
        orange: _('Orange'),
        red: _('Red'),
        pink: _('Pink'),
        purple: _('Purple'),
        slate: _('Slate'),
    };
    const group = new Adw.PreferencesGroup({
        title: _('Accent'),
        description: _('The accent colour GNOME gets from the wallpaper shown now.'),
    });
    group.header_suffix = rowButton('view-refresh-symbolic', _('Read the accent and the last render again'), () =>
        feed.refresh(),
    );

    const gnome = swatch(28);
    const picture = swatch(18);
    const row = new Adw.ActionRow({ use_markup: false, subtitle_selectable: true });
    row.add_prefix(gnome.widget);
    row.add_suffix(picture.widget);
    group.add(row);

    // org.gnome.desktop.interface is always installed with GNOME; looked up anyway so a bare session still opens.
    const schema = Gio.SettingsSchemaSource.get_default()?.lookup(INTERFACE_SCHEMA, true) ?? null;
    const desktop = schema ? new Gio.Settings({ settings_schema: schema }) : null;
    const preferDark = (): boolean => desktop?.get_string('color-scheme') === 'prefer-dark';

    const show = (state: StatusState): void => {
        const placeholder = (title: string, subtitle: string): void => {
            row.title = title;
            row.subtitle = subtitle;
            gnome.widget.visible = picture.widget.visible = false;
        };
        if ('loading' in state) return placeholder(_('Reading the status…'), '');
        if ('missing' in state) {
            return placeholder(
                _('The Chameleon backend is not installed'),
                _(
                    'The accent comes from the “chameleon” command. From a checkout of Chameleon, run “npm ' +
                        'ci && npm run install-user”, then refresh.',
                ),
            );
        }
        if ('error' in state) return placeholder(_('The status could not be read'), state.error);
        const shown = shownPalette(state.status.current, preferDark());
        if (!shown)
            return placeholder(
                _('No wallpaper shown yet'),
                _('The accent appears here once Chameleon has shown a wallpaper.'),
            );
        if (!shown.palette)
            return placeholder(
                `${_('No palette for')} ${shown.name}`,
                _('The picture could not be analysed, so GNOME’s accent stays as it is.'),
            );

        const { accent, accentName } = shown.palette;
        row.title = `${names[accentName]} — ${_('from')} ${shown.name}`;
        row.subtitle = [
            `${_('The picture’s accent')} ${accent} ${_('is nearest to GNOME’s')} ` +
                `${names[accentName].toLowerCase()} ` +
                `(${ACCENT_COLOURS[accentName]})` +
                `${shown.dark ? ` — ${_('the dark-style picture, since the dark style is on')}` : ''}.`,
            syncNote(),
        ]
            .filter((line) => line !== '')
            .join('\n');
        gnome.set(
            ACCENT_COLOURS[accentName],
            `${_('GNOME’s accent')}: ${names[accentName]} ${ACCENT_COLOURS[accentName]}`,
        );
        picture.set(accent, `${_('The picture’s accent')}: ${accent}`);
    };
    const syncNote = (): string => {
        if (!settings.get_boolean('accent-sync'))
            return _('Accent sync is off (Palette page), so GNOME’s accent does not follow it.');
        if (settings.get_boolean('accent-sync-paused'))
            return _('Accent sync is paused because an accent was picked by hand; resume it from the top bar menu.');
        return '';
    };

    feed.subscribe(show);
    const again = () => show(feed.state);
    for (const key of ['accent-sync', 'accent-sync-paused']) cleanup.connect(settings, `changed::${key}`, again);
    if (desktop) cleanup.connect(desktop, 'changed::color-scheme', again);
    return group;
}

/** A round colour swatch; `set` paints it and shows it. */
function swatch(size: number): { widget: Gtk.DrawingArea; set: (hex: string, tooltip: string) => void } {
    let colour = rgb('#000000');
    const widget = new Gtk.DrawingArea({
        content_width: size,
        content_height: size,
        valign: Gtk.Align.CENTER,
        visible: false,
    });
    widget.set_draw_func((_area, cr, width, height) => {
        const r = Math.min(width, height) / 2;
        cr.arc(width / 2, height / 2, r - 1, 0, 2 * Math.PI);
        cr.setSourceRGBA(colour[0], colour[1], colour[2], 1);
        cr.fillPreserve();
        // A faint ring, so that a colour close to the window's background still shows its edge.
        cr.setSourceRGBA(0.5, 0.5, 0.5, 0.4);
        cr.setLineWidth(1);
        cr.stroke();
        // GJS: a cairo context must be freed by hand.
        cr.$dispose();
    });
    return {
        widget,
        set(hex, tooltip) {
            // Colours come from the backend as #rrggbb; anything else is drawn black rather than misparsed.
            colour = rgb(/^#[0-9a-f]{6}$/i.test(hex) ? hex : '#000000');
            widget.tooltip_text = tooltip;
            widget.visible = true;
            widget.queue_draw();
        },
    };
}
