// The monitor layout the backend composes per-monitor and spanned wallpapers for: each monitor's
// rectangle, scale and primary flag from the Shell (through MonitorSource), and whether those rectangles are in
// logical or device pixels, which only mutter's D-Bus API says. Gio only, so it runs under plain `gjs` in tests.
import type { CleanupStack } from './cleanup.js';
import type { MonitorSource } from './desktopFacts.js';
import { Gio, GLib } from './gi.js';
import type { MonitorsConfigJson } from './protocol.js';

export type LayoutMode = NonNullable<MonitorsConfigJson['layoutMode']>;

/** Reads the layout mode; resolves null when it cannot be known. Never rejects. */
export type LayoutModeReader = (cancellable: Gio.Cancellable) => Promise<LayoutMode | null>;

const DISPLAY_CONFIG = 'org.gnome.Mutter.DisplayConfig';
const DISPLAY_CONFIG_PATH = '/org/gnome/Mutter/DisplayConfig';

/**
 * mutter's `layout-mode` from org.gnome.Mutter.DisplayConfig.GetCurrentState (its fourth value, the properties):
 * 1 logical, 2 physical. Asynchronous all the way: mutter answers from the Shell's own main loop, so a
 * synchronous call from the Shell would wait for itself.
 */
export const readMutterLayoutMode: LayoutModeReader = (cancellable) =>
    new Promise((resolve) => {
        Gio.bus_get(Gio.BusType.SESSION, cancellable, (_source, busResult) => {
            let bus: Gio.DBusConnection;
            try {
                bus = Gio.bus_get_finish(busResult);
            } catch {
                resolve(null); // no session bus (tests without one)
                return;
            }
            bus.call(
                DISPLAY_CONFIG,
                DISPLAY_CONFIG_PATH,
                DISPLAY_CONFIG,
                'GetCurrentState',
                null,
                null,
                Gio.DBusCallFlags.NONE,
                -1,
                cancellable,
                (_bus, result) => {
                    try {
                        const properties = bus.call_finish(result).get_child_value(3);
                        const mode = properties.lookup_value('layout-mode', new GLib.VariantType('u'))?.get_uint32();
                        resolve(mode === 1 ? 'logical' : mode === 2 ? 'physical' : null);
                    } catch {
                        resolve(null); // not mutter (tests), or cancelled
                    }
                },
            );
        });
    });

export class MonitorLayout {
    readonly #source: MonitorSource;
    readonly #readMode: LayoutModeReader;
    #mode: LayoutMode | null = null;
    /** Counts reads, so that an answer overtaken by a later monitor change is dropped. */
    #reads = 0;

    constructor(source: MonitorSource, readMode: LayoutModeReader = readMutterLayoutMode) {
        this.#source = source;
        this.#readMode = readMode;
    }

    /**
     * The layout as the backend takes it; `layoutMode` is left out until mutter has said (the backend assumes
     * physical).
     */
    get state(): MonitorsConfigJson {
        return { layout: this.#source.layout(), ...(this.#mode ? { layoutMode: this.#mode } : {}) };
    }

    /** Reads the layout mode now and after every monitor change, then calls `onChanged`; until `cleanup` runs. */
    start(cleanup: CleanupStack, onChanged: (state: MonitorsConfigJson) => void): void {
        const cancellable = new Gio.Cancellable();
        cleanup.defer(() => cancellable.cancel());
        const refresh = (): void => {
            const read = ++this.#reads;
            void this.#readMode(cancellable).then((mode) => {
                if (read !== this.#reads || cancellable.is_cancelled()) return;
                this.#mode = mode ?? this.#mode;
                onChanged(this.state);
            });
        };
        this.#source.watch(cleanup, refresh);
        refresh();
    }
}
