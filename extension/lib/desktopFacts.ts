// What the desktop says about itself, for the backend's Smart Selection (dark style, accent, monitor size) and for
// choosing which of a wallpaper's pictures GNOME shows. Gio only: the monitors come in through `MonitorSource`,
// which the Shell side implements with Main.layoutManager, so this runs under plain `gjs` in tests.
import type { CleanupStack } from './cleanup.js';
import { Gio } from './gi.js';
import type { DesktopStateJson, MonitorJson } from './protocol.js';

const INTERFACE_SCHEMA = 'org.gnome.desktop.interface';
const COLOR_SCHEME = 'color-scheme';
const ACCENT = 'accent-color';

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
    for (const { width, height } of monitors) if (!best || width * height > best.width * best.height) best = { width, height };
    return best;
}

export class DesktopFacts {
    readonly #schema: Gio.SettingsSchema | null;
    readonly #monitors: MonitorSource | null;
    #interface: Gio.Settings | null = null;

    /** Reads the installed schema; nothing is connected until `start`. */
    constructor(monitors: MonitorSource | null = null, source: Gio.SettingsSchemaSource | null = Gio.SettingsSchemaSource.get_default()) {
        this.#schema = source?.lookup(INTERFACE_SCHEMA, true) ?? null;
        this.#monitors = monitors;
    }

    /** Whether the dark style is on (GNOME then shows picture-uri-dark). */
    get dark(): boolean {
        return this.#get(COLOR_SCHEME) === 'prefer-dark';
    }

    /** The facts as the backend takes them; keys this GNOME lacks (accent-color before 47) are left out. */
    get state(): DesktopStateJson {
        const state: DesktopStateJson = {};
        const scheme = this.#get(COLOR_SCHEME);
        if (scheme === 'default' || scheme === 'prefer-dark' || scheme === 'prefer-light') state.colorScheme = scheme;
        const accent = this.#get(ACCENT);
        if (accent !== null) state.accent = accent;
        const monitor = this.#monitors && largestMonitor(this.#monitors.layout());
        if (monitor) state.monitor = monitor;
        return state;
    }

    /** Calls `onChanged` when the colour scheme, the accent or the monitors change, until `cleanup` runs. */
    start(cleanup: CleanupStack, onChanged: () => void): void {
        const schema = this.#schema;
        if (schema) {
            const settings = new Gio.Settings({ settings_schema: schema });
            this.#interface = settings;
            cleanup.defer(() => {
                this.#interface = null;
            });
            // GSettings only reports changes of keys read after the handler was connected: connect, then read.
            for (const key of [COLOR_SCHEME, ACCENT]) {
                if (!schema.has_key(key)) continue;
                cleanup.connect(settings, `changed::${key}`, onChanged);
                settings.get_string(key);
            }
        }
        this.#monitors?.watch(cleanup, onChanged);
    }

    #get(key: string): string | null {
        return this.#interface && this.#schema?.has_key(key) ? this.#interface.get_string(key) : null;
    }
}
