import { Gio, GLib } from '../lib/gi.js';
import { choiceRow } from './choiceRow.js';
import { scriptsGroup } from './scriptsGroup.js';
import { Adw } from './gtk.js';

// wallust 3.x's own names for its options (`wallust run --help`); '' leaves the choice to wallust.toml.
const BACKENDS = ['full', 'resized', 'wal', 'thumb', 'fastresize', 'kmeans'];
const COLORSPACES = ['lab', 'labmixed', 'lch', 'lchmixed', 'lchansi'];
const PALETTES = [
    ...['dark', 'dark16', 'darkcomp', 'darkcomp16', 'light', 'light16', 'lightcomp', 'lightcomp16'],
    ...['harddark', 'harddark16', 'harddarkcomp', 'harddarkcomp16', 'softdark', 'softdark16', 'softdarkcomp', 'softdarkcomp16'],
    ...['softlight', 'softlight16', 'softlightcomp', 'softlightcomp16', 'ansidark', 'ansidark16'],
];

/**
 * The "Palette" page: how palettes are made (wallust or the built-in extractor), and the scripts that run with
 * each change. Returns the page and a function that disconnects it from the settings.
 */
export function palettePage(settings: Gio.Settings, _: (text: string) => string): [Adw.PreferencesPage, () => void] {
    const page = new Adw.PreferencesPage({ title: _('Palette'), icon_name: 'applications-graphics-symbolic' });
    const group = new Adw.PreferencesGroup({
        title: _('Palette'),
        description: _('Each wallpaper gets a palette of 16 colours, shown in the top bar menu; GNOME’s accent colour follows its accent.'),
    });
    page.add(group);

    const useWallust = new Adw.SwitchRow({
        title: _('Use wallust'),
        subtitle:
            GLib.find_program_in_path('wallust') !== null
                ? _('Make palettes with wallust; when it fails or is too slow, Chameleon’s own extractor stands in.')
                : _('wallust is not installed, so Chameleon’s own extractor makes the palettes; install wallust 3 to use it.'),
    });
    settings.bind('use-wallust', useWallust, 'active', Gio.SettingsBindFlags.DEFAULT);
    group.add(useWallust);

    const asInConfig = _('As in wallust.toml');
    const [backend, disconnectBackend] = choiceRow(settings, 'wallust-backend', {
        title: _('Backend'),
        subtitle: _('How wallust reads the image: fastresize is quick, full reads every pixel.'),
        values: BACKENDS,
        unset: asInConfig,
    });
    const [colorspace, disconnectColorspace] = choiceRow(settings, 'wallust-colorspace', {
        title: _('Colour space'),
        subtitle: _('The colour space in which wallust compares and picks colours.'),
        values: COLORSPACES,
        unset: asInConfig,
    });
    const [palette, disconnectPalette] = choiceRow(settings, 'wallust-palette', {
        title: _('Palette kind'),
        subtitle: _('Dark or light, harder or softer contrast, complementary or terminal-like (ANSI) colours.'),
        values: PALETTES,
        unset: asInConfig,
    });

    const applyTheme = new Adw.SwitchRow({
        title: _('Apply your wallust theme'),
        subtitle: _('Let wallust also fill in your own templates and set your terminals’ colours after each change, as “wallust run” does.'),
    });
    settings.bind('wallust-apply-theme', applyTheme, 'active', Gio.SettingsBindFlags.DEFAULT);

    const timeout = Adw.SpinRow.new_with_range(1, 600, 1);
    timeout.title = _('Time limit for wallust (seconds)');
    timeout.subtitle = _('A slower run is stopped, and Chameleon’s own extractor makes that palette instead.');
    settings.bind('wallust-timeout', timeout, 'value', Gio.SettingsBindFlags.DEFAULT);

    for (const row of [backend, colorspace, palette, applyTheme, timeout]) {
        // wallust's own options mean nothing while wallust is not used.
        settings.bind('use-wallust', row, 'sensitive', Gio.SettingsBindFlags.GET);
        group.add(row);
    }

    const [scripts, disconnectScripts] = scriptsGroup(settings, _);
    page.add(scripts);

    return [
        page,
        () => {
            disconnectBackend();
            disconnectColorspace();
            disconnectPalette();
            disconnectScripts();
        },
    ];
}
