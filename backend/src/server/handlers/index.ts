// Every protocol handler, one module per protocol domain (protocol/<domain>.ts). A new method's handler goes in
// its domain's module; the type below fails to compile while any method has none.
import type { Handlers } from '../dispatcher.js';
import { configHandlers } from './config.js';
import type { HandlerContext } from './context.js';
import { galleryHandlers } from './gallery.js';
import { onlineHandlers } from './online.js';
import { selectionHandlers } from './selection.js';
import { wallpaperHandlers } from './wallpaper.js';

export type { HandlerContext } from './context.js';

export function createHandlers(app: HandlerContext): Handlers {
    return {
        ...configHandlers(app),
        ...wallpaperHandlers(app),
        ...selectionHandlers(app),
        ...onlineHandlers(app),
        ...galleryHandlers(() => ({
            db: app.db,
            collection: app.collection,
            service: app.service,
            present: (w) => app.present(w),
        })),
    };
}
