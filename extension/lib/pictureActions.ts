// What the user tells Smart Selection about the pictures on screen: favourite, trash, pause, "why this one?".
// Each acts on the picture GNOME shows, or on one monitor's picture when a path is given (the menu's monitor rows).
import type { BackendClient } from './backendClient.js';
import type { ExplainJson, WallpaperJson } from './protocol.js';

/** The part of the menu these actions update. */
export interface PictureView {
    /**
     * Whether a picture is a favourite; null while unknown. `path` names the picture (the one on screen, or one
     * monitor's); views that show a single picture may ignore it.
     */
    showFavourite(favourite: boolean | null, path?: string): void;
    /** Whether timed changes are paused (`selection.pause`). */
    showSelectionPaused(paused: boolean): void;
}

/** What the actions need from the controller that owns the backend connection. */
export interface PictureHost {
    client(): BackendClient | null;
    /** The picture GNOME shows now. */
    displayed(): WallpaperJson | null;
    /** False once cleanup has begun: the view must not be touched any more. */
    active(): boolean;
    next(): Promise<void>;
    /** The outcome of a request for the status line: an error, or null when it went well. */
    setRequestProblem(error: Error | null): void;
    log(message: string): void;
}

export class PictureActions {
    readonly #host: PictureHost;
    readonly #view: PictureView;
    /** Favourite state by path, for the picture on screen and each monitor's picture. */
    #favourites = new Map<string, boolean | null>();
    #paused = false;

    constructor(host: PictureHost, view: PictureView) {
        this.#host = host;
        this.#view = view;
    }

    /** Whether the picture on screen is a favourite (null: not known). */
    get favourite(): boolean | null {
        const path = this.#host.displayed()?.path;
        return path === undefined ? null : (this.#favourites.get(path) ?? null);
    }

    get paused(): boolean {
        return this.#paused;
    }

    /** Learns the favourite state of the pictures now on screen: from the wallpaper when it says, else by asking. */
    pictureShown(wallpaper: WallpaperJson | null): void {
        const pictures = new Map<string, unknown>();
        if (wallpaper) {
            pictures.set(wallpaper.path, wallpaper.favourite);
            for (const monitor of wallpaper.monitors ?? [])
                if (!pictures.has(monitor.path))
                    pictures.set(monitor.path, (monitor as { favourite?: unknown }).favourite);
        }
        const known = this.#favourites;
        this.#favourites = new Map();
        if (!wallpaper) this.#setFavourite(null, undefined);
        for (const [path, told] of pictures) {
            if (typeof told === 'boolean') this.#setFavourite(told, path);
            else if (known.has(path) && known.get(path) !== null) this.#setFavourite(known.get(path) ?? null, path);
            else this.#askFavourite(path);
        }
    }

    /** Marks the picture as a favourite, or unmarks it when it is one. */
    async toggleFavourite(path = this.#host.displayed()?.path): Promise<void> {
        const client = this.#host.client();
        if (path === undefined || !client) return;
        const was = this.#favourites.get(path) ?? null;
        try {
            const state = await client.request('image.favourite', { path, value: was !== true });
            if (this.#favourites.has(state.path)) this.#setFavourite(state.favourite, state.path);
            this.#host.setRequestProblem(null);
        } catch (e) {
            this.#setFavourite(was, path);
            this.#host.setRequestProblem(e as Error);
        }
    }

    /** Moves the picture to the desktop trash and shows another wallpaper. */
    async trash(path = this.#host.displayed()?.path): Promise<void> {
        const client = this.#host.client();
        if (path === undefined || !client) return;
        try {
            const result = await client.request('image.trash', { path });
            this.#host.setRequestProblem(null);
            // The backend moves on by itself (and announces it) when the trashed file was its current wallpaper;
            // the dark-style picture (or another monitor's) is not, so move on here: GNOME would keep showing a
            // file in the trash.
            if (!result.next) await this.#host.next();
        } catch (e) {
            this.#host.setRequestProblem(e as Error);
        }
    }

    /** Pauses timed changes, or resumes them when paused. The menu follows the `selection.paused` notification. */
    async togglePause(): Promise<void> {
        const client = this.#host.client();
        if (!client) return;
        try {
            const state = await client.request(this.#paused ? 'selection.resume' : 'selection.pause', {});
            this.setPaused(state.paused);
            this.#host.setRequestProblem(null);
        } catch (e) {
            this.#host.setRequestProblem(e as Error);
        }
    }

    /** Why Smart Selection picked the picture (the menu's "Why this wallpaper?"). */
    explain(path = this.#host.displayed()?.path): Promise<ExplainJson> {
        const client = this.#host.client();
        if (path === undefined || !client) return Promise.reject(new Error('no wallpaper is shown'));
        return client.request('selection.explain', { path });
    }

    setPaused(paused: boolean): void {
        this.#paused = paused;
        if (this.#host.active()) this.#view.showSelectionPaused(paused);
    }

    #askFavourite(path: string): void {
        this.#setFavourite(null, path);
        // selection.explain's "favourite" factor is the only place this protocol version states it for any picture.
        this.explain(path).then(
            (explanation) => {
                const factor = explanation.factors.find((f) => f.name === 'favourite');
                if (factor && this.#favourites.has(path)) this.#setFavourite(factor.detail !== 'not a favourite', path);
            },
            (e: Error) => this.#host.log(`selection.explain: ${e.message}`),
        );
    }

    #setFavourite(favourite: boolean | null, path: string | undefined): void {
        if (path !== undefined) this.#favourites.set(path, favourite);
        if (this.#host.active()) this.#view.showFavourite(favourite, path);
    }
}
