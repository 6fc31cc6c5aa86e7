// What the extension does, without the Shell: a thin desktop adapter. It keeps the backend fed with settings and
// what the user changed on the desktop, applies what the backend decides (`desktop.apply`: pictures and accent),
// and shows the backend's stream of notifications; answers only say whether a request went well. Timed changes,
// pause and the accent to apply are the backend's. Gio/GLib only, so it runs under plain `gjs`; the panel button
// is one view. The parts: statusLine.ts (the status line), pictureActions.ts (favourite, trash, pause),
// pictureOrigin.ts ("Where is it from?"), desktopFacts.ts and monitorLayout.ts (what the backend is told about
// the desktop), accentSync.ts (writes the accent, gives way to the user's own).
import { Gio } from './gi.js';
import { AccentSync, installedAccentNames } from './accentSync.js';
import { onlineSources } from './apiKeys.js';
import { BackendClient } from './backendClient.js';
import type { BackendNotification, BackendRequest, BackendState, InitializeResult } from './backendClient.js';
import { backendArgv } from './backendCommand.js';
import type { CleanupStack } from './cleanup.js';
import { DesktopFacts } from './desktopFacts.js';
import { watchForeignPictures } from './foreignPictures.js';
import type { MonitorSource } from './desktopFacts.js';
import { MonitorLayout } from './monitorLayout.js';
import type { LayoutModeReader } from './monitorLayout.js';
import { PictureOrigin } from './pictureOrigin.js';
import { RecentPictures, type RecentView } from './recentPictures.js';
import type { OriginView } from './pictureOrigin.js';
import { ErrorCode } from './protocol.js';
import type { ConfigUpdateJson, DesktopApplyJson, DesktopStateJson, ExplainJson, WallpaperJson } from './protocol.js';
import { PictureActions } from './pictureActions.js';
import type { PictureHost, PictureView } from './pictureActions.js';
import { StatusLine } from './statusLine.js';
import { WallpaperSetter } from './wallpaperSetter.js';

export interface WallpaperView extends PictureView, Partial<OriginView>, Partial<RecentView> {
    /**
     * The picture GNOME shows: with the dark style on, a wallpaper's `dark` picture when it has one. With a
     * picture per monitor, `monitors` lists each monitor's.
     */
    showWallpaper(wallpaper: WallpaperJson | null): void;
    /**
     * A line about the backend, the last failure, indexing or download progress, or paused accent sync; null hides it.
     */
    showStatus(text: string | null): void;
    /** Whether to offer "Resume accent sync". */
    showAccentPaused(paused: boolean): void;
}

/** Looks up the API keys of online sources (the user's keyring); resolves with the keys it found. */
export type ApiKeyLookup = (ids: readonly string[], cancellable: Gio.Cancellable) => Promise<Record<string, string>>;

export interface ControllerOptions {
    /** The extension's settings (org.gnome.shell.extensions.chameleon). */
    settings: Gio.Settings;
    view: WallpaperView;
    gettext?: (text: string) => string;
    log?: (message: string) => void;
    /** The monitors (the Shell's layout manager); without it the backend is told neither their size nor layout. */
    monitors?: MonitorSource;
    /** How the monitor layout's coordinates are meant (default: mutter's D-Bus API); tests replace it. */
    layoutMode?: LayoutModeReader;
    /** Where API keys come from; without it (no libsecret) only the `online-api-keys` setting has any. */
    apiKeys?: ApiKeyLookup;
}

/**
 * Every key of the extension's schema with its value as plain JSON, keyed by key name. The backend maps the keys
 * it knows to its settings (backend/src/config/settingsMap.ts) and ignores the others, so a new key needs no
 * code here.
 */
export function settingsValues(
    settings: Gio.Settings,
    keys: string[] = settings.settings_schema.list_keys(),
): Record<string, unknown> {
    return Object.fromEntries(keys.map((key) => [key, settings.get_value(key).recursiveUnpack() as unknown]));
}

/** Settings after whose change the keyring is read again: a new source may have a key, or a key changed. */
const API_KEY_TRIGGERS = new Set(['online-sources', 'online-keyring-serial']);

export class Controller {
    readonly #settings: Gio.Settings;
    readonly #view: WallpaperView;
    readonly #log: (message: string) => void;
    readonly #facts: DesktopFacts;
    readonly #layout: MonitorLayout | null;
    readonly #apiKeyLookup: ApiKeyLookup | null;
    readonly #status: StatusLine;
    readonly #pictures: PictureActions;
    readonly #origin: PictureOrigin;
    readonly #recent: RecentPictures;
    #accentSync: AccentSync | null = null;
    #client: BackendClient | null = null;
    #current: WallpaperJson | null = null;
    /** The picture of `#current` GNOME shows now (its `dark` one in dark style). */
    #displayed: WallpaperJson | null = null;
    /** False once cleanup has begun: answers that arrive later must not touch a destroyed view. */
    #active = false;
    /** The keyring's API keys as last read, sent again to a restarted backend. */
    #apiKeys: Record<string, string> = {};
    #apiKeysCancellable: Gio.Cancellable | null = null;

    constructor(options: ControllerOptions) {
        this.#settings = options.settings;
        this.#view = options.view;
        this.#log = options.log ?? ((message) => console.debug(`Chameleon: ${message}`));
        this.#facts = new DesktopFacts(options.monitors ?? null);
        this.#layout = options.monitors ? new MonitorLayout(options.monitors, options.layoutMode) : null;
        this.#apiKeyLookup = options.apiKeys ?? null;
        this.#status = new StatusLine(options.gettext ?? ((text) => text));
        // The parts that act on the pictures on screen see the controller through this narrow window.
        const host: PictureHost = {
            client: () => this.#client,
            displayed: () => this.#displayed,
            active: () => this.#active,
            next: () => this.next(),
            setRequestProblem: (error) => this.#setRequestProblem(error),
            log: this.#log,
        };
        this.#pictures = new PictureActions(host, this.#view);
        this.#origin = new PictureOrigin(host, { showOrigin: (origin) => this.#view.showOrigin?.(origin) });
        this.#recent = new RecentPictures(host, { showRecent: (recent) => this.#view.showRecent?.(recent) });
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
        return this.#pictures.favourite;
    }

    get selectionPaused(): boolean {
        return this.#pictures.paused;
    }

    /** Where the picture on screen came from, when it was downloaded (else null). */
    get origin(): PictureOrigin {
        return this.#origin;
    }

    /** Starts the backend and follows the settings and the desktop; everything is undone by `cleanup.run()`. */
    start(cleanup: CleanupStack): void {
        const setter = new WallpaperSetter();
        const client = new BackendClient({
            argv: () => backendArgv(this.#settings.get_strv('backend-command')),
            // Read at every (re)start, so a restarted backend gets every current setting.
            config: () => this.#config(),
            capabilities: { desktop: true },
            onRequest: (request: BackendRequest) => {
                // The one request the backend sends; the setter says why when GNOME will not take the wallpaper.
                if (request.method === 'desktop.apply') return this.#apply(setter, request.params);
                throw Object.assign(new Error(`unknown method ${String(request.method)}`), {
                    code: ErrorCode.MethodNotFound,
                });
            },
            onInitialized: (result) => this.#onInitialized(result),
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
        cleanup.connect(this.#settings, 'changed', (_settings: Gio.Settings, key: string) =>
            this.#onSettingChanged(key),
        );
        settingsValues(this.#settings);

        this.#active = true;
        cleanup.defer(() => {
            this.#active = false;
            this.#apiKeysCancellable?.cancel();
        });

        const accentSync = new AccentSync({
            settings: this.#settings,
            onChanged: () => this.#render(),
            // The user picked an accent: the backend's colour target may follow it. Our own writes are never told.
            onUserAccent: () => this.#update({ desktop: this.#desktopState() }, 'accent'),
            log: this.#log,
        });
        this.#accentSync = accentSync;
        cleanup.defer(() => {
            this.#accentSync = null;
        });
        accentSync.start(cleanup);
        this.#facts.start(cleanup, () => this.#onDesktopChanged());
        this.#layout?.start(cleanup, (monitors) => this.#update({ monitors }, 'monitors'));

        // A wallpaper set with GNOME Settings or another tool: the backend takes it as the current one, palette and
        // history included, and announces it like any change, so the menu and the accent follow it.
        watchForeignPictures(setter, cleanup, (uri) => {
            this.#log(`picture-uri set elsewhere to ${uri}`);
            this.#client
                ?.request('wallpaper.adopt', { uri })
                .catch((e: Error) => this.#log(`wallpaper.adopt: ${e.message}`));
        });
        client.start();
        this.#readApiKeys();
        this.#render();
    }

    next(): Promise<void> {
        return this.#change(this.#client?.request('wallpaper.next', {}));
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

    /** Marks the picture on screen (or the one at `path`, a monitor's) as a favourite, or unmarks it. */
    toggleFavourite(path?: string): Promise<void> {
        return this.#pictures.toggleFavourite(path);
    }

    /** Moves the picture on screen (or the one at `path`) to the desktop trash and shows another wallpaper. */
    trash(path?: string): Promise<void> {
        return this.#pictures.trash(path);
    }

    /** Pauses timed changes, or resumes them when paused. */
    togglePause(): Promise<void> {
        return this.#pictures.togglePause();
    }

    /** Why Smart Selection picked the picture on screen (the menu's "Why this wallpaper?"). */
    explain(path?: string): Promise<ExplainJson> {
        return this.#pictures.explain(path);
    }

    /** The panel menu opened or closed: its recent pictures are brought up to date while it is open. */
    menuOpenChanged(open: boolean): void {
        this.#recent.menuOpenChanged(open);
    }

    /** Shows the picture at `path` now (the menu's recent pictures). */
    setPicture(path: string): Promise<void> {
        return this.#recent.set(path);
    }

    /** "Never download this again" for the picture on screen. */
    banUrl(): Promise<void> {
        return this.#origin.banUrl();
    }

    /**
     * A change asked for: what it shows comes as `wallpaper.changed`, like every change (the answer, which the CLI
     * prints, says nothing new here); only a failure is for the status line.
     */
    async #change(request: Promise<WallpaperJson> | undefined): Promise<void> {
        if (!request) return;
        try {
            await request;
            this.#setRequestProblem(null);
        } catch (e) {
            this.#setRequestProblem(e as Error);
        }
    }

    /** What the backend decided the desktop shows: the pictures (all keys at once), then the accent. */
    #apply(setter: WallpaperSetter, params: DesktopApplyJson): { ok: true } {
        if (params.wallpaper) setter.set(params.wallpaper);
        if (params.accent) this.#accentSync?.apply(params.accent);
        return { ok: true };
    }

    #show(wallpaper: WallpaperJson | null): void {
        if (!this.#active) return;
        this.#current = wallpaper;
        this.#present();
    }

    /** A (re)started backend says what is on screen and whether changes are paused. */
    #onInitialized(result: InitializeResult): void {
        this.#show(result.current);
        this.#pictures.setPaused(result.paused);
    }

    /**
     * Shows the picture GNOME draws: in dark style a wallpaper with a `dark` picture is that picture (GNOME
     * shows picture-uri-dark), so the menu names it and the accent comes from its palette.
     */
    #present(): void {
        const wallpaper = this.#current;
        const dark = this.#facts.dark ? wallpaper?.dark : undefined;
        const displayed = wallpaper && dark ? { ...wallpaper, ...dark, dark: undefined } : wallpaper;
        this.#displayed = displayed;
        this.#view.showWallpaper(displayed);
        this.#pictures.pictureShown(displayed);
        this.#origin.pictureShown(displayed);
        this.#recent.pictureShown(displayed);
    }

    /**
     * A palette for the wallpaper on screen: the one announced without it, or one made again over a new background
     * colour. One for another picture (an older change) is dropped.
     */
    #paletteMade(wallpaper: WallpaperJson): void {
        const current = this.#current;
        if (!this.#active || !current || current.uri !== wallpaper.uri || current.path !== wallpaper.path) return;
        this.#current = wallpaper;
        this.#present();
    }

    #onNotification(notification: BackendNotification): void {
        switch (notification.method) {
            case 'wallpaper.changed':
                // Shown at once, even while its palette is still being made: the name now, swatches when
                // `wallpaper.palette` brings them.
                this.#show(notification.params.wallpaper);
                break;
            case 'wallpaper.palette':
                this.#paletteMade(notification.params.wallpaper);
                break;
            case 'selection.paused':
                this.#pictures.setPaused(notification.params.paused);
                break;
            case 'index.progress':
                this.#status.indexProgress(notification.params);
                this.#render();
                break;
            case 'download.progress':
                this.#status.downloadProgress(notification.params);
                this.#render();
                break;
        }
    }

    /** Everything the backend is told at (re)start: settings, the desktop's facts and monitors, accents, API keys. */
    #config(): ConfigUpdateJson {
        const accents = installedAccentNames();
        return {
            settings: settingsValues(this.#settings),
            desktop: this.#desktopState(),
            ...(this.#layout ? { monitors: this.#layout.state } : {}),
            ...(accents ? { allowedAccentNames: accents } : {}),
            ...(Object.keys(this.#apiKeys).length > 0 ? { online: { apiKeys: this.#apiKeys } } : {}),
        };
    }

    /** What the user has the desktop say: the dark style, the monitor, the background colours and their accent. */
    #desktopState(): DesktopStateJson {
        const accent = this.#accentSync?.userAccent ?? null;
        return { ...this.#facts.state, ...(accent ? { accent } : {}) };
    }

    #onDesktopChanged(): void {
        if (!this.#active) return;
        // The dark style decides which picture is on screen (and the backend, which accent goes with it).
        if (this.#current?.dark) this.#present();
        this.#update({ desktop: this.#desktopState() }, 'desktop');
    }

    /** A config.update whose failure only matters to the journal (what it says is sent again at a restart). */
    #update(update: ConfigUpdateJson, what: string): void {
        if (!this.#active) return;
        this.#client
            ?.request('config.update', update)
            .catch((e: Error) => this.#log(`config.update (${what}): ${e.message}`));
    }

    /** Reads the sources' API keys from the keyring and sends them; the keys themselves are never logged. */
    #readApiKeys(): void {
        const lookup = this.#apiKeyLookup;
        if (!lookup) return;
        this.#apiKeysCancellable?.cancel();
        const cancellable = (this.#apiKeysCancellable = new Gio.Cancellable());
        const ids = onlineSources(this.#settings.get_string('online-sources')).map((source) => source.id);
        lookup(ids, cancellable).then(
            (keys) => {
                if (cancellable.is_cancelled()) return;
                this.#apiKeys = keys;
                this.#update({ online: { apiKeys: keys } }, 'API keys');
            },
            (e: Error) => this.#log(`reading API keys from the keyring: ${e.message}`),
        );
    }

    #onSettingChanged(key: string): void {
        switch (key) {
            case 'backend-command':
                // The new backend gets every setting in its initialize.
                this.#client?.restart();
                return;
        }
        if (API_KEY_TRIGGERS.has(key)) this.#readApiKeys();
        this.#client?.request('config.update', { settings: settingsValues(this.#settings, [key]) }).then(
            () => {
                // A settings change is how the user fixes "no images" or an unreadable folder.
                const code = this.#status.problemCode;
                if (code === ErrorCode.NoImages || code === ErrorCode.FolderUnavailable) this.#setRequestProblem(null);
            },
            (e: Error) => this.#setRequestProblem(e),
        );
    }

    #onState(state: BackendState, error?: string): void {
        // A backend crash is worth a line in the journal even when debug messages are off, but a backend that is
        // not installed fails the same way every 30 s: say each distinct problem once until the backend is ready.
        if (this.#status.backendState(state, error)) console.warn(`Chameleon: backend ${state}: ${error}`);
        else if (error) this.#log(`backend ${state}: ${error}`);
        this.#render();
    }

    #setRequestProblem(error: Error | null): void {
        this.#status.requestProblem(error);
        this.#render();
    }

    #render(): void {
        if (!this.#active) return;
        const paused = this.#accentSync?.paused ?? false;
        this.#view.showStatus(this.#status.text(paused));
        this.#view.showAccentPaused(paused);
    }
}
