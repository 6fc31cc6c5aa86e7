// Where the picture on screen came from (online sources), as the menu's "Where is it from?" shows it.
// The backend is asked once per picture; pictures from the user's own folders have no origin to show.
import type { OriginJson, WallpaperJson } from './protocol.js';
import type { SelectionHost } from './selectionActions.js';

export interface OriginView {
    /** The origin of the picture on screen, or null for a picture of the user's own folders (or while unknown). */
    showOrigin(origin: OriginJson | null): void;
}

export class PictureOrigin {
    readonly #host: SelectionHost;
    readonly #view: OriginView;
    #path: string | null = null;
    #origin: OriginJson | null = null;

    constructor(host: SelectionHost, view: OriginView) {
        this.#host = host;
        this.#view = view;
    }

    get origin(): OriginJson | null {
        return this.#origin;
    }

    /** Asks where a newly shown picture came from; the same picture again is not asked twice. */
    pictureShown(picture: WallpaperJson | null): void {
        const path = picture?.path ?? null;
        if (path === this.#path) return;
        this.#path = path;
        this.#show(null);
        const client = this.#host.client();
        if (path === null || !client) return;
        client.request('image.origin', { path }).then(
            (origin) => {
                if (path === this.#path) this.#show(origin.online ? origin : null);
            },
            (e: Error) => this.#host.log(`image.origin: ${e.message}`),
        );
    }

    /** "Never download this again": bans the picture's URL; the backend moves on when it was on screen. */
    async banUrl(): Promise<void> {
        const client = this.#host.client();
        const origin = this.#origin;
        if (!client || !origin) return;
        const announced = this.#host.announced();
        try {
            const result = await client.request('image.banUrl', { path: origin.path });
            this.#host.setRequestProblem(null);
            if (result.next) this.#host.showIfLatest(result.next, announced);
            else if (origin.path === this.#host.displayed()?.path) await this.#host.next();
        } catch (e) {
            this.#host.setRequestProblem(e as Error);
        }
    }

    #show(origin: OriginJson | null): void {
        this.#origin = origin;
        if (this.#host.active()) this.#view.showOrigin(origin);
    }
}
