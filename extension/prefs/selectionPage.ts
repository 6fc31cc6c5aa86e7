// The "Selection" page: every Smart Selection setting (backend: selection/settingsKeys.ts), each with one
// sentence saying what it does. Colour and time of day are in selectionMood.ts, folder weights in sourceWeights.ts.
import { GLib } from '../lib/gi.js';
import type { NumberKey } from '../lib/settingsKeys.js';
import { follow, type Prefs } from './context.js';
import { Adw } from './gtk.js';
import { choosePath, optionRow, rowButton, spinRow, switchRow } from './rows.js';
import { colourGroup, timeOfDayGroup } from './selectionMood.js';
import { sourceWeightsGroup } from './sourceWeights.js';

export function selectionPage(prefs: Prefs): Adw.PreferencesPage {
    const { _ } = prefs;
    const page = new Adw.PreferencesPage({ title: _('Selection'), icon_name: 'media-playlist-shuffle-symbolic' });
    for (const group of [
        repeatsGroup(prefs),
        boostsGroup(prefs),
        sourceWeightsGroup(prefs),
        colourGroup(prefs),
        timeOfDayGroup(prefs),
        filtersGroup(prefs),
        favouritesGroup(prefs),
    ])
        page.add(group);
    return page;
}

function repeatsGroup(prefs: Prefs): Adw.PreferencesGroup {
    const { _ } = prefs;
    const group = new Adw.PreferencesGroup({
        title: _('Repeats'),
        description: _(
            'Smart Selection picks at random, but gives each picture a weight: these settings keep ' +
                'recently shown pictures back.',
        ),
    });
    group.add(
        spinRow(prefs, 'selection-cooldown-days', {
            title: _('Rest after showing (days)'),
            subtitle: _(
                'A picture that was shown is less likely to come up again until this many days have ' +
                    'passed; 0 turns this off.',
            ),
            min: 0,
            max: 3650,
            step: 1,
            digits: 1,
        }),
    );
    group.add(
        optionRow(
            prefs,
            'selection-decay',
            { title: _('Coming back'), subtitle: _('How a resting picture’s chance returns over its rest.') },
            [
                ['sigmoid', _('Slowly, then quickly, then slowly')],
                ['linear', _('Evenly')],
                ['step', _('All at once when the rest ends')],
            ],
        ),
    );
    group.add(
        switchRow(prefs, 'selection-fresh-first', {
            title: _('Fresh pictures first'),
            subtitle: _('Never repeat a resting picture while there are pictures that are not resting.'),
        }),
    );
    group.add(
        spinRow(prefs, 'selection-source-cooldown-days', {
            title: _('Rest for folders (days)'),
            subtitle: _(
                'A folder just picked from is less likely to be picked again for this many days; 0 turns this off.',
            ),
            min: 0,
            max: 3650,
            step: 1,
            digits: 1,
        }),
    );
    return group;
}

function boostsGroup(prefs: Prefs): Adw.PreferencesGroup {
    const { _ } = prefs;
    const group = new Adw.PreferencesGroup({ title: _('Favourites and new pictures') });
    group.add(
        spinRow(prefs, 'selection-favourite-boost', {
            title: _('Favourite boost'),
            subtitle: _(
                'A favourite comes up this many times as often as another picture; 1 treats favourites like the rest.',
            ),
            min: 0,
            max: 100,
            step: 0.5,
            digits: 1,
        }),
    );
    group.add(
        spinRow(prefs, 'selection-new-image-boost', {
            title: _('New picture boost'),
            subtitle: _(
                'A picture added recently and not shown yet comes up this many times as often; 1 turns this off.',
            ),
            min: 0,
            max: 100,
            step: 0.5,
            digits: 1,
        }),
    );
    group.add(
        spinRow(prefs, 'selection-new-image-days', {
            title: _('New for (days)'),
            subtitle: _('How long after it was added a picture counts as new.'),
            min: 0,
            max: 3650,
            step: 1,
            digits: 0,
        }),
    );
    return group;
}

function filtersGroup(prefs: Prefs): Adw.PreferencesGroup {
    const { settings, _ } = prefs;
    const group = new Adw.PreferencesGroup({
        title: _('Which pictures'),
        description: _('Pictures these settings leave out are never shown; nothing is deleted.'),
    });
    group.add(
        spinRow(prefs, 'selection-min-size-percent', {
            title: _('Smallest size (% of the screen)'),
            subtitle: _(
                'Leave out pictures narrower or shorter than this share of your screen, which would look ' +
                    'blurred; 0 keeps all.',
            ),
            min: 0,
            max: 400,
            step: 5,
        }),
    );
    group.add(
        optionRow(
            prefs,
            'selection-orientation',
            { title: _('Orientation'), subtitle: _('Show pictures of any shape, or only wide or only tall ones.') },
            [
                ['any', _('Any')],
                ['landscape', _('Landscape (wider than tall)')],
                ['portrait', _('Portrait (taller than wide)')],
            ],
        ),
    );
    const lightness = (key: NumberKey, title: string, subtitle: string) =>
        spinRow(prefs, key, { title, subtitle, min: 0, max: 1, step: 0.05, digits: 2 });
    const darkest = lightness(
        'selection-min-lightness',
        _('Darkest'),
        _('Leave out pictures darker on average than this: 0 is black, 1 is white.'),
    );
    const lightest = lightness(
        'selection-max-lightness',
        _('Lightest'),
        _('Leave out pictures lighter on average than this: 0 is black, 1 is white.'),
    );
    group.add(darkest);
    group.add(lightest);
    // A range whose ends cross leaves nothing to show: moving one end pushes the other along.
    follow(prefs, ['selection-min-lightness'], () => {
        const min = settings.get_double('selection-min-lightness');
        if (settings.get_double('selection-max-lightness') < min) settings.set_double('selection-max-lightness', min);
    });
    follow(prefs, ['selection-max-lightness'], () => {
        const max = settings.get_double('selection-max-lightness');
        if (settings.get_double('selection-min-lightness') > max) settings.set_double('selection-min-lightness', max);
    });
    return group;
}

function favouritesGroup(prefs: Prefs): Adw.PreferencesGroup {
    const { settings, _ } = prefs;
    const group = new Adw.PreferencesGroup({ title: _('Favourites') });
    group.add(
        optionRow(
            prefs,
            'selection-favourite-mode',
            {
                title: _('Marking a favourite'),
                subtitle: _(
                    'Whether “Favourite” only marks the picture, or also copies or moves it into a folder ' +
                        'of your own, from which wallpapers are picked too.',
                ),
            },
            [
                ['mark', _('Marks it')],
                ['copy', _('Marks it and copies it into a folder')],
                ['move', _('Marks it and moves it into a folder')],
            ],
        ),
    );
    const key = 'selection-favourites-folder';
    const folder = new Adw.ActionRow({ title: _('Favourites folder'), use_markup: false });
    folder.add_suffix(
        rowButton('folder-open-symbolic', _('Choose a folder'), () =>
            choosePath(folder, 'folder', _('Choose the favourites folder'), (path) => settings.set_string(key, path)),
        ),
    );
    const reset = rowButton('edit-clear-symbolic', _('Use Favorites in your Pictures folder'), () =>
        settings.set_string(key, ''),
    );
    folder.add_suffix(reset);
    group.add(folder);
    follow(prefs, [key, 'selection-favourite-mode'], () => {
        const path = settings.get_string(key);
        const pictures = GLib.get_user_special_dir(GLib.UserDirectory.DIRECTORY_PICTURES) ?? GLib.get_home_dir();
        folder.subtitle =
            `${path || GLib.build_filenamev([pictures, 'Favorites'])}\n` +
            `${_('Where favourites are copied or moved to.')}`;
        reset.sensitive = path !== '';
        folder.sensitive = settings.get_string('selection-favourite-mode') !== 'mark';
    });
    return group;
}
