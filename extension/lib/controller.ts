// What the extension does, without the Shell: settings in, backend requests out, results to a view, the
// change timer, and accent sync. Gio/GLib only, so it runs under plain `gjs`; the panel button is one view.
import { Gio } from './gi.js';
import { AccentSync } from './accentSync.js';
import { BackendClient, BackendError, SPAWN_FAILED } from './backendClient.js';
import type { BackendNotification, BackendState } from './backendClient.js';
import { backendArgv } from './backendCommand.js';
import type { CleanupStack } from './cleanup.js';
import { ErrorCode } from './protocol.js';
import type { WallpaperJson } from './protocol.js';
import { Timeout } from './timer.js';

export interface WallpaperView {
    showWallpaper(wallpaper: WallpaperJson | null): void;
    /** A line about the backend, the last failure or paused accent sync; null hides it. */
    showStatus(text: string | null): void;
    /** Whether to offer "Resume accent sync". */
    showAccentPaused(paused: boolean): void;
}

export interface ControllerOptions {
    /** The extension's settings (org.gnome.shell.extensions.chameleon). */
    settings: Gio.Settings;
    view: WallpaperView;
    gettext?: (text: string) => string;
    log?: (message: string) => void;
    /** Seconds in one unit of `change-interval` (a minute); tests shorten it. */
    secondsPerMinute?: number;
}

/**
 * Every key of the extension's schema with its value as plain JSON, keyed by key name. The backend maps the keys
 * it knows to its settings (backend/src/config/settingsMap.ts) and ignores the others, so a new key needs no
 * code here.
 */
export function settingsValues(settings: Gio.Settings, keys: string[] = settings.settings_schema.list_keys()): Record<string, unknown> {
    return Object.fromEntries(keys.map((key) => [key, settings.get_value(key).recursiveUnpack() as unknown]));
}

export class Controller {
    readonly #settings: Gio.Settings;
    readonly #view: WallpaperView;
    readonly #_: (text: string) => string;
    readonly #log: (message: string) => void;
    readonly #secondsPerMinute: number;
    #accentSync: AccentSync | null = null;
    #client: BackendClient | null = null;
    #timer = new Timeout();
    #current: WallpaperJson | null = null;
    /** How many `wallpaper.changed` notifications have come: an answer sent before the latest one is stale. */
    #announced = 0;
    /** False once cleanup has begun: answers that arrive later must not touch a destroyed view. */
    #active = false;
    #lastProblem: string | null = null;
    /** What the status line says about the backend's state, and about the last failed request. */
    #backendStatus: string | null = null;
    #requestProblem: string | null = null;
    #requestProblemCode: number | null = null;

    constructor(options: ControllerOptions) {
        this.#settings = options.settings;
        this.#view = options.view;
        this.#_ = options.gettext ?? ((text) => text);
        this.#log = options.log ?? ((message) => console.debug(`Chameleon: ${message}`));
        this.#secondsPerMinute = options.secondsPerMinute ?? 60;
    }

    get backendPid(): number | null {
        return this.#client?.pid ?? null;
    }

    get current(): WallpaperJson | null {
        return this.#current;
    }

    /** Starts the backend, follows the settings and runs the timer; everything is undone by `cleanup.run()`. */
    start(cleanup: CleanupStack): void {
        const client = new BackendClient({
            argv: () => backendArgv(this.#settings.get_strv('backend-command')),
            // Read at every (re)start, so a restarted backend gets every current setting.
            config: () => ({ settings: settingsValues(this.#settings) }),
            onNotification: (notification) => this.#onNotification(notification),
            onState: (state, error) => this.#onState(state, error),
            log: this.#log,
        });
        this.#client = client;
        cleanup.defer(() => {
            this.#client = null;
            // disable() must not be async: the client finishes the shutdown (and kills a stuck backend) itself.
            void client.stop();
        });

        // GSettings only reports changes of keys read after the handler was connected: connect, then read.
        cleanup.connect(this.#settings, 'changed', (_settings: Gio.Settings, key: string) => this.#onSettingChanged(key));
        settingsValues(this.#settings);

        this.#active = true;
        cleanup.defer(() => {
            this.#active = false;
            this.#timer.cancel();
        });

        const accentSync = new AccentSync({
            settings: this.#settings,
            onChanged: () => this.#render(),
            log: this.#log,
        });
        this.#accentSync = accentSync;
        cleanup.defer(() => {
            this.#accentSync = null;
        });
        accentSync.start(cleanup);

        client.start();
        this.#scheduleTimer();
        this.#render();
    }

    next(reason: 'next' | 'timer' = 'next'): Promise<void> {
        return this.#change(this.#client?.request('wallpaper.next', { reason }));
    }

    previous(): Promise<void> {
        return this.#change(this.#client?.request('wallpaper.previous', {}));
    }

    /** The menu's "Resume accent sync". */
    resumeAccentSync(): void {
        this.#accentSync?.resume();
    }

    async #change(request: Promise<WallpaperJson> | undefined): Promise<void> {
        if (!request) return;
        const announced = this.#announced;
        try {
            this.#showIfLatest(await request, announced);
            this.#setRequestProblem(null);
        } catch (e) {
            this.#setRequestProblem(e as Error);
        }
    }

    /**
     * Shows an answer unless a `wallpaper.changed` came after the request was sent. The backend announces every
     * change before it answers, and answers reach us a microtask late: showing them blindly could put back an
     * older wallpaper (and its accent) over the one on screen when changes follow each other quickly.
     */
    #showIfLatest(wallpaper: WallpaperJson | null, announcedBefore: number): void {
        if (this.#announced === announcedBefore) this.#show(wallpaper);
    }

    #show(wallpaper: WallpaperJson | null): void {
        if (!this.#active) return;
        this.#current = wallpaper;
        this.#view.showWallpaper(wallpaper);
        this.#accentSync?.follow(wallpaper?.palette?.accentName ?? null);
        // Any change, whoever asked for it, restarts the countdown to the next timed one.
        this.#scheduleTimer();
    }

    #onNotification(notification: BackendNotification): void {
        if (notification.method !== 'wallpaper.changed') return;
        this.#announced++;
        this.#show(notification.params.wallpaper);
    }

    #onSettingChanged(key: string): void {
        switch (key) {
            case 'backend-command':
                // The new backend gets every setting in its initialize.
                this.#client?.restart();
                return;
            case 'change-interval':
                this.#scheduleTimer();
                break;
        }
        this.#client?.request('config.update', { settings: settingsValues(this.#settings, [key]) }).then(
            () => {
                // A settings change is how the user fixes "no images" or an unreadable folder.
                if (this.#requestProblemCode === ErrorCode.NoImages || this.#requestProblemCode === ErrorCode.FolderUnavailable)
                    this.#setRequestProblem(null);
            },
            (e: Error) => this.#setRequestProblem(e),
        );
    }

    #onState(state: BackendState, error?: string): void {
        const _ = this.#_;
        // A backend crash is worth a line in the journal even when debug messages are off, but a backend that is
        // not installed fails the same way every 30 s: say each distinct problem once until the backend is ready.
        if (error && error !== this.#lastProblem) console.warn(`Chameleon: backend ${state}: ${error}`);
        else if (error) this.#log(`backend ${state}: ${error}`);
        this.#lastProblem = state === 'ready' ? null : (error ?? this.#lastProblem);
        switch (state) {
            case 'starting':
                // After a crash or a failed start, "restarting" or "not found" stays up until the backend is ready.
                if (this.#lastProblem === null) this.#backendStatus = _('Starting the backend…');
                break;
            case 'ready':
                // Requests that failed because the backend went away are history now.
                this.#backendStatus = null;
                this.#requestProblem = null;
                this.#requestProblemCode = null;
                this.#refreshCurrent();
                break;
            case 'restarting':
                this.#backendStatus = error?.startsWith(SPAWN_FAILED)
                    ? _('Backend not found — open Preferences to see how to install it')
                    : _('Backend restarting…');
                break;
            case 'stopped':
                this.#backendStatus = error ?? null;
                break;
        }
        this.#render();
    }

    #refreshCurrent(): void {
        const announced = this.#announced;
        this.#client?.request('wallpaper.current', {}).then(
            (wallpaper) => this.#showIfLatest(wallpaper, announced),
            (e: Error) => this.#log(`wallpaper.current: ${e.message}`),
        );
    }

    #setRequestProblem(error: Error | null): void {
        this.#requestProblem = error && this.#describeError(error);
        this.#requestProblemCode = error instanceof BackendError ? error.code : null;
        this.#render();
    }

    /** The status line: the backend's state first, then the last failure, then paused accent sync. */
    #render(): void {
        if (!this.#active) return;
        const paused = this.#accentSync?.paused ?? false;
        this.#view.showStatus(this.#backendStatus ?? this.#requestProblem ?? (paused ? this.#_('Accent chosen by hand — sync paused') : null));
        this.#view.showAccentPaused(paused);
    }

    #scheduleTimer(): void {
        const minutes = this.#settings.get_uint('change-interval');
        if (minutes === 0 || !this.#active) {
            this.#timer.cancel();
            return;
        }
        this.#timer.scheduleSeconds(minutes * this.#secondsPerMinute, () => {
            // Re-armed by the change itself; if the change fails, try again after another interval.
            this.next('timer').finally(() => {
                if (!this.#timer.active) this.#scheduleTimer();
            });
        });
    }

    #describeError(error: Error): string {
        const _ = this.#_;
        switch (error instanceof BackendError ? error.code : null) {
            case ErrorCode.NoImages:
                return _('No images in your wallpaper folders — add a folder in Preferences');
            case ErrorCode.NoHistory:
                return _('There is no earlier wallpaper yet');
            case ErrorCode.FolderUnavailable:
                return `${_('A wallpaper folder cannot be read')}: ${error.message}`;
            case ErrorCode.SetFailed:
                return `${_('GNOME did not accept the wallpaper')}: ${error.message}`;
            default:
                return error.message;
        }
    }
}
