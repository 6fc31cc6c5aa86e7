// The "Several monitors" group of the Wallpapers page. The layout itself comes from the Shell.
import type { Prefs } from './context.js';
import { Adw } from './gtk.js';
import { optionRow } from './rows.js';

export function monitorsGroup(prefs: Prefs): Adw.PreferencesGroup {
    const { _ } = prefs;
    const group = new Adw.PreferencesGroup({ title: _('Several monitors') });
    group.add(
        optionRow(prefs, 'monitor-mode', { title: _('Wallpapers on several monitors'), subtitle: _('One picture on every monitor, a picture each chosen to suit its shape, or one picture stretched across all of them.') }, [
            ['same', _('The same picture')],
            ['per-monitor', _('A picture per monitor')],
            ['span', _('One picture across all')],
        ]),
    );
    group.add(
        optionRow(prefs, 'display-mode', { title: _('How a picture fills its monitor'), subtitle: _('With a picture per monitor: smart chooses by the picture’s size and shape; zoom crops to fill, fit shows all of it over a blurred copy, centre keeps its size, tile repeats it.') }, [
            ['smart', _('Smart')],
            ['zoom', _('Zoom')],
            ['fit', _('Fit')],
            ['center', _('Centre')],
            ['tile', _('Tile')],
        ]),
    );
    group.add(
        optionRow(prefs, 'palette-from', { title: _('Colours come from'), subtitle: _('With a picture per monitor, the palette and accent colour come from the primary monitor’s picture, the largest monitor’s, or a blend of all of them.') }, [
            ['primary', _('The primary monitor')],
            ['largest', _('The largest monitor')],
            ['blend', _('All monitors')],
        ]),
    );
    return group;
}
