// What the desktop says about itself, for the backend's Smart Selection (dark style, monitor size, background
// colours) and for choosing which of a wallpaper's pictures GNOME shows. The accent is not among them: the
// extension writes it, so only the user's own choice is reported (accentSync.ts). Gio only: the monitors come in
// through `MonitorSource`,
// which the Shell side implements with Main.layoutManager, so this runs under plain `gjs` in tests.
import type { CleanupStack } from './cleanup.js';
import { Gio } from './gi.js';
import type { DesktopStateJson, MonitorJson } from './protocol.js';

const INTERFACE_SCHEMA = 'org.gnome.desktop.interface';
const COLOR_SCHEME = 'color-scheme';
/** What GNOME draws behind the wallpaper: a picture with transparency is seen over it. */
const BACKGROUND_SCHEMA = 'org.gnome.desktop.background';
const BACKGROUND_KEYS = {
    primaryColor: 'primary-color',
    secondaryColor: 'secondary-color',
    shading: 'color-shading-type',
} as const;

export interface MonitorSize {
    width: number;
    height: number;
}

/** The monitors, as the Shell knows them. */
export interface MonitorSource {
    /** Every monitor in the Shell's layout coordinates; empty when there is none (headless, or not known yet). */
    layout(): MonitorJson[];
    /** Calls `onChanged` whenever the monitors change, until `cleanup` runs. */
    watch(cleanup: CleanupStack, onChanged: () => void): void;
}

/** Of several monitors, the one with the most pixels. */
export function largestMonitor(monitors: readonly MonitorSize[]): MonitorSize | null {
    let best: MonitorSize | null = null;
    for (const { width, height } of monitors)
        if (!best || width * height > best.width * best.height) best = { width, height };
    return best;
}

export class DesktopFacts {
    readonly #schema: Gio.SettingsSchema | null;
    readonly #backgroundSchema: Gio.SettingsSchema | null;
    readonly #monitors: MonitorSource | null;
    #interface: Gio.Settings | null = null;
    #background: Gio.Settings | null = null;

    /** Reads the installed schemas; nothing is connected until `start`. */
    constructor(
        monitors: MonitorSource | null = null,
        source: Gio.SettingsSchemaSource | null = Gio.SettingsSchemaSource.get_default(),
    ) {
        this.#schema = source?.lookup(INTERFACE_SCHEMA, true) ?? null;
        this.#backgroundSchema = source?.lookup(BACKGROUND_SCHEMA, true) ?? null;
        this.#monitors = monitors;
    }

    /** Whether the dark style is on (GNOME then shows picture-uri-dark). */
    get dark(): boolean {
        return this.#get(COLOR_SCHEME) === 'prefer-dark';
    }

    /** The facts as the backend takes them; keys this GNOME lacks are left out. */
    get state(): DesktopStateJson {
        const state: DesktopStateJson = {};
        const scheme = this.#get(COLOR_SCHEME);
        if (scheme === 'default' || scheme === 'prefer-dark' || scheme === 'prefer-light') state.colorScheme = scheme;
        const monitor = this.#monitors && largestMonitor(this.#monitors.layout());
        if (monitor) state.monitor = monitor;
        const background = this.#background;
        if (background) {
            state.background = {};
            for (const [field, key] of Object.entries(BACKGROUND_KEYS) as [keyof typeof BACKGROUND_KEYS, string][]) {
                if (this.#backgroundSchema?.has_key(key)) state.background[field] = background.get_string(key);
            }
        }
        return state;
    }

    /**
     * Calls `onChanged` when the colour scheme, the background colours or the monitors change, until
     * `cleanup` runs.
     */
    start(cleanup: CleanupStack, onChanged: () => void): void {
        this.#interface = this.#follow(cleanup, this.#schema, [COLOR_SCHEME], onChanged);
        this.#background = this.#follow(cleanup, this.#backgroundSchema, Object.values(BACKGROUND_KEYS), onChanged);
        cleanup.defer(() => {
            this.#interface = null;
            this.#background = null;
        });
        this.#monitors?.watch(cleanup, onChanged);
    }

    #follow(
        cleanup: CleanupStack,
        schema: Gio.SettingsSchema | null,
        keys: readonly string[],
        onChanged: () => void,
    ): Gio.Settings | null {
        if (!schema) return null;
        const settings = new Gio.Settings({ settings_schema: schema });
        // GSettings only reports changes of keys read after the handler was connected: connect, then read.
        for (const key of keys) {
            if (!schema.has_key(key)) continue;
            cleanup.connect(settings, `changed::${key}`, onChanged);
            settings.get_string(key);
        }
        return settings;
    }

    #get(key: string): string | null {
        return this.#interface && this.#schema?.has_key(key) ? this.#interface.get_string(key) : null;
    }
}
