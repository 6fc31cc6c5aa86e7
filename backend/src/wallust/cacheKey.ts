// Where wallust 3.4–3.5 (cache version 1.7) keeps the palette of an image, computed the way wallust
// computes it (src/cache.rs): `<cache root>/{hash}_1.7/{Backend}_{ColorSpace}_{th}_{Palette}`, with hash =
// FNV-1a 32 over the whole file, in lowercase base36. Knowing the exact file is what lets us read the
// palette of *this* image and never "the newest file in the cache".

import { createReadStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { WallustBackend, WallustColorspace, WallustOptions, WallustPaletteName } from './options.js';

export const WALLUST_CACHE_VERSION = '1.7';

const FNV_OFFSET_BASIS = 0x811c9dc5; // 2166136261
const FNV_PRIME = 0x01000193; // 16777619

/** Feeds `bytes` into an FNV-1a 32 state; start with the offset basis, chain for streaming. */
export function fnv1a32(bytes: Uint8Array, state: number = FNV_OFFSET_BASIS): number {
    let h = state;
    for (let i = 0; i < bytes.length; i++) {
        h ^= bytes[i]!;
        h = Math.imul(h, FNV_PRIME);
    }
    return h >>> 0;
}

/** wallust's `base36`: lowercase digits, no padding (0 → "0"). */
export function base36(n: number): string {
    return (n >>> 0).toString(36);
}

/** The cache directory hash of in-memory content. */
export function contentHashOf(bytes: Uint8Array): string {
    return base36(fnv1a32(bytes));
}

/** The cache directory hash of a file, streamed so a 50 MB wallpaper is not held in memory. */
export async function fileContentHash(file: string, signal?: AbortSignal): Promise<string> {
    let h = FNV_OFFSET_BASIS;
    const stream = createReadStream(file, { highWaterMark: 1 << 20, signal });
    for await (const chunk of stream as AsyncIterable<Buffer>) h = fnv1a32(chunk, h);
    return base36(h);
}

/** Rust `Display` names, which wallust uses in cache file names. */
export const BACKEND_DISPLAY: Readonly<Record<WallustBackend, string>> = {
    full: 'Full',
    resized: 'Resized',
    wal: 'Wal',
    thumb: 'Thumb',
    fastresize: 'FastResize',
    kmeans: 'Kmeans',
};

export const COLORSPACE_DISPLAY: Readonly<Record<WallustColorspace, string>> = {
    lab: 'Lab',
    labmixed: 'LabMixed',
    lch: 'Lch',
    lchmixed: 'LchMixed',
    lchansi: 'LchAnsi',
};

export const PALETTE_DISPLAY: Readonly<Record<WallustPaletteName, string>> = {
    dark: 'Dark',
    dark16: 'Dark16',
    darkcomp: 'DarkComp',
    darkcomp16: 'DarkComp16',
    light: 'Light',
    light16: 'Light16',
    lightcomp: 'LightComp',
    lightcomp16: 'LightComp16',
    harddark: 'HardDark',
    harddark16: 'HardDark16',
    harddarkcomp: 'HardDarkComp',
    harddarkcomp16: 'HardDarkComp16',
    softdark: 'SoftDark',
    softdark16: 'SoftDark16',
    softdarkcomp: 'SoftDarkComp',
    softdarkcomp16: 'SoftDarkComp16',
    softlight: 'SoftLight',
    softlight16: 'SoftLight16',
    softlightcomp: 'SoftLightComp',
    softlightcomp16: 'SoftLightComp16',
    ansidark: 'AnsiDark',
    ansidark16: 'AnsiDark16',
};

/**
 * wallust's cache root, `$XDG_CACHE_HOME/wallust` else `~/.cache/wallust`. Like the `dirs` crate wallust
 * uses, an XDG variable counts only when it holds an absolute path. Pass the environment wallust runs in.
 */
export function wallustCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
    const xdg = env.XDG_CACHE_HOME;
    const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(env.HOME || os.homedir(), '.cache');
    return path.join(base, 'wallust');
}

/** `{Backend}_{ColorSpace}_{th}_{Palette}`, e.g. `FastResize_Lch_auto_Dark16`. */
export function paletteFileName(
    o: Pick<WallustOptions, 'backend' | 'colorspace' | 'palette'> & { threshold?: number | null },
): string {
    const th = o.threshold ? String(o.threshold) : 'auto';
    return `${BACKEND_DISPLAY[o.backend]}_${COLORSPACE_DISPLAY[o.colorspace]}_${th}_${PALETTE_DISPLAY[o.palette]}`;
}

/** The one file that holds wallust's palette for content `hash` under these options. */
export function paletteCachePath(
    cacheRoot: string,
    hash: string,
    o: Pick<WallustOptions, 'backend' | 'colorspace' | 'palette'> & { threshold?: number | null },
): string {
    return path.join(cacheRoot, `${hash}_${WALLUST_CACHE_VERSION}`, paletteFileName(o));
}
