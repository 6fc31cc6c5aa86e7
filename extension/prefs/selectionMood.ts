// Smart Selection's two "mood" settings: prefer pictures near a colour, and pictures that fit the time of day.
import type { StringKey } from '../lib/settingsKeys.js';
import { follow, getValue, setValue, type Prefs } from './context.js';
import { Adw, Gdk, Gtk } from './gtk.js';
import { optionRow, showRowError, spinRow } from './rows.js';

// The backend's own check of a time of day (server/paramSchemas.ts).
const CLOCK = /^([01]?\d|2[0-3]):[0-5]\d$/;

export function colourGroup(prefs: Prefs): Adw.PreferencesGroup {
    const { settings, _ } = prefs;
    const group = new Adw.PreferencesGroup({ title: _('Colour') });
    group.add(
        optionRow(
            prefs,
            'selection-colour-target',
            {
                title: _('Prefer pictures near a colour'),
                subtitle: _('Pictures close to the colour come up more often; others still come up, less often.'),
            },
            [
                ['off', _('No')],
                ['accent', _('GNOME’s accent colour')],
                ['colour', _('A colour of my choice')],
            ],
        ),
    );

    const colourRow = new Adw.ActionRow({
        title: _('Colour'),
        subtitle: _('The colour that pictures are preferred to be near.'),
    });
    const button = new Gtk.ColorDialogButton({
        dialog: new Gtk.ColorDialog({ with_alpha: false }),
        valign: Gtk.Align.CENTER,
    });
    colourRow.add_suffix(button);
    colourRow.activatable_widget = button;
    group.add(colourRow);
    let updating = false;
    button.connect('notify::rgba', () => {
        if (!updating) settings.set_string('selection-colour', hexOf(button.rgba));
    });

    const strength = spinRow(prefs, 'selection-colour-strength', {
        title: _('Strength'),
        subtitle: _(
            'How many times as likely a picture of exactly this colour is as the one farthest from ' +
                'it; 1 turns this off.',
        ),
        min: 1,
        max: 1000,
        step: 1,
        digits: 1,
    });
    group.add(strength);

    follow(prefs, ['selection-colour', 'selection-colour-target'], () => {
        const rgba = new Gdk.RGBA();
        if (rgba.parse(settings.get_string('selection-colour'))) {
            updating = true;
            button.rgba = rgba;
            updating = false;
        }
        const target = settings.get_string('selection-colour-target');
        colourRow.sensitive = target === 'colour';
        strength.sensitive = target !== 'off';
    });
    return group;
}

/** `#rrggbb`, the form the backend accepts. */
function hexOf(rgba: Gdk.RGBA): string {
    const byte = (channel: number) =>
        Math.round(Math.min(1, Math.max(0, channel)) * 255)
            .toString(16)
            .padStart(2, '0');
    return `#${byte(rgba.red)}${byte(rgba.green)}${byte(rgba.blue)}`;
}

export function timeOfDayGroup(prefs: Prefs): Adw.PreferencesGroup {
    const { settings, _ } = prefs;
    const group = new Adw.PreferencesGroup({
        title: _('Time of day'),
        description: _('Prefer light pictures by day and darker, warmer or cooler ones at night.'),
    });
    group.add(
        optionRow(
            prefs,
            'selection-time-of-day',
            { title: _('Day and night'), subtitle: _('How Chameleon tells day from night.') },
            [
                ['off', _('Off: every picture at any time')],
                ['fixed', _('Fixed hours')],
                ['sun', _('Sunrise and sunset where I am')],
                ['system', _('GNOME’s dark style is night')],
            ],
        ),
    );

    const dayStart = clockRow(prefs, 'selection-day-start', _('Day starts at (HH:MM)'));
    const nightStart = clockRow(prefs, 'selection-night-start', _('Night starts at (HH:MM)'));
    const location = locationRow(prefs);
    const presets: [string, string][] = [
        ['bright_day', _('Bright day: light and warm')],
        ['neutral_day', _('Neutral day: fairly light')],
        ['cozy_night', _('Cosy night: dark and warm')],
        ['cool_night', _('Cool night: dark and cool')],
        ['dark_mode', _('Dark: the darkest pictures')],
    ];
    const dayPreset = optionRow(
        prefs,
        'selection-day-preset',
        { title: _('By day'), subtitle: _('The kind of picture preferred during the day.') },
        presets,
    );
    const nightPreset = optionRow(
        prefs,
        'selection-night-preset',
        { title: _('At night'), subtitle: _('The kind of picture preferred at night.') },
        presets,
    );
    const darkPreset = optionRow(
        prefs,
        'selection-dark-preset',
        { title: _('In dark style'), subtitle: _('The kind of picture preferred while GNOME is in dark style.') },
        presets,
    );
    const strength = spinRow(prefs, 'selection-time-strength', {
        title: _('Strength'),
        subtitle: _('How many times as likely the best-fitting picture is as the worst-fitting one; 1 turns this off.'),
        min: 1,
        max: 1000,
        step: 1,
        digits: 1,
    });
    for (const row of [dayStart, nightStart, location, dayPreset, nightPreset, darkPreset, strength]) group.add(row);

    follow(prefs, ['selection-time-of-day'], () => {
        const mode = settings.get_string('selection-time-of-day');
        dayStart.visible = nightStart.visible = mode === 'fixed';
        location.visible = mode === 'sun';
        dayPreset.visible = nightPreset.visible = mode === 'fixed' || mode === 'sun';
        darkPreset.visible = mode === 'system';
        strength.visible = mode !== 'off';
    });
    return group;
}

/** An HH:MM entry that saves with its apply button and refuses anything else. */
function clockRow(prefs: Prefs, key: StringKey, title: string): Adw.EntryRow {
    const { settings, _ } = prefs;
    const row = new Adw.EntryRow({ title, show_apply_button: true });
    row.connect('changed', () => showRowError(row, title, null));
    row.connect('apply', () => {
        if (CLOCK.test(row.text.trim())) settings.set_string(key, row.text.trim());
        else showRowError(row, title, _('Not saved: write the time as HH:MM, for example 07:30'));
    });
    follow(prefs, [key], () => {
        if (row.text !== settings.get_string(key)) row.text = settings.get_string(key);
    });
    return row;
}

/**
 * Latitude and longitude for sunrise and sunset (`selection-location`, ad: [] or [latitude, longitude]); the
 * expander's switch stores or clears them.
 */
function locationRow(prefs: Prefs): Adw.ExpanderRow {
    const { settings, _ } = prefs;
    const key = 'selection-location';
    const row = new Adw.ExpanderRow({
        title: _('My location'),
        subtitle: _('Used only to work out sunrise and sunset, on this computer; north and east are positive.'),
        show_enable_switch: true,
    });
    const coordinate = (title: string, limit: number) => {
        const spin = Adw.SpinRow.new_with_range(-limit, limit, 0.1);
        spin.title = title;
        spin.digits = 3;
        row.add_row(spin);
        return spin;
    };
    const latitude = coordinate(_('Latitude (°)'), 90);
    const longitude = coordinate(_('Longitude (°)'), 180);

    let updating = false;
    const save = () => {
        if (!updating) setValue(settings, key, row.enable_expansion ? [latitude.value, longitude.value] : []);
    };
    for (const [widget, property] of [
        [row, 'enable-expansion'],
        [latitude, 'value'],
        [longitude, 'value'],
    ] as const)
        widget.connect(`notify::${property}`, save);
    follow(prefs, [key], () => {
        const location = getValue(settings, key);
        updating = true;
        row.enable_expansion = location.length === 2;
        if (location.length === 2) [latitude.value, longitude.value] = location as [number, number];
        updating = false;
    });
    return row;
}
