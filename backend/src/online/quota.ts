// The download folder's disk quota. Favourites do not count and are never evicted (marking one takes it out of
// the quota); the wallpaper on screen is never evicted; images the user banned go first, then the oldest
// downloads, until what is left fits.

export interface DownloadedFile {
    id: number;
    path: string;
    size: number;
    downloadedAt: number;
    favourite: boolean;
    banned: boolean;
    /** On screen now, or otherwise not to be touched. */
    protected: boolean;
}

export function usedBytes(files: readonly DownloadedFile[]): number {
    return files.reduce((sum, file) => sum + (file.favourite ? 0 : file.size), 0);
}

/** The files to remove, in order, so that the rest fits in `quotaBytes`. */
export function planEviction(files: readonly DownloadedFile[], quotaBytes: number): DownloadedFile[] {
    let used = usedBytes(files);
    if (used <= quotaBytes) return [];
    const order = files
        .filter((file) => !file.favourite && !file.protected)
        .sort((a, b) => Number(b.banned) - Number(a.banned) || a.downloadedAt - b.downloadedAt || a.id - b.id);
    const evict: DownloadedFile[] = [];
    for (const file of order) {
        if (used <= quotaBytes) break;
        evict.push(file);
        used -= file.size;
    }
    return evict;
}
