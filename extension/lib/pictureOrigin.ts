// Where the picture on screen came from (online sources), as the menu's "Where is it from?" shows it. The backend
// says it with each wallpaper it announces; pictures from the user's own folders have no origin to show.
import type { OriginJson, WallpaperJson } from './protocol.js';
import type { PictureHost } from './pictureActions.js';

export interface OriginView {
    /** The origin of the picture on screen, or null for a picture of the user's own folders (or while unknown). */
    showOrigin(origin: OriginJson | null): void;
}

export class PictureOrigin {
    readonly #host: PictureHost;
    readonly #view: OriginView;
    #origin: OriginJson | null = null;

    constructor(host: PictureHost, view: OriginView) {
        this.#host = host;
        this.#view = view;
    }

    get origin(): OriginJson | null {
        return this.#origin;
    }

    /** Shows where a newly shown picture came from. */
    pictureShown(picture: WallpaperJson | null): void {
        const origin = picture?.origin ?? null;
        if (origin?.path === this.#origin?.path && origin?.bannedUrl === this.#origin?.bannedUrl) return;
        this.#show(origin);
    }

    /** "Never download this again": bans the picture's URL; the backend moves on when it was on screen. */
    async banUrl(): Promise<void> {
        const client = this.#host.client();
        const origin = this.#origin;
        if (!client || !origin) return;
        try {
            const result = await client.request('image.banUrl', { path: origin.path });
            this.#host.setRequestProblem(null);
            // A move on is announced like any change; a picture on screen that was not the current one is left.
            if (!result.next && origin.path === this.#host.displayed()?.path) await this.#host.next();
        } catch (e) {
            this.#host.setRequestProblem(e as Error);
        }
    }

    #show(origin: OriginJson | null): void {
        this.#origin = origin;
        if (this.#host.active()) this.#view.showOrigin(origin);
    }
}
