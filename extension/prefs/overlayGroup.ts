// The "Clock and quote" group of the Wallpapers page: drawn into the wallpaper by the backend (overlay/).
import { follow, type Prefs } from './context.js';
import { Adw } from './gtk.js';
import { choosePath, optionRow, rowButton, switchRow } from './rows.js';

const QUOTES_FILE_KEY = 'overlay-quotes-file';

export function overlayGroup(prefs: Prefs): Adw.PreferencesGroup {
    const { _ } = prefs;
    const group = new Adw.PreferencesGroup({
        title: _('Clock and quote'),
        description: _('Drawn into the wallpaper on the primary monitor; your picture files are never changed.'),
    });
    group.add(switchRow(prefs, 'overlay-clock', { title: _('Clock'), subtitle: _('The time, redrawn each minute.') }));
    group.add(
        switchRow(prefs, 'overlay-date', {
            title: _('Date under the clock'),
            subtitle: _('The weekday and date below the time.'),
        }),
    );
    group.add(
        optionRow(
            prefs,
            'overlay-clock-format',
            { title: _('Clock format'), subtitle: _('24-hour (14:05) or 12-hour (2:05 PM).') },
            [
                ['24h', _('24-hour')],
                ['12h', _('12-hour')],
            ],
        ),
    );
    group.add(
        switchRow(prefs, 'overlay-quotes', { title: _('Quote'), subtitle: _('A new quote with each new wallpaper.') }),
    );
    group.add(quotesFileRow(prefs));
    group.add(
        optionRow(
            prefs,
            'overlay-corner',
            { title: _('Corner'), subtitle: _('Where on the primary monitor the clock and quote go.') },
            [
                ['bottom-right', _('Bottom right')],
                ['bottom-left', _('Bottom left')],
                ['top-right', _('Top right')],
                ['top-left', _('Top left')],
            ],
        ),
    );
    return group;
}

function quotesFileRow(prefs: Prefs): Adw.ActionRow {
    const { settings, _ } = prefs;
    const row = new Adw.ActionRow({ title: _('Quotes file'), use_markup: false, subtitle_selectable: true });
    row.add_suffix(
        rowButton('document-open-symbolic', _('Choose a quotes file'), () =>
            choosePath(row, 'file', _('Choose a quotes file'), (path) => settings.set_string(QUOTES_FILE_KEY, path)),
        ),
    );
    const clear = rowButton('edit-clear-symbolic', _('Use the installed fortunes again'), () =>
        settings.set_string(QUOTES_FILE_KEY, ''),
    );
    row.add_suffix(clear);
    follow(prefs, [QUOTES_FILE_KEY], () => {
        const path = settings.get_string(QUOTES_FILE_KEY);
        clear.sensitive = path !== '';
        row.subtitle =
            path ||
            _('The fortunes installed with the fortunes packages (fortune’s format: quotes separated by lines of %).');
    });
    return row;
}
