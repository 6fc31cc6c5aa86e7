// The collection as pictures to look at and pick from: thumbnails, the browsable grid, the recent pictures, and
// setting a picture the user chose. Part of the protocol; see messages.ts.
import type { WallpaperJson } from './wallpaper.js';

/** Longest side of a thumbnail, in pixels (the freedesktop thumbnail spec's "large" size). */
export const THUMBNAIL_PIXELS = 256;

/** Most pictures one `gallery.list` answer holds; the grid asks page by page (`offset`). */
export const GALLERY_PAGE = 200;

/** Colour families a picture can belong to (its representative hue, or grey; 'unknown' before analysis). */
export const COLOUR_FAMILIES = [
    'red',
    'orange',
    'yellow',
    'green',
    'teal',
    'blue',
    'purple',
    'pink',
    'grey',
    'unknown',
] as const;
export type ColourFamily = (typeof COLOUR_FAMILIES)[number];

/** One picture of the grid or of the recent list. */
export interface GalleryItemJson {
    path: string;
    name: string;
    /** 0 when not known (a picture outside the collection). */
    width: number;
    height: number;
    favourite: boolean;
    family: ColourFamily;
    /**
     * The thumbnail file (PNG or JPEG, at most THUMBNAIL_PIXELS px a side), made once per picture content and kept
     * in the user's cache; null when it is not made yet (ask with `thumbnails`) or the picture cannot be decoded.
     */
    thumbnail: string | null;
}

export interface GalleryListJson {
    /** Pictures matching the filter, in all pages. */
    total: number;
    offset: number;
    items: GalleryItemJson[];
    /** The collection's folders, for a folder filter. */
    folders: string[];
}

export interface GalleryRecentJson {
    /** The picture on screen (a composed wallpaper: the picture its palette comes from). */
    current: GalleryItemJson | null;
    /** Pictures shown before, newest first, each once, without the one on screen; files gone are left out. */
    recent: GalleryItemJson[];
}

export interface ThumbnailJson {
    path: string;
    thumbnail: string | null;
    /** Why there is none (not found, not a picture this program can decode). */
    problem?: string;
}

/** Which pictures `gallery.list` answers with: a filter and a page. */
export interface GalleryQueryJson {
    folder?: string;
    favourites?: boolean;
    family?: ColourFamily;
    offset?: number;
    limit?: number;
    thumbnails?: boolean;
}

/** Method name → [params, result]; part of `Methods`. */
export interface GalleryMethods {
    /**
     * The usable pictures of the collection, sorted by path, `limit` (default 60, at most GALLERY_PAGE) from
     * `offset`: all, or those of one of the collection's `folder`s, the favourites, or one colour `family`. With
     * `thumbnails`, the thumbnails of the page are made before the answer.
     */
    'gallery.list': [GalleryQueryJson | undefined, GalleryListJson];
    /** The thumbnails of up to GALLERY_PAGE pictures, made when needed; any picture file may be named. */
    'gallery.thumbnails': [{ paths: string[] }, ThumbnailJson[]];
    /** The picture on screen and the `limit` (default 10) pictures shown before it, with thumbnails. */
    'gallery.recent': [{ limit?: number } | undefined, GalleryRecentJson];
    /**
     * Shows the picture at `path` now, through the same queue as every change (palette, accent, history follow).
     * A picture of the collection is shown as a pick would be; a picture elsewhere is shown and recorded in the
     * history without joining the collection, like one set by another program. A file that is not a picture this
     * program can decode is refused (NotAPicture) and nothing changes.
     */
    'wallpaper.set': [{ path: string }, WallpaperJson];
}
