import { GLib } from './gi.js';

/**
 * A one-shot main-loop timeout that can be re-armed and removed. Every timeout this extension creates goes
 * through one of these, so each has an owner that removes it (extensions.gnome.org rejects leaked sources).
 */
export class Timeout {
    #id = 0;

    get active(): boolean {
        return this.#id !== 0;
    }

    /** Calls `callback` once after `ms` milliseconds, replacing any earlier schedule. */
    schedule(ms: number, callback: () => void): void {
        this.#arm(GLib.timeout_add(GLib.PRIORITY_DEFAULT, ms, () => this.#fire(callback)));
    }

    /** Like `schedule`, with second granularity: GLib groups these wake-ups, which saves power for long waits. */
    scheduleSeconds(seconds: number, callback: () => void): void {
        this.#arm(GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, seconds, () => this.#fire(callback)));
    }

    cancel(): void {
        if (this.#id !== 0) GLib.source_remove(this.#id);
        this.#id = 0;
    }

    #arm(id: number): void {
        this.cancel();
        this.#id = id;
    }

    #fire(callback: () => void): boolean {
        this.#id = 0;
        callback();
        return GLib.SOURCE_REMOVE;
    }
}
