import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Db } from '../db/database.js';
import { ImageStore, type ImageRow } from '../db/images.js';
import { SourceStore } from '../db/sources.js';
import { indexFolder, type FolderScan } from '../index/indexer.js';
import { log } from '../log.js';
import { ErrorCode, type RescanResultJson } from '../protocol/messages.js';
import { ChameleonError, noImages } from './errors.js';

/**
 * The folders in use and the images in them: keeps their index current and picks among their images.
 * Selection today is uniform over usable images; Smart Selection replaces `pick` without touching callers.
 */
export class Collection {
    private folderList: string[] = [];
    /**
     * Folders this process has brought up to date. Each is rescanned on first use (a rescan of unchanged files
     * costs only their stat), so files added while no backend ran are found by the next `chameleon next`.
     */
    private readonly scanned = new Set<string>();
    private readonly images: ImageStore;
    private readonly sources: SourceStore;

    constructor(
        private readonly db: Db,
        private readonly random: () => number = Math.random,
    ) {
        this.images = new ImageStore(db);
        this.sources = new SourceStore(db);
    }

    get folders(): readonly string[] {
        return this.folderList;
    }

    setFolders(folders: readonly string[]): void {
        this.folderList = [...new Set(folders.map((folder) => resolve(folder)))];
    }

    /** Rescans all folders now. A folder that cannot be read is reported, the others still indexed. */
    async rescan(): Promise<RescanResultJson> {
        const total = { added: 0, changed: 0, removed: 0, skipped: 0, total: 0, problems: [] as string[] };
        for (const folder of this.folderList) {
            const scan = await this.scanFolder(folder, total.problems);
            if (!scan) continue;
            total.added += scan.added;
            total.changed += scan.changed;
            total.removed += scan.removed;
            total.skipped += scan.skipped;
            total.total += scan.total;
            total.problems.push(...scan.problems);
        }
        return total;
    }

    /**
     * Picks a usable image other than `excludeId` from `folders` (by default the configured ones), dropping index
     * entries whose file has disappeared.
     */
    async pick(excludeId: number | null, folders: readonly string[] = this.folderList): Promise<ImageRow> {
        const wanted = folders.map((folder) => resolve(folder));
        const sourceIds = await this.usableSourceIds(wanted);
        for (;;) {
            const count = this.images.countUsable(sourceIds) - (excludeId !== null && this.isUsableIn(excludeId, sourceIds) ? 1 : 0);
            // With one image only, showing it again beats refusing to change at all.
            const candidates = count > 0 ? count : this.images.countUsable(sourceIds);
            if (candidates === 0) throw noImages(wanted);
            const row = this.images.nthUsable(sourceIds, Math.floor(this.random() * candidates), count > 0 ? excludeId : null);
            if (!row) throw noImages(wanted);
            if (existsSync(row.path)) return row;
            log.info(`${row.path} is gone; removing it from the index`);
            this.images.remove([row.id]);
        }
    }

    countUsable(): number {
        return this.images.countUsable(this.knownSourceIds());
    }

    countSkipped(): number {
        return this.images.countSkipped(this.knownSourceIds());
    }

    private isUsableIn(id: number, sourceIds: readonly number[]): boolean {
        const row = this.images.byId(id);
        return !!row && row.skip_reason === null && row.banned === 0 && sourceIds.includes(row.source_id);
    }

    private knownSourceIds(folders: readonly string[] = this.folderList): number[] {
        return folders.flatMap((folder) => this.sources.byLocation(folder)?.id ?? []);
    }

    /** Source ids of `folders`, indexing those that need it. */
    private async usableSourceIds(folders: readonly string[]): Promise<number[]> {
        if (folders.length === 0) throw noImages(folders);
        const failures: string[] = [];
        for (const folder of folders) {
            if (this.scanned.has(folder)) continue;
            const scan = await this.scanFolder(folder, failures);
            for (const problem of scan?.problems ?? []) log.warn(problem);
        }
        if (failures.length === folders.length) throw new ChameleonError(ErrorCode.FolderUnavailable, failures.join('; '));
        // Some folders work: show their images, and leave a trace of the others for the journal.
        for (const failure of failures) log.warn(failure);
        return this.knownSourceIds(folders);
    }

    private async scanFolder(folder: string, failures: string[] = []): Promise<FolderScan | null> {
        try {
            const scan = await indexFolder(this.db, folder);
            this.scanned.add(folder);
            return scan;
        } catch (error) {
            failures.push((error as Error).message);
            return null;
        }
    }
}
