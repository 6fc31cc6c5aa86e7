// Handlers of the online methods (protocol/online.ts, protocol/methods.ts): sources, origins and URL bans.
import { ChameleonError } from '../../errors.js';
import { ErrorCode } from '../../protocol/messages.js';
import type { Handlers } from '../dispatcher.js';
import type { HandlerContext } from './context.js';

type OnlineMethods = 'sources.list' | 'sources.refresh' | 'image.origin' | 'image.banUrl';

export function onlineHandlers(app: HandlerContext): Pick<Handlers, OnlineMethods> {
    return {
        'sources.list': () => app.online.list(),
        'sources.refresh': (params) => app.online.refresh(params?.id),
        'image.origin': (params) => {
            const path = params?.path ?? app.service.current()?.path;
            if (!path) throw new ChameleonError(ErrorCode.NoHistory, 'no wallpaper has been shown yet; name an image');
            return app.online.origin(path);
        },
        'image.banUrl': async (params) => {
            const url = params?.url ?? app.online.urlOf(params?.path ?? app.service.current()?.path ?? '');
            if (!url)
                throw new ChameleonError(
                    ErrorCode.NotDownloaded,
                    `${params?.path ?? 'the wallpaper on screen'} was not downloaded by an online source; name its URL`,
                );
            const value = params?.value ?? true;
            const file = app.online.banUrl(url, value);
            // The file already downloaded is banned in the index too, so it leaves the rotation (and the screen) now.
            const next = file ? ((await app.selection.ban(file, value).catch(() => null))?.next ?? null) : null;
            return { url, banned: value, next };
        },
    };
}
