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
    /** A line about the backend or the last failure; null hides it. */
    showStatus(text: string | null): void;
}

export interface ControllerOptions {
    /** The extension's own settings (org.gnome.shell.extensions.chameleon). */
    settings: Gio.Settings;
    view: WallpaperView;
    gettext?: (text: string) => string;
    accentSync?: AccentSync;
    log?: (message: string) => void;
    /** Seconds in one unit of `change-interval` (a minute); tests shorten it. */
    secondsPerMinute?: number;
}

export class Controller {
    readonly #settings: Gio.Settings;
    readonly #view: WallpaperView;
    readonly #_: (text: string) => string;
    readonly #log: (message: string) => void;
    readonly #secondsPerMinute: number;
    #accentSync: AccentSync | null;
    #client: BackendClient | null = null;
    #timer = new Timeout();
    #current: WallpaperJson | null = null;
    /** False once cleanup has begun: answers that arrive later must not touch a destroyed view. */
    #active = false;
    #lastProblem: string | null = null;

    constructor(options: ControllerOptions) {
        this.#settings = options.settings;
        this.#view = options.view;
        this.#_ = options.gettext ?? ((text) => text);
        this.#log = options.log ?? ((message) => console.debug(`Chameleon: ${message}`));
        this.#accentSync = options.accentSync ?? null;
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
        this.#accentSync ??= new AccentSync();
        cleanup.defer(() => {
            this.#accentSync = null;
        });

        const client = new BackendClient({
            argv: () => backendArgv(this.#settings.get_strv('backend-command')),
            config: () => ({ folders: this.#settings.get_strv('folders') }),
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
        cleanup.connect(this.#settings, 'changed::folders', () => this.#sendFolders());
        cleanup.connect(this.#settings, 'changed::change-interval', () => this.#scheduleTimer());
        cleanup.connect(this.#settings, 'changed::accent-sync', () => this.#syncAccent());
        cleanup.connect(this.#settings, 'changed::backend-command', () => client.restart());

        this.#active = true;
        cleanup.defer(() => {
            this.#active = false;
            this.#timer.cancel();
        });
        client.start();
        this.#scheduleTimer();
        this.#settings.get_boolean('accent-sync');
        this.#settings.get_strv('backend-command');
    }

    next(reason: 'next' | 'timer' = 'next'): Promise<void> {
        return this.#change(this.#client?.request('wallpaper.next', { reason }));
    }

    previous(): Promise<void> {
        return this.#change(this.#client?.request('wallpaper.previous', {}));
    }

    async #change(request: Promise<WallpaperJson> | undefined): Promise<void> {
        if (!request) return;
        try {
            this.#show(await request);
            this.#showStatus(null);
        } catch (e) {
            this.#showStatus(this.#describeError(e as Error));
        }
    }

    #showStatus(text: string | null): void {
        if (this.#active) this.#view.showStatus(text);
    }

    #show(wallpaper: WallpaperJson | null): void {
        if (!this.#active) return;
        this.#current = wallpaper;
        this.#view.showWallpaper(wallpaper);
        this.#syncAccent();
        // Any change, whoever asked for it, restarts the countdown to the next timed one.
        this.#scheduleTimer();
    }

    #onNotification(notification: BackendNotification): void {
        if (notification.method === 'wallpaper.changed') this.#show(notification.params.wallpaper);
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
                if (this.#lastProblem === null) this.#showStatus(_('Starting the backend…'));
                break;
            case 'ready':
                this.#showStatus(null);
                this.#refreshCurrent();
                break;
            case 'restarting':
                this.#showStatus(
                    error?.startsWith(SPAWN_FAILED)
                        ? _('Backend not found — open Preferences to see how to install it')
                        : _('Backend restarting…'),
                );
                break;
            case 'stopped':
                this.#showStatus(error ?? null);
                break;
        }
    }

    #refreshCurrent(): void {
        this.#client?.request('wallpaper.current', {}).then(
            (wallpaper) => this.#show(wallpaper),
            (e: Error) => this.#log(`wallpaper.current: ${e.message}`),
        );
    }

    #sendFolders(): void {
        this.#client?.request('config.update', { folders: this.#settings.get_strv('folders') }).then(
            () => this.#showStatus(null),
            (e: Error) => this.#showStatus(this.#describeError(e)),
        );
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

    #syncAccent(): void {
        const accentName = this.#current?.palette?.accentName;
        if (!accentName || !this.#accentSync || !this.#settings.get_boolean('accent-sync')) return;
        if (this.#accentSync.apply(accentName)) this.#log(`accent colour set to ${accentName}`);
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
