import { watch, type FSWatcher } from 'node:fs';
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { log } from '../log.js';

export interface FolderWatcherOptions {
    /** Brings one folder's index up to date (through the pipeline's queue). */
    rescan: (folder: string) => Promise<unknown>;
    /** Quiet time after the last change before rescanning: a copy of 500 files is one rescan, not 500. */
    settleMs?: number;
    /** Rescan interval for folders that could not be watched. */
    fallbackIntervalMs?: number;
    /** Most directories to watch in all; the rest of the system needs inotify watches too. */
    maxWatches?: number;
}

/** Half of the user's inotify watch limit, at most 65,536: enough for big collections, fair to other programs. */
function defaultMaxWatches(): number {
    try {
        return Math.min(65_536, Math.floor(Number(readFileSync('/proc/sys/fs/inotify/max_user_watches', 'utf8')) / 2));
    } catch {
        return 4096;
    }
}

async function subfolders(root: string): Promise<string[]> {
    const dirs = [root];
    for (let i = 0; i < dirs.length; i++) {
        const entries = await readdir(dirs[i]!, { withFileTypes: true }).catch(() => []);
        for (const entry of entries)
            if (entry.isDirectory() && !entry.name.startsWith('.')) dirs.push(join(dirs[i]!, entry.name));
    }
    return dirs;
}

interface Watched {
    /** Directory → its watch. */
    watchers: Map<string, FSWatcher>;
    timer: NodeJS.Timeout | null;
    fallback: NodeJS.Timeout | null;
}

/**
 * Keeps the index of wallpaper folders current while the backend runs: every directory is watched (inotify,
 * one watch per directory), and a change anywhere in a folder leads, after a short quiet time, to an incremental
 * rescan of that folder (stat only for unchanged files). When watches run out, or a folder cannot be watched, it
 * is rescanned periodically instead.
 */
export class FolderWatcher {
    private readonly folders = new Map<string, Watched>();
    private watchCount = 0;
    private readonly settleMs: number;
    private readonly fallbackIntervalMs: number;
    private readonly maxWatches: number;

    constructor(private readonly options: FolderWatcherOptions) {
        this.settleMs = options.settleMs ?? 1500;
        this.fallbackIntervalMs = options.fallbackIntervalMs ?? 10 * 60_000;
        this.maxWatches = options.maxWatches ?? defaultMaxWatches();
    }

    /** Watches exactly these folders from now on. */
    async setFolders(folders: readonly string[]): Promise<void> {
        for (const folder of [...this.folders.keys()]) if (!folders.includes(folder)) this.unwatch(folder);
        for (const folder of folders) if (!this.folders.has(folder)) await this.watchFolder(folder);
    }

    close(): void {
        for (const folder of [...this.folders.keys()]) this.unwatch(folder);
    }

    private async watchFolder(folder: string): Promise<void> {
        const watched: Watched = { watchers: new Map(), timer: null, fallback: null };
        this.folders.set(folder, watched);
        await this.attach(folder, watched);
    }

    /**
     * Watches every directory of the folder not watched yet and drops watches of directories that are gone;
     * called again after each rescan, so new sub-folders are watched too. Existing watches stay in place, so no
     * change falls into a gap.
     */
    private async attach(folder: string, watched: Watched): Promise<void> {
        const dirs = await subfolders(folder);
        if (this.folders.get(folder) !== watched) return;
        const present = new Set(dirs);
        for (const [dir, watcher] of watched.watchers) {
            if (present.has(dir)) continue;
            watcher.close();
            watched.watchers.delete(dir);
            this.watchCount--;
        }
        const fresh = dirs.filter((dir) => !watched.watchers.has(dir));
        if (this.watchCount + fresh.length > this.maxWatches) {
            this.detach(watched);
            return this.fallBack(folder, watched, `it has ${dirs.length} folders, over the watch limit`);
        }
        try {
            for (const dir of fresh) {
                const watcher = watch(dir, { persistent: false }, () => this.changed(folder, watched));
                watcher.on('error', () => this.changed(folder, watched));
                watched.watchers.set(dir, watcher);
                this.watchCount++;
            }
        } catch (error) {
            // ENOSPC: the system's inotify watches are used up; ENOENT: a folder vanished while we listed it.
            if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this.changed(folder, watched);
            this.detach(watched);
            this.fallBack(folder, watched, (error as Error).message);
        }
    }

    private fallBack(folder: string, watched: Watched, why: string): void {
        log.info(
            `not watching ${folder} (${why}); rescanning it every ` +
                `${Math.round(this.fallbackIntervalMs / 1000)} s instead`,
        );
        watched.fallback ??= setInterval(() => this.rescan(folder, watched), this.fallbackIntervalMs).unref();
    }

    private changed(folder: string, watched: Watched): void {
        if (watched.timer) clearTimeout(watched.timer);
        watched.timer = setTimeout(() => {
            watched.timer = null;
            this.rescan(folder, watched);
        }, this.settleMs).unref();
    }

    private rescan(folder: string, watched: Watched): void {
        this.options.rescan(folder).then(
            () => (watched.fallback || this.folders.get(folder) !== watched ? undefined : this.attach(folder, watched)),
            (error: Error) => log.warn(`rescan of ${folder} failed: ${error.message}`),
        );
    }

    private detach(watched: Watched): void {
        for (const watcher of watched.watchers.values()) watcher.close();
        this.watchCount -= watched.watchers.size;
        watched.watchers.clear();
    }

    private unwatch(folder: string): void {
        const watched = this.folders.get(folder)!;
        this.detach(watched);
        if (watched.timer) clearTimeout(watched.timer);
        if (watched.fallback) clearInterval(watched.fallback);
        this.folders.delete(folder);
    }
}
