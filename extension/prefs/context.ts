import type { CleanupStack } from '../lib/cleanup.js';
import { GLib } from '../lib/gi.js';
import type { Gio } from '../lib/gi.js';
import { KEY_TYPES, type SettingsKey, type SettingsKeys } from '../lib/settingsKeys.js';

/**
 * What every part of the preferences needs: the settings, the window's cleanup stack (each part defers the
 * disconnection of what it connects, and the window runs the stack when it closes), and gettext.
 */
export interface Prefs {
    settings: Gio.Settings;
    cleanup: CleanupStack;
    _: (text: string) => string;
}

/** Calls `update` now and whenever one of `keys` changes, until the window closes. */
export function follow(prefs: Prefs, keys: readonly SettingsKey[], update: () => void): void {
    for (const key of keys) prefs.cleanup.connect(prefs.settings, `changed::${key}`, update);
    update();
}

/** Writes a key of a type Gio.Settings has no typed setter for (aas, a{sd}, ad), with its type from the schema. */
export function setValue<K extends SettingsKey>(settings: Gio.Settings, key: K, value: SettingsKeys[K]): void {
    // Cast: libadwaita's typings bring their own copy of GLib's, whose Variant type differs only on paper.
    settings.set_value(
        key,
        new GLib.Variant(KEY_TYPES[key], value as never) as Parameters<Gio.Settings['set_value']>[1],
    );
}

/** A key's value as plain JavaScript (arrays, objects, numbers, strings). */
export function getValue<K extends SettingsKey>(settings: Gio.Settings, key: K): SettingsKeys[K] {
    return settings.get_value(key).recursiveUnpack() as SettingsKeys[K];
}
