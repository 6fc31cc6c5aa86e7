// GNOME's accent colour follows the wallpaper. Gio only: runs in the Shell and under plain `gjs` in tests.
import { Gio } from './gi.js';

const INTERFACE_SCHEMA = 'org.gnome.desktop.interface';
const ACCENT_KEY = 'accent-color';

/**
 * The accent nicks the installed `org.gnome.desktop.interface` schema accepts, or null when it has no
 * `accent-color` key (GNOME 45/46). Read from the schema itself because distributions extend the enum
 * (Ubuntu adds its own colours), so a hard-coded list would be wrong somewhere.
 */
export function installedAccentNames(source: Gio.SettingsSchemaSource | null = Gio.SettingsSchemaSource.get_default()): string[] | null {
    return accentNamesOf(source?.lookup(INTERFACE_SCHEMA, true) ?? null);
}

function accentNamesOf(schema: Gio.SettingsSchema | null): string[] | null {
    if (!schema?.has_key(ACCENT_KEY)) return null;
    // The range is a (sv) variant: ('enum', <['blue', 'teal', …]>) for an enum key.
    const [kind, values] = schema.get_key(ACCENT_KEY).get_range().deepUnpack() as [string, { deepUnpack(): unknown }];
    return kind === 'enum' ? (values.deepUnpack() as string[]) : null;
}

export class AccentSync {
    #schema: Gio.SettingsSchema | null;
    #names: string[] | null;
    #settings: Gio.Settings | null = null;

    /** Reads the installed schema once; nothing else happens until `apply`. */
    constructor(source: Gio.SettingsSchemaSource | null = Gio.SettingsSchemaSource.get_default()) {
        this.#schema = source?.lookup(INTERFACE_SCHEMA, true) ?? null;
        this.#names = accentNamesOf(this.#schema);
    }

    /** Whether this GNOME has an accent colour setting at all. */
    get supported(): boolean {
        return this.#names !== null;
    }

    /**
     * Sets the desktop's accent colour to `accentName` when this GNOME knows that colour and it differs from the
     * current one. Returns whether it wrote.
     */
    apply(accentName: string): boolean {
        if (!this.#names?.includes(accentName)) return false;
        this.#settings ??= new Gio.Settings({ settings_schema: this.#schema! });
        if (this.#settings.get_string(ACCENT_KEY) === accentName) return false;
        return this.#settings.set_string(ACCENT_KEY, accentName);
    }
}
