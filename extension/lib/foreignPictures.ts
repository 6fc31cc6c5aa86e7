// Wallpapers that other programs set (GNOME Settings, a script, another wallpaper tool), so that the menu and the
// accent follow them too. Gio only: runs under plain `gjs` in tests.
import type { CleanupStack } from './cleanup.js';
import { Gio } from './gi.js';

const BACKGROUND_SCHEMA = 'org.gnome.desktop.background';

/** What the extension itself wrote last, to tell its own changes from others'. */
export interface OwnWrites {
    readonly lastUri: string | null;
}

/**
 * Calls `onForeign(uri)` when picture-uri becomes a picture the extension did not write. The value is read when
 * the notification arrives rather than taken from it: notifications of our own quick successive writes arrive
 * late, and by then the setting holds our latest write again.
 */
export function watchForeignPictures(
    own: OwnWrites,
    cleanup: CleanupStack,
    onForeign: (uri: string) => void,
    source: Gio.SettingsSchemaSource | null = Gio.SettingsSchemaSource.get_default(),
): void {
    const schema = source?.lookup(BACKGROUND_SCHEMA, true);
    if (!schema) return;
    const background = new Gio.Settings({ settings_schema: schema });
    let seen = background.get_string('picture-uri');
    cleanup.connect(background, 'changed::picture-uri', () => {
        const uri = background.get_string('picture-uri');
        if (uri === seen) return;
        seen = uri;
        if (uri !== own.lastUri && uri.startsWith('file://')) onForeign(uri);
    });
}
