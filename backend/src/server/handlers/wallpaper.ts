// Handlers of the wallpaper methods (protocol/wallpaper.ts, protocol/methods.ts): changes and history.
import { HISTORY_PAGE } from '../../protocol/messages.js';
import type { Handlers } from '../dispatcher.js';
import type { HandlerContext } from './context.js';

type WallpaperMethods =
    | 'wallpaper.next'
    | 'wallpaper.previous'
    | 'wallpaper.current'
    | 'wallpaper.adopt'
    | 'wallpaper.fastForward'
    | 'history.list';

export function wallpaperHandlers(app: HandlerContext): Pick<Handlers, WallpaperMethods> {
    return {
        'wallpaper.next': async (params) => app.present(await app.service.next('next', params?.folders)),
        'wallpaper.previous': async () => app.present(await app.service.previous()),
        'wallpaper.current': () => {
            const current = app.service.current();
            return current && app.present(current);
        },
        'wallpaper.adopt': async (params) => {
            const adopted = await app.service.adopt(params.uri);
            return adopted && app.present(adopted);
        },
        'wallpaper.fastForward': async () => app.present(await app.service.fastForward()),
        'history.list': (params) =>
            app.service
                .list(Math.min(params?.limit ?? 50, HISTORY_PAGE), params?.offset ?? 0)
                .map((entry) => ({ ...app.present(entry), shownAt: entry.shownAt })),
    };
}
