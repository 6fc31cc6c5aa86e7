// What the extension does, without the Shell: settings in, backend requests out, results to a view, the
// change timer, and accent sync. Gio/GLib only, so it runs under plain `gjs`; the panel button is one view.
import { Gio } from './gi.js';
import { AccentSync, installedAccentNames } from './accentSync.js';
import { BackendClient, BackendError, SPAWN_FAILED } from './backendClient.js';
import type { BackendNotification, BackendRequest, BackendState } from './backendClient.js';
import { backendArgv } from './backendCommand.js';
import type { CleanupStack } from './cleanup.js';
import { DesktopFacts } from './desktopFacts.js';
import type { MonitorSource } from './desktopFacts.js';
import { ErrorCode } from './protocol.js';
import type { ConfigUpdateJson, ExplainJson, IndexProgressJson, WallpaperJson } from './protocol.js';
import { Timeout } from './timer.js';
import { WallpaperSetter } from './wallpaperSetter.js';

export interface WallpaperView {
    /** The picture GNOME shows: with the dark style on, a wallpaper's `dark` picture when it has one. */
    showWallpaper(wallpaper: WallpaperJson | null): void;
    /** A line about the backend, the last failure, indexing progress or paused accent sync; null hides it. */
    showStatus(text: string | null): void;
    /** Whether to offer "Resume accent sync". */
    showAccentPaused(paused: boolean): void;
    /** Whether the picture shown is a favourite; null while unknown (no wallpaper, or not asked yet). */
    showFavourite(favourite: boolean | null): void;
    /** Whether timed changes are paused (`selection.pause`). */
    showSelectionPaused(paused: boolean): void;
}

export interface ControllerOptions {
    /** The extension's settings (org.gnome.shell.extensions.chameleon). */
    settings: Gio.Settings;
    view: WallpaperView;
    gettext?: (text: string) => string;
    log?: (message: string) => void;
    /** Seconds in one unit of `change-interval` (a minute); tests shorten it. */
    secondsPerMinute?: number;
    /** The monitors (the Shell's layout manager); without it the backend is not told the monitor size. */
    monitors?: MonitorSource;
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
    readonly #facts: DesktopFacts;
    #accentSync: AccentSync | null = null;
    #client: BackendClient | null = null;
    #timer = new Timeout();
    #current: WallpaperJson | null = null;
    /** The picture of `#current` GNOME shows now (its `dark` one in dark style), and whether it is a favourite. */
    #displayed: WallpaperJson | null = null;
    #favourite: boolean | null = null;
    #selectionPaused = false;
    #progress: IndexProgressJson | null = null;
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
        this.#facts = new DesktopFacts(options.monitors ?? null);
    }

    get backendPid(): number | null {
        return this.#client?.pid ?? null;
    }

    get current(): WallpaperJson | null {
        return this.#current;
    }

    /** The picture GNOME shows now: `current`, or its dark-style picture while the dark style is on. */
    get displayed(): WallpaperJson | null {
        return this.#displayed;
    }

    get favourite(): boolean | null {
        return this.#favourite;
    }

    get selectionPaused(): boolean {
        return this.#selectionPaused;
    }

    /** Starts the backend, follows the settings and runs the timer; everything is undone by `cleanup.run()`. */
    start(cleanup: CleanupStack): void {
        const setter = new WallpaperSetter();
        const client = new BackendClient({
            argv: () => backendArgv(this.#settings.get_strv('backend-command')),
            // Read at every (re)start, so a restarted backend gets every current setting.
            config: () => this.#config(),
            capabilities: { setWallpaper: true },
            onRequest: (request: BackendRequest) => {
                // The one request the backend sends; the setter says why when GNOME will not take the wallpaper.
                if (request.method === 'desktop.setWallpaper') return setter.set(request.params);
                throw Object.assign(new Error(`unknown method ${String(request.method)}`), { code: ErrorCode.MethodNotFound });
            },
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
        this.#facts.start(cleanup, () => this.#onDesktopChanged());

        client.start();
        this.#scheduleTimer();
        this.#render();
    }

    next(reason: 'next' | 'timer' = 'next'): Promise<void> {
        return this.#change(this.#client?.request('wallpaper.next', { reason }), reason);
    }

    previous(): Promise<void> {
        return this.#change(this.#client?.request('wallpaper.previous', {}));
    }

    /** A new pick now, even after Previous left newer history behind. */
    fastForward(): Promise<void> {
        return this.#change(this.#client?.request('wallpaper.fastForward', {}));
    }

    /** The menu's "Resume accent sync". */
    resumeAccentSync(): void {
        this.#accentSync?.resume();
    }

    /** Marks the picture on screen as a favourite, or unmarks it when it is one. */
    async toggleFavourite(): Promise<void> {
        const picture = this.#displayed;
        if (!picture || !this.#client) return;
        try {
            const state = await this.#client.request('image.favourite', { path: picture.path, value: this.#favourite !== true });
            if (state.path === this.#displayed?.path) this.#setFavourite(state.favourite);
            this.#setRequestProblem(null);
        } catch (e) {
            this.#setFavourite(this.#favourite);
            this.#setRequestProblem(e as Error);
        }
    }

    /** Moves the picture on screen to the desktop trash and shows another wallpaper. */
    async trash(): Promise<void> {
        const picture = this.#displayed;
        if (!picture || !this.#client) return;
        const announced = this.#announced;
        try {
            const result = await this.#client.request('image.trash', { path: picture.path });
            this.#setRequestProblem(null);
            // The backend moves on by itself when the trashed file was its current wallpaper; the dark-style
            // picture is not, so move on here (GNOME would otherwise keep showing a file that is in the trash).
            if (result.next) this.#showIfLatest(result.next, announced);
            else await this.next();
        } catch (e) {
            this.#setRequestProblem(e as Error);
        }
    }

    /** Pauses timed changes, or resumes them when paused. The menu follows the `selection.paused` notification. */
    async togglePause(): Promise<void> {
        if (!this.#client) return;
        try {
            const state = await this.#client.request(this.#selectionPaused ? 'selection.resume' : 'selection.pause', {});
            this.#setSelectionPaused(state.paused);
            this.#setRequestProblem(null);
        } catch (e) {
            this.#setRequestProblem(e as Error);
        }
    }

    /** Why Smart Selection picked the picture on screen (the menu's "Why this wallpaper?"). */
    explain(): Promise<ExplainJson> {
        const picture = this.#displayed;
        if (!picture || !this.#client) return Promise.reject(new Error('no wallpaper is shown'));
        return this.#client.request('selection.explain', { path: picture.path });
    }

    async #change(request: Promise<WallpaperJson> | undefined, reason: 'next' | 'timer' = 'next'): Promise<void> {
        if (!request) return;
        const announced = this.#announced;
        try {
            this.#showIfLatest(await request, announced);
            this.#setRequestProblem(null);
        } catch (e) {
            // A timed change while the user paused changes is refused by design: nothing to tell anyone.
            if (reason === 'timer' && e instanceof BackendError && e.code === ErrorCode.Paused) return;
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
        this.#present();
        // Any change, whoever asked for it, restarts the countdown to the next timed one.
        this.#scheduleTimer();
    }

    /**
     * Shows the picture GNOME draws: in dark style a wallpaper with a `dark` picture is that picture (GNOME
     * shows picture-uri-dark), so the menu names it and the accent comes from its palette.
     */
    #present(): void {
        const wallpaper = this.#current;
        const dark = this.#facts.dark ? wallpaper?.dark : undefined;
        const displayed = wallpaper && dark ? { ...wallpaper, ...dark, dark: undefined } : wallpaper;
        const samePicture = displayed?.path === this.#displayed?.path;
        this.#displayed = displayed;
        this.#view.showWallpaper(displayed);
        this.#accentSync?.follow(displayed?.palette?.accentName ?? null);
        if (!samePicture) this.#refreshFavourite(displayed);
    }

    /** Whether the picture on screen is a favourite: from the wallpaper when the backend says, else by asking. */
    #refreshFavourite(picture: WallpaperJson | null): void {
        const told = (picture as { favourite?: unknown } | null)?.favourite;
        if (!picture || typeof told === 'boolean' || !this.#client) {
            this.#setFavourite(typeof told === 'boolean' ? told : null);
            return;
        }
        this.#setFavourite(null);
        // selection.explain's "favourite" factor is the only place this protocol version states it.
        this.#client.request('selection.explain', { path: picture.path }).then(
            (explanation) => {
                const factor = explanation.factors.find((f) => f.name === 'favourite');
                if (factor && picture.path === this.#displayed?.path) this.#setFavourite(factor.detail !== 'not a favourite');
            },
            (e: Error) => this.#log(`selection.explain: ${e.message}`),
        );
    }

    #setFavourite(favourite: boolean | null): void {
        this.#favourite = favourite;
        if (this.#active) this.#view.showFavourite(favourite);
    }

    #setSelectionPaused(paused: boolean): void {
        this.#selectionPaused = paused;
        if (this.#active) this.#view.showSelectionPaused(paused);
    }

    #onNotification(notification: BackendNotification): void {
        switch (notification.method) {
            case 'wallpaper.changed':
                this.#announced++;
                this.#show(notification.params.wallpaper);
                break;
            case 'selection.paused':
                this.#setSelectionPaused(notification.params.paused);
                break;
            case 'index.progress': {
                // The last notification of a run has done === total: the line goes away.
                const progress = notification.params;
                this.#progress = progress.done < progress.total ? progress : null;
                this.#render();
                break;
            }
        }
    }

    /** Everything the backend is told at (re)start: the settings, the desktop's facts, the accents it accepts. */
    #config(): ConfigUpdateJson {
        const accents = installedAccentNames();
        return {
            settings: settingsValues(this.#settings),
            desktop: this.#facts.state,
            ...(accents ? { allowedAccentNames: accents } : {}),
        };
    }

    #onDesktopChanged(): void {
        if (!this.#active) return;
        // The dark style decides which picture is on screen; the accent and the monitor only matter to the backend.
        if (this.#current?.dark) this.#present();
        this.#client?.request('config.update', { desktop: this.#facts.state }).catch((e: Error) => this.#log(`config.update (desktop): ${e.message}`));
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
                this.#progress = null;
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
        this.#client?.request('status', {}).then(
            (status) => this.#setSelectionPaused(status.paused === true),
            (e: Error) => this.#log(`status: ${e.message}`),
        );
    }

    #setRequestProblem(error: Error | null): void {
        this.#requestProblem = error && this.#describeError(error);
        this.#requestProblemCode = error instanceof BackendError ? error.code : null;
        this.#render();
    }

    /** The status line: the backend's state first, then the last failure, indexing, then paused accent sync. */
    #render(): void {
        if (!this.#active) return;
        const paused = this.#accentSync?.paused ?? false;
        this.#view.showStatus(
            this.#backendStatus ??
                this.#requestProblem ??
                this.#progressText() ??
                (paused ? this.#_('Accent chosen by hand — sync paused') : null),
        );
        this.#view.showAccentPaused(paused);
    }

    /** "Indexing 3,214 / 10,000", numbers in the user's locale. */
    #progressText(): string | null {
        const progress = this.#progress;
        if (!progress) return null;
        return `${this.#_('Indexing')} ${progress.done.toLocaleString()} / ${progress.total.toLocaleString()}`;
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
