import { Gio, GLib } from '../lib/gi.js';
import { choiceRow } from './choiceRow.js';
import type { Prefs } from './context.js';
import { Adw } from './gtk.js';
import { spinRow, switchRow } from './rows.js';
import { scriptsGroup } from './scriptsGroup.js';

// wallust 3.x's own names for its options (`wallust run --help`); '' leaves the choice to wallust.toml.
const BACKENDS = ['full', 'resized', 'wal', 'thumb', 'fastresize', 'kmeans'];
const COLORSPACES = ['lab', 'labmixed', 'lch', 'lchmixed', 'lchansi'];
const PALETTES = [
    ...['dark', 'dark16', 'darkcomp', 'darkcomp16', 'light', 'light16', 'lightcomp', 'lightcomp16'],
    ...[
        'harddark',
        'harddark16',
        'harddarkcomp',
        'harddarkcomp16',
        'softdark',
        'softdark16',
        'softdarkcomp',
        'softdarkcomp16',
    ],
    ...['softlight', 'softlight16', 'softlightcomp', 'softlightcomp16', 'ansidark', 'ansidark16'],
];

/**
 * The "Palette" page: how palettes are made (wallust or the built-in extractor), and the scripts that run with each
 * change.
 */
export function palettePage(prefs: Prefs): Adw.PreferencesPage {
    const { _ } = prefs;
    const page = new Adw.PreferencesPage({ title: _('Palette'), icon_name: 'applications-graphics-symbolic' });
    const group = new Adw.PreferencesGroup({
        title: _('Palette'),
        description: _(
            'Each wallpaper gets a palette of 16 colours, shown in the top bar menu; GNOME’s accent ' +
                'colour follows its accent.',
        ),
    });
    page.add(group);

    group.add(
        switchRow(prefs, 'use-wallust', {
            title: _('Use wallust'),
            subtitle:
                GLib.find_program_in_path('wallust') !== null
                    ? _(
                          'Make palettes with wallust; when it fails or is too slow, Chameleon’s own ' +
                              'extractor stands in.',
                      )
                    : _(
                          'wallust is not installed, so Chameleon’s own extractor makes the palettes; ' +
                              'install wallust 3 to use it.',
                      ),
        }),
    );

    const asInConfig = _('As in wallust.toml');
    const rows = [
        choiceRow(prefs, 'wallust-backend', {
            title: _('Backend'),
            subtitle: _('How wallust reads the image: fastresize is quick, full reads every pixel.'),
            values: BACKENDS,
            unset: asInConfig,
        }),
        choiceRow(prefs, 'wallust-colorspace', {
            title: _('Colour space'),
            subtitle: _('The colour space in which wallust compares and picks colours.'),
            values: COLORSPACES,
            unset: asInConfig,
        }),
        choiceRow(prefs, 'wallust-palette', {
            title: _('Palette kind'),
            subtitle: _('Dark or light, harder or softer contrast, complementary or terminal-like (ANSI) colours.'),
            values: PALETTES,
            unset: asInConfig,
        }),
        switchRow(prefs, 'wallust-apply-theme', {
            title: _('Apply your wallust theme'),
            subtitle: _(
                'Let wallust also fill in your own templates and set your terminals’ colours after each ' +
                    'change, as “wallust run” does.',
            ),
        }),
        spinRow(prefs, 'wallust-timeout', {
            title: _('Time limit for wallust (seconds)'),
            subtitle: _('A slower run is stopped, and Chameleon’s own extractor makes that palette instead.'),
            min: 1,
            max: 600,
            step: 1,
        }),
    ];
    for (const row of rows) {
        // wallust's own options mean nothing while wallust is not used.
        prefs.settings.bind('use-wallust', row, 'sensitive', Gio.SettingsBindFlags.GET);
        group.add(row);
    }

    page.add(scriptsGroup(prefs));
    return page;
}
