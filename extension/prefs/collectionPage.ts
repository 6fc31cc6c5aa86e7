// The "Collection" page: what is in the wallpaper folders, from `chameleon stats --json`, drawn as bars.
import { Gio, GLib } from '../lib/gi.js';
import type { StatsJson } from '../lib/protocol.js';
import { fractionBar, rgb, stackedBar, type Rgb } from './bars.js';
import { loadStats, statsArgv } from './backendCommands.js';
import type { Prefs } from './context.js';
import { Adw } from './gtk.js';
import { rowButton, switchRow } from './rows.js';

// GNOME's palette, one colour per hue family the backend names (selection/families.ts).
const HUE_COLOURS: Record<string, string> = {
    red: '#e01b24',
    orange: '#ff7800',
    yellow: '#f6d32d',
    green: '#33d17a',
    teal: '#2190a4',
    blue: '#3584e4',
    purple: '#9141ac',
    pink: '#d56199',
    grey: '#9a9996',
    unknown: '#5e5c64',
};

interface Bucket {
    label: string;
    value: number;
    colour: Rgb;
}

export function collectionPage(prefs: Prefs): Adw.PreferencesPage {
    const { settings, cleanup, _ } = prefs;
    const page = new Adw.PreferencesPage({ title: _('Collection'), icon_name: 'view-grid-symbolic' });
    const summary = new Adw.PreferencesGroup({ title: _('Your collection') });
    const summaryRow = new Adw.ActionRow({ title: _('Counting…'), use_markup: false, subtitle_selectable: true });
    summary.add(summaryRow);
    summary.add(
        switchRow(prefs, 'background-analysis', {
            title: _('Measure colours in the background'),
            subtitle: _(
                'Measure every picture’s colours slowly, at the lowest priority and never on battery, so ' +
                    'that colour preferences and these statistics cover all of them.',
            ),
        }),
    );
    page.add(summary);

    let groups: Adw.PreferencesGroup[] = [];
    let cancellable: Gio.Cancellable | null = null;
    cleanup.defer(() => cancellable?.cancel());

    const refresh = async (): Promise<void> => {
        cancellable?.cancel();
        const own = (cancellable = new Gio.Cancellable());
        refreshButton.sensitive = false;
        summaryRow.title = _('Counting…');
        summaryRow.subtitle = '';
        const argv = statsArgv(settings.get_strv('backend-command'));
        const result = argv
            ? await loadStats(argv, own)
            : {
                  error: _(
                      'The backend command setting has no “serve” in it, so the stats command cannot be ' +
                          'worked out from it.',
                  ),
              };
        if (own.is_cancelled()) return;
        refreshButton.sensitive = true;
        for (const group of groups) page.remove(group);
        groups = [];
        if ('missing' in result) {
            summaryRow.title = _('The Chameleon backend is not installed');
            summaryRow.subtitle = _(
                'Statistics come from the “chameleon” command. From a checkout of Chameleon, run “npm ci ' +
                    '&& npm run install-user”, then refresh.',
            );
        } else if ('error' in result) {
            summaryRow.title = _('The statistics could not be read');
            summaryRow.subtitle = result.error;
        } else {
            const s = result.stats;
            summaryRow.title = `${s.images} ${_('pictures')}, ${s.eligible} ${_('can be shown now')}`;
            summaryRow.subtitle = summaryText(s, _);
            groups = statsGroups(s, _);
            for (const group of groups) page.add(group);
        }
    };
    const refreshButton = rowButton('view-refresh-symbolic', _('Count again'), () => void refresh());
    summary.header_suffix = refreshButton;
    void refresh();
    return page;
}

function summaryText(s: StatsJson, _: (text: string) => string): string {
    const left = s.filtered;
    return [
        `${s.favourites} ${_('favourites')}, ${s.banned} ${_('never shown again')}, ${s.skipped} ${_('unreadable')}`,
        `${_('Left out by your settings')}: ${left.tooSmall} ${_('too small')}, ` +
            `${left.orientation} ${_('wrong orientation')}, ${left.lightness} ` +
            `${_('too dark or light')}, ${left.sourceOff} ${_('in folders of weight 0')}`,
        `${s.analysed} ${_('of')} ${s.images} ${_('pictures have had their colours measured')}`,
    ].join('\n');
}

function statsGroups(s: StatsJson, _: (text: string) => string): Adw.PreferencesGroup[] {
    const hueNames: Record<string, string> = {
        red: _('Red'),
        orange: _('Orange'),
        yellow: _('Yellow'),
        green: _('Green'),
        teal: _('Teal'),
        blue: _('Blue'),
        purple: _('Purple'),
        pink: _('Pink'),
        grey: _('Grey'),
        unknown: _('Not measured yet'),
    };
    const hues = Object.entries(s.hue)
        .filter(([, n]) => n > 0)
        .sort(([, a], [, b]) => b - a)
        .map(([name, value]) => ({
            label: hueNames[name] ?? name,
            value,
            colour: rgb(HUE_COLOURS[name] ?? HUE_COLOURS.unknown!),
        }));
    const lightness: Bucket[] = [
        { label: _('Dark'), value: s.lightness.dark, colour: rgb('#3d3846') },
        { label: _('Medium'), value: s.lightness.medium, colour: rgb('#9a9996') },
        { label: _('Light'), value: s.lightness.light, colour: rgb('#f6f5f4') },
        { label: _('Not measured yet'), value: s.lightness.unknown, colour: rgb('#5e5c64') },
    ];
    const freshness: Bucket[] = [
        { label: _('New'), value: s.freshness.new, colour: rgb('#33d17a') },
        { label: _('Never shown'), value: s.freshness.neverShown, colour: rgb('#3584e4') },
        { label: _('Resting after being shown'), value: s.freshness.cooling, colour: rgb('#ff7800') },
        { label: _('Rested, ready again'), value: s.freshness.rested, colour: rgb('#9a9996') },
    ];
    return [
        bucketGroup(_('Colours'), _('The main colour family of each picture.'), hues, s.images, _),
        bucketGroup(_('Lightness'), _('How light each picture is on average.'), lightness, s.images, _),
        bucketGroup(
            _('Freshness'),
            _('Where each picture stands in Smart Selection’s rotation.'),
            freshness,
            s.images,
            _,
        ),
        foldersGroup(s, _),
    ];
}

function bucketGroup(
    title: string,
    description: string,
    buckets: Bucket[],
    total: number,
    _: (text: string) => string,
): Adw.PreferencesGroup {
    const group = new Adw.PreferencesGroup({ title, description });
    const shown = buckets.filter((bucket) => bucket.value > 0);
    if (shown.length === 0) {
        group.add(new Adw.ActionRow({ title: _('No pictures yet') }));
        return group;
    }
    const overview = new Adw.PreferencesRow({ activatable: false });
    const bar = stackedBar(shown);
    bar.margin_top = bar.margin_bottom = 12;
    bar.margin_start = bar.margin_end = 12;
    overview.child = bar;
    group.add(overview);
    for (const bucket of shown) {
        const row = new Adw.ActionRow({
            title: bucket.label,
            subtitle: `${bucket.value} (${percent(bucket.value / Math.max(1, total))})`,
            use_markup: false,
        });
        row.add_suffix(fractionBar(bucket.value / Math.max(1, total), bucket.colour));
        group.add(row);
    }
    return group;
}

function foldersGroup(s: StatsJson, _: (text: string) => string): Adw.PreferencesGroup {
    const group = new Adw.PreferencesGroup({
        title: _('Folders'),
        description: _('How many pictures each folder holds, and its share of the next picks.'),
    });
    if (s.sources.length === 0) group.add(new Adw.ActionRow({ title: _('No folders yet') }));
    const blue = rgb('#3584e4');
    for (const source of s.sources) {
        const row = new Adw.ActionRow({
            title: GLib.path_get_basename(source.folder),
            subtitle:
                `${source.images} ${_('pictures')}, ${source.eligible} ${_('can be shown')}, ` +
                `${source.favourites} ${_('favourites')}, ${_('weight')} ${source.weight} · ` +
                `${percent(source.share)} ${_('of picks')}`,
            tooltip_text: source.folder,
            use_markup: false,
        });
        row.add_suffix(fractionBar(source.share, blue));
        group.add(row);
    }
    return group;
}

function percent(fraction: number): string {
    return `${Math.round(fraction * 1000) / 10} %`;
}
