// Applies the pictures the backend decided (`desktop.apply`): GSettings writes from inside the Shell process.
// Gio only, so it runs under plain `gjs` in tests.
import { Gio } from './gi.js';
import { ErrorCode } from './protocol.js';
import type { DesktopApplyJson } from './protocol.js';

export type SetWallpaperParams = NonNullable<DesktopApplyJson['wallpaper']>;

const BACKGROUND_SCHEMA = 'org.gnome.desktop.background';

/** Thrown with a message the backend passes on to the user (it becomes the SetFailed error of the change). */
export class SetWallpaperError extends Error {
    /** The JSON-RPC error code the answer carries. */
    readonly code = ErrorCode.SetFailed;

    constructor(message: string) {
        super(message);
        this.name = 'SetWallpaperError';
    }
}

function settingsFor(schemaId: string, source: Gio.SettingsSchemaSource | null): Gio.Settings | null {
    // `new Gio.Settings({schema_id})` aborts the process when the schema is not installed: look it up first.
    const schema = source?.lookup(schemaId, true) ?? null;
    return schema ? new Gio.Settings({ settings_schema: schema }) : null;
}

export class WallpaperSetter {
    readonly #background: Gio.Settings | null;
    #lastUri: string | null = null;

    constructor(source: Gio.SettingsSchemaSource | null = Gio.SettingsSchemaSource.get_default()) {
        this.#background = settingsFor(BACKGROUND_SCHEMA, source);
    }

    /** The picture-uri this setter wrote last (see foreignPictures.ts). */
    get lastUri(): string | null {
        return this.#lastUri;
    }

    /**
     * Writes picture-uri, picture-uri-dark and picture-options in one delayed batch: GNOME is told of all three
     * at once, so it never draws a moment where the light and dark pictures disagree. Throws SetWallpaperError
     * when a key is locked down (e.g. by an administrator's dconf lock) or rejects the value.
     */
    set(params: SetWallpaperParams): { ok: true } {
        const background = this.#background;
        if (!background) throw new SetWallpaperError(`the ${BACKGROUND_SCHEMA} settings schema is not installed`);
        const values: [string, string][] = [
            ['picture-uri', params.uri],
            ['picture-uri-dark', params.darkUri],
            ['picture-options', params.options],
        ];
        checkWritable(
            background,
            BACKGROUND_SCHEMA,
            values.map(([key]) => key),
        );

        this.#lastUri = params.uri;
        background.delay();
        const refused = values
            .filter(([key, value]) => !background.set_string(key, value))
            .map(([key, value]) => `${key}=${value}`);
        if (refused.length > 0) {
            background.revert();
            throw new SetWallpaperError(`GNOME refused ${refused.join(', ')}`);
        }
        background.apply();
        return { ok: true };
    }
}

function checkWritable(settings: Gio.Settings, schemaId: string, keys: string[]): void {
    const locked = keys.filter((key) => !settings.is_writable(key));
    if (locked.length > 0)
        throw new SetWallpaperError(
            `${schemaId} ${locked.join(', ')} cannot be changed (locked by the system administrator?)`,
        );
}
