// Protocol handlers of the gallery: thumbnails, the collection page by page, the recent pictures, and setting a
// picture the user chose (see protocol/gallery.ts).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from '../../db/database.js';
import { HistoryStore } from '../../db/history.js';
import { ImageStore } from '../../db/images.js';
import { countGallery, galleryItem, galleryPage, galleryRow } from '../../gallery/galleryQuery.js';
import { Thumbnails } from '../../gallery/thumbnails.js';
import { probeImage } from '../../scan/imageProbe.js';
import { cacheHome } from '../../paths.js';
import type { Collection } from '../../pipeline/collection.js';
import { ChameleonError } from '../../errors.js';
import type { WallpaperService } from '../../pipeline/wallpaperService.js';
import {
    ErrorCode,
    GALLERY_PAGE,
    type GalleryItemJson,
    type GalleryMethods,
    type ThumbnailJson,
    type WallpaperJson,
} from '../../protocol/messages.js';

export interface GalleryDeps {
    db: Db;
    collection: Collection;
    service: WallpaperService;
    /** A wallpaper as the protocol shows it (App.present). */
    present: (wallpaper: WallpaperJson) => WallpaperJson;
}

type GalleryHandlers = { [M in keyof GalleryMethods]: (params: GalleryMethods[M][0]) => Promise<GalleryMethods[M][1]> };

/** History entries looked through for the recent pictures (many may show the same few pictures). */
const RECENT_SCAN = 500;

/** `deps` is asked for at each call: the App builds its parts after its handler table. */
export function galleryHandlers(deps: () => GalleryDeps): GalleryHandlers {
    let thumbnails: Thumbnails | null = null;
    const thumbnailsOf = (db: Db) =>
        (thumbnails ??= new Thumbnails(join(cacheHome(), 'chameleon', 'thumbnails'), new ImageStore(db)));
    /** The item for `path` with its thumbnail made; a picture that cannot be decoded has none. */
    const itemWithThumbnail = async (db: Db, path: string): Promise<GalleryItemJson> =>
        galleryItem(
            galleryRow(db, path),
            path,
            await thumbnailsOf(db)
                .of(path)
                .catch(() => null),
        );

    return {
        'gallery.list': async (params) => {
            const { db, collection } = deps();
            await collection.syncIndex();
            const bySource = collection.folderSources();
            const folders = [...bySource.keys()];
            const folder = params?.folder !== undefined ? resolve(params.folder) : undefined;
            if (folder !== undefined && !bySource.has(folder)) {
                const known = folders.join(', ') || 'none configured';
                throw new ChameleonError(
                    ErrorCode.FolderUnavailable,
                    `${params?.folder} is not one of Chameleon's folders (${known})`,
                );
            }
            const filter = {
                sourceIds: folder !== undefined ? bySource.get(folder)! : [...bySource.values()].flat(),
                ...(params?.favourites ? { favourites: true } : {}),
                ...(params?.family ? { family: params.family } : {}),
            };
            const offset = params?.offset ?? 0;
            const rows = galleryPage(db, filter, offset, Math.min(params?.limit ?? 60, GALLERY_PAGE));
            const items = await Promise.all(
                rows.map(async (row) => {
                    const known = thumbnailsOf(db).known(row.content_hash);
                    const made =
                        known ??
                        (params?.thumbnails
                            ? await thumbnailsOf(db)
                                  .of(row.path)
                                  .catch(() => null)
                            : null);
                    return galleryItem(row, row.path, made);
                }),
            );
            return { total: countGallery(db, filter), offset, items, folders };
        },
        'gallery.thumbnails': async ({ paths }) => {
            const { db } = deps();
            return Promise.all(
                paths.map(async (given): Promise<ThumbnailJson> => {
                    const path = resolve(given);
                    try {
                        return { path, thumbnail: await thumbnailsOf(db).of(path) };
                    } catch (error) {
                        return { path, thumbnail: null, problem: (error as Error).message };
                    }
                }),
            );
        },
        'gallery.recent': async (params) => {
            const { db, service } = deps();
            const current = service.current();
            const limit = params?.limit ?? 10;
            const seen = new Set(current ? [current.path] : []);
            const paths: string[] = [];
            for (const entry of new HistoryStore(db).list(RECENT_SCAN)) {
                if (paths.length >= limit) break;
                if (seen.has(entry.path) || !existsSync(entry.path)) continue;
                seen.add(entry.path);
                paths.push(entry.path);
            }
            return {
                current: current && existsSync(current.path) ? await itemWithThumbnail(db, current.path) : null,
                recent: await Promise.all(paths.map((path) => itemWithThumbnail(db, path))),
            };
        },
        'wallpaper.set': async ({ path: given }) => {
            const { db, service, present } = deps();
            const path = resolve(given);
            // Before anything changes: the header says whether GNOME can show it, and decoding it for the
            // thumbnail that the menu will show proves its pixels.
            const check = async () => {
                if (!existsSync(path)) throw new ChameleonError(ErrorCode.NotAPicture, `${path}: no such file`);
                const probe = await probeImage(path);
                if (probe.skipReason) {
                    throw new ChameleonError(
                        ErrorCode.NotAPicture,
                        `${path} cannot be a wallpaper: ${probe.skipReason}`,
                    );
                }
                await thumbnailsOf(db).of(path);
                return { width: probe.width, height: probe.height };
            };
            return present(await service.set(path, check));
        },
    };
}
