// The "Several monitors" group of the Wallpapers page. The layout itself comes from the Shell.
import type { Prefs } from './context.js';
import { Adw } from './gtk.js';
import { optionRow } from './rows.js';

export function monitorsGroup(prefs: Prefs): Adw.PreferencesGroup {
    const { _ } = prefs;
    const group = new Adw.PreferencesGroup({ title: _('Several monitors') });
    group.add(
        optionRow(
            prefs,
            'monitor-mode',
            {
                title: _('Wallpapers on several monitors'),
                subtitle: _(
                    'One picture on every monitor, a picture each chosen to suit its shape, or one picture ' +
                        'stretched across all of them.',
                ),
            },
            [
                ['same', _('The same picture')],
                ['per-monitor', _('A picture per monitor')],
                ['span', _('One picture across all')],
            ],
        ),
    );
    group.add(
        optionRow(
            prefs,
            'display-mode',
            {
                title: _('How a picture fills its monitor'),
                subtitle: _(
                    'Smart chooses by size and shape; fit and centre fill the rest with a blurred copy, ' +
                        'GNOME’s own ways with the background colour.',
                ),
            },
            [
                ['smart', _('Smart')],
                ['zoom', _('Zoom')],
                ['fit', _('Fit, blurred fill')],
                ['center', _('Centre, blurred fill')],
                ['tile', _('Tile')],
                ['scaled', _('Scaled (GNOME)')],
                ['centered', _('Centred (GNOME)')],
                ['stretched', _('Stretched (GNOME)')],
                ['wallpaper', _('Wallpaper, tiled (GNOME)')],
                ['spanned', _('Spanned (GNOME)')],
            ],
        ),
    );
    group.add(
        optionRow(
            prefs,
            'palette-from',
            {
                title: _('Colours come from'),
                subtitle: _(
                    'With a picture per monitor, the palette and accent colour come from the primary ' +
                        'monitor’s picture, the largest monitor’s, or a blend of all of them.',
                ),
            },
            [
                ['primary', _('The primary monitor')],
                ['largest', _('The largest monitor')],
                ['blend', _('All monitors')],
            ],
        ),
    );
    return group;
}
