// The pictures the menu shows as thumbnails: the one on screen and the ones shown before it (`gallery.recent`),
// and "set this picture" when one of them is clicked (`wallpaper.set`, in the backend's one queue).
import type { GalleryRecentJson, WallpaperJson } from './protocol.js';
import type { PictureHost } from './pictureActions.js';

/** Pictures in the menu's "Recent" submenu. */
export const RECENT_IN_MENU = 6;

export interface RecentView {
    /** The picture on screen and the recent ones, with their thumbnail files (null: none could be made). */
    showRecent(recent: GalleryRecentJson): void;
}

export class RecentPictures {
    readonly #host: PictureHost;
    readonly #view: RecentView;
    /** The picture on screen. */
    #onScreen: string | null = null;
    /** The picture whose recent list is shown (or asked for): a palette arriving for it asks nothing again. */
    #shownFor: string | null = null;
    /** Answers to an older question are dropped: only the latest list is shown. */
    #asked = 0;
    #menuOpen = false;

    constructor(host: PictureHost, view: RecentView) {
        this.#host = host;
        this.#view = view;
    }

    /**
     * A new picture is on screen: the list changes with it, asked for at once while the menu is open, else when it
     * opens (a change costs the backend no thumbnails nobody looks at).
     */
    pictureShown(wallpaper: WallpaperJson | null): void {
        this.#onScreen = wallpaper?.path ?? null;
        if (this.#menuOpen) this.#refreshIfStale();
    }

    /** The menu opened or closed. */
    menuOpenChanged(open: boolean): void {
        this.#menuOpen = open;
        if (open) this.#refreshIfStale();
    }

    #refreshIfStale(): void {
        if (this.#onScreen === this.#shownFor) return;
        this.#shownFor = this.#onScreen;
        this.refresh();
    }

    /** Asks the backend for the thumbnails of the picture on screen and of those before it. */
    refresh(): void {
        const client = this.#host.client();
        if (!client) return;
        const asked = ++this.#asked;
        client.request('gallery.recent', { limit: RECENT_IN_MENU }).then(
            (recent) => {
                if (asked === this.#asked && this.#host.active()) this.#view.showRecent(recent);
            },
            (e: Error) => {
                // Asked again at the next change; the menu keeps the list it has.
                if (asked === this.#asked) this.#shownFor = null;
                this.#host.log(`gallery.recent: ${e.message}`);
            },
        );
    }

    /** Shows the picture at `path` now (the menu's recent pictures). */
    async set(path: string): Promise<void> {
        const client = this.#host.client();
        if (!client) return;
        // The menu follows the backend's `wallpaper.changed`; the answer only says whether it went well.
        try {
            await client.request('wallpaper.set', { path });
            this.#host.setRequestProblem(null);
        } catch (e) {
            this.#host.setRequestProblem(e as Error);
        }
    }
}
