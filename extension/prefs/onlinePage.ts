// The "Online" page: online sources, how much they may download, and where API keys are kept.
import { apiKeyStore } from './apiKeyStore.js';
import { follow, type Prefs } from './context.js';
import { Adw } from './gtk.js';
import { onlineSourcesGroup } from './onlineSources.js';
import { choosePath, rowButton, spinRow, switchRow } from './rows.js';

export function onlinePage(prefs: Prefs): Adw.PreferencesPage {
    const { settings, _ } = prefs;
    const page = new Adw.PreferencesPage({ title: _('Online'), icon_name: 'network-workgroup-symbolic' });
    const keys = apiKeyStore(prefs);
    page.add(onlineSourcesGroup(prefs, keys));

    const downloads = new Adw.PreferencesGroup({ title: _('Downloads') });
    downloads.add(
        switchRow(prefs, 'online-safe-mode', {
            title: _('Safe mode'),
            subtitle: _(
                'Only download pictures their source marks as safe for work, whatever a source’s own ' +
                    'options say. On unless you turn it off.',
            ),
        }),
    );
    downloads.add(
        spinRow(prefs, 'online-refresh-minutes', {
            title: _('Look for new pictures every (minutes)'),
            subtitle: _('How often each switched-on source is asked for new pictures.'),
            min: 5,
            max: 10080,
            step: 5,
        }),
    );
    downloads.add(
        spinRow(prefs, 'online-per-refresh', {
            title: _('New pictures per source each time'),
            subtitle: _('The most pictures one source downloads each time it is asked.'),
            min: 1,
            max: 50,
            step: 1,
        }),
    );
    downloads.add(
        spinRow(prefs, 'online-quota-mb', {
            title: _('Disk space for downloads (MB)'),
            subtitle: _('Past this, the oldest downloads that are neither favourites nor on screen are deleted.'),
            min: 10,
            max: 1_000_000,
            step: 100,
        }),
    );
    downloads.add(
        spinRow(prefs, 'online-max-image-mb', {
            title: _('Largest picture (MB)'),
            subtitle: _('Pictures larger than this are not downloaded.'),
            min: 1,
            max: 1000,
            step: 1,
        }),
    );

    const folder = new Adw.ActionRow({ title: _('Download folder'), use_markup: false, subtitle_selectable: true });
    follow(prefs, ['online-download-folder'], () => {
        folder.subtitle =
            settings.get_string('online-download-folder') || `~/.local/share/chameleon/downloads (${_('default')})`;
    });
    folder.add_suffix(
        rowButton('folder-open-symbolic', _('Choose a folder'), () =>
            choosePath(folder, 'folder', _('Download folder'), (path) =>
                settings.set_string('online-download-folder', path),
            ),
        ),
    );
    folder.add_suffix(
        rowButton('edit-undo-symbolic', _('Back to the default folder'), () =>
            settings.reset('online-download-folder'),
        ),
    );
    downloads.add(folder);
    page.add(downloads);

    const keyring = new Adw.PreferencesGroup({ title: _('API keys') });
    const where = new Adw.ActionRow({ title: _('Looking for your keyring…'), use_markup: false });
    keyring.add(where);
    page.add(keyring);
    void keys.then((store) => {
        if (store.inKeyring) {
            where.title = _('API keys are kept in your keyring');
            where.subtitle = _(
                'Type a key into its source’s row; it is stored encrypted with your login keyring and ' +
                    'never shown again.',
            );
            return;
        }
        where.title = _('Your system has no keyring library (libsecret)');
        where.subtitle = _(
            'Install it (Debian and Ubuntu: gir1.2-secret-1) to keep API keys encrypted, or agree ' +
                'below to keep them in settings.',
        );
        keyring.add(
            switchRow(prefs, 'online-keys-in-settings', {
                title: _('Keep keys in settings instead of the keyring'),
                subtitle: _('Settings are not encrypted: every program you run can read keys kept there.'),
            }),
        );
    });
    return page;
}
