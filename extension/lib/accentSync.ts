// GNOME's accent colour as the backend decides it (`desktop.apply`), giving way to the user. Gio only: runs in the
// Shell and under plain `gjs` in tests.
//
// The backend decides which accent goes with the picture on screen, and whether sync is on (`accent-sync`) or
// paused (`accent-sync-paused`). What only the desktop side can tell is whose write an accent change was:
// - an accent that someone else writes (the user in Settings → Appearance) is respected: sync pauses, persisted in
//   `accent-sync-paused`, until the user resumes it or turns accent sync off and on again, and the backend hears
//   of the user's accent (its colour target may follow it); our own writes are never reported back;
// - turning accent sync off, or disabling the extension, puts back the accent the user had before sync first
//   changed it (`accent-before-sync`).
import type { CleanupStack } from './cleanup.js';
import { Gio } from './gi.js';

const INTERFACE_SCHEMA = 'org.gnome.desktop.interface';
const ACCENT_KEY = 'accent-color';

/**
 * The accent nicks the installed `org.gnome.desktop.interface` schema accepts, or null when it has no
 * `accent-color` key (GNOME 45/46). Read from the schema itself because distributions extend the enum
 * (Ubuntu adds its own colours), so a hard-coded list would be wrong somewhere.
 */
export function installedAccentNames(
    source: Gio.SettingsSchemaSource | null = Gio.SettingsSchemaSource.get_default(),
): string[] | null {
    return accentNamesOf(source?.lookup(INTERFACE_SCHEMA, true) ?? null);
}

function accentNamesOf(schema: Gio.SettingsSchema | null): string[] | null {
    if (!schema?.has_key(ACCENT_KEY)) return null;
    // The range is a (sv) variant: ('enum', <['blue', 'teal', …]>) for an enum key.
    const [kind, values] = schema.get_key(ACCENT_KEY).get_range().deepUnpack() as [string, { deepUnpack(): unknown }];
    return kind === 'enum' ? (values.deepUnpack() as string[]) : null;
}

export interface AccentSyncOptions {
    /** The extension's settings: `accent-sync`, `accent-sync-paused`, `accent-before-sync`. */
    settings: Gio.Settings;
    /** Told whenever `paused` may have changed. */
    onChanged?: () => void;
    /** Told when the user (not this extension) chose an accent: `userAccent` says which. */
    onUserAccent?: () => void;
    log?: (message: string) => void;
}

export class AccentSync {
    readonly #settings: Gio.Settings;
    readonly #schema: Gio.SettingsSchema | null;
    readonly #names: string[] | null;
    readonly #onChanged: () => void;
    readonly #onUserAccent: () => void;
    readonly #log: (message: string) => void;
    #desktop: Gio.Settings | null = null;
    #enabled = false;
    /** What we wrote last, and what `accent-color` held when we last looked: a change to neither is someone else's. */
    #written: string | null = null;
    #seen: string | null = null;

    /** Reads the installed schema; nothing is connected or written until `start`. */
    constructor(options: AccentSyncOptions) {
        this.#settings = options.settings;
        this.#schema = Gio.SettingsSchemaSource.get_default()?.lookup(INTERFACE_SCHEMA, true) ?? null;
        this.#names = accentNamesOf(this.#schema);
        this.#onChanged = options.onChanged ?? (() => {});
        this.#onUserAccent = options.onUserAccent ?? (() => {});
        this.#log = options.log ?? ((message) => console.debug(`Chameleon: ${message}`));
    }

    /** Whether this GNOME has an accent colour setting at all. */
    get supported(): boolean {
        return this.#names !== null;
    }

    /** Whether sync is on but waiting, because the user chose an accent by hand. */
    get paused(): boolean {
        return this.#desktop !== null && this.#enabled && this.#settings.get_boolean('accent-sync-paused');
    }

    /**
     * The accent the user chose: the one they had before sync first changed it, else the one on the desktop (sync
     * off, or paused by their own pick). Null without an accent setting, or before `start`.
     */
    get userAccent(): string | null {
        if (!this.#desktop) return null;
        const before = this.#settings.get_string('accent-before-sync');
        return before !== '' ? before : this.#desktop.get_string(ACCENT_KEY);
    }

    /** Follows the settings and the desktop's accent until `cleanup` runs. Does nothing on GNOME 45/46. */
    start(cleanup: CleanupStack): void {
        if (!this.#schema || !this.#names) return;
        const desktop = new Gio.Settings({ settings_schema: this.#schema });
        this.#desktop = desktop;
        // Disabling the extension gives the user's own accent back (the handlers below are gone by then, so the
        // write is not taken for the user's); enabling again takes it over again.
        cleanup.defer(() => {
            this.#restore();
            this.#desktop = null;
        });
        // GSettings only reports changes of keys read after the handler was connected: connect, then read.
        cleanup.connect(this.#settings, 'changed::accent-sync', () => this.#onEnabledChanged());
        cleanup.connect(this.#settings, 'changed::accent-sync-paused', () => this.#onPausedChanged());
        cleanup.connect(desktop, `changed::${ACCENT_KEY}`, () => this.#onAccentChanged());
        this.#enabled = this.#settings.get_boolean('accent-sync');
        this.#settings.get_boolean('accent-sync-paused');
        this.#seen = desktop.get_string(ACCENT_KEY);
    }

    /**
     * The accent the backend decided for the picture on screen, written only when it differs. The backend sends
     * none while sync is off or paused; one sent before it heard of a pause the user just caused is not written.
     */
    apply(wanted: string): void {
        const desktop = this.#desktop;
        if (!desktop || !this.#enabled || this.paused || !this.#names?.includes(wanted)) return;
        const current = desktop.get_string(ACCENT_KEY);
        if (current === wanted) return;
        // Remember the user's own accent once, before the first write, so that turning sync off can put it back.
        if (this.#settings.get_string('accent-before-sync') === '')
            this.#settings.set_string('accent-before-sync', current);
        this.#written = wanted;
        if (desktop.set_string(ACCENT_KEY, wanted)) this.#log(`accent colour set to ${wanted}`);
    }

    /** The menu's "Resume accent sync": the backend, told of the setting, sends the accent of the picture on screen. */
    resume(): void {
        this.#settings.set_boolean('accent-sync-paused', false);
    }

    #onEnabledChanged(): void {
        const enabled = this.#settings.get_boolean('accent-sync');
        if (enabled === this.#enabled) return;
        this.#enabled = enabled;
        if (!enabled) this.#restore();
        // Turning sync off or on is an answer to "paused": start afresh either way. The backend, told of both
        // settings, sends the accent when sync is on.
        this.#settings.set_boolean('accent-sync-paused', false);
        this.#onChanged();
    }

    #onPausedChanged(): void {
        this.#onChanged();
    }

    #onAccentChanged(): void {
        const value = this.#desktop?.get_string(ACCENT_KEY) ?? null;
        const previous = this.#seen;
        this.#seen = value;
        if (value === previous || value === this.#written) return;
        if (this.#enabled && !this.paused) {
            // Someone else chose this accent, most likely the user in Settings: do not fight it. It is now the
            // accent to keep, so nothing of ours is left to put back.
            this.#log(`accent colour changed to ${value} by someone else; accent sync paused`);
            this.#settings.set_string('accent-before-sync', '');
            this.#settings.set_boolean('accent-sync-paused', true);
        }
        this.#onUserAccent();
    }

    /** Puts back the accent the user had before sync changed it, if sync changed it. */
    #restore(): void {
        const before = this.#settings.get_string('accent-before-sync');
        if (before === '') return;
        this.#settings.set_string('accent-before-sync', '');
        const desktop = this.#desktop;
        if (!desktop || !this.#names?.includes(before) || desktop.get_string(ACCENT_KEY) === before) return;
        this.#written = before;
        if (desktop.set_string(ACCENT_KEY, before)) this.#log(`accent sync off: accent colour back to ${before}`);
    }
}
