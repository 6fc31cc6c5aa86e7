import type { Db } from '../db/database.js';
import type { SourceStore } from '../db/sources.js';
import { ErrorCode } from '../protocol/messages.js';
import { ChameleonError } from '../errors.js';
import { noImages } from '../pipeline/errors.js';
import { log } from '../log.js';
import type { SourceRef } from '../selection/selectionIndex.js';
import { folderUnchanged } from './folderStamp.js';
import { indexFolder, type FolderScan } from './indexer.js';
import { FolderError } from './walkFolder.js';

/**
 * The folders' index kept current: each folder is scanned on first use in this process (a rescan of unchanged
 * files costs only their stat), so files added while no backend ran are found by the next `chameleon next`.
 */
export class FolderScans {
    private readonly scanned = new Set<string>();
    /**
     * Trust a folder whose sub-folders are as the last complete scan left them, instead of a stat of every file
     * (the lone CLI; see folderStamp.ts for what that does not notice).
     */
    quickFolderCheck = false;
    /** Told how far a scan has got reading the headers of new and changed files. */
    onScanProgress: ((done: number, total: number) => void) | null = null;

    constructor(
        private readonly db: Db,
        private readonly sources: SourceStore,
        private readonly now: () => number,
        /** Told of every scan that found something: added, changed, removed or moved files. */
        private readonly onNews: (scan: FolderScan) => void,
    ) {}

    /**
     * The sources holding the pictures of `folders`: each folder's own and those of folders indexed inside it
     * (a picture is listed once, by the innermost indexed folder: indexer.ts). Each is named for the innermost
     * of `folders` holding it, whose weight and balance it shares.
     */
    sourceRefs(folders: readonly string[]): SourceRef[] {
        const locationOf = new Map<number, string>();
        for (const folder of [...folders].sort((a, b) => a.length - b.length)) {
            for (const row of this.sources.atOrUnder(folder)) locationOf.set(row.id, folder);
        }
        return [...locationOf].map(([id, location]) => ({ id, location }));
    }

    /**
     * A scan stays true only while its folder is watched: one that leaves the list is scanned again when next used
     * (it may have been moved away and back, or filled, in the meantime).
     */
    keepOnly(folders: readonly string[]): void {
        for (const folder of this.scanned) if (!folders.includes(folder)) this.scanned.delete(folder);
    }

    sourceIds(folders: readonly string[]): number[] {
        return this.sourceRefs(folders).map((ref) => ref.id);
    }

    /** Source ids of `folders`, indexing those that need it. */
    async usableSourceIds(folders: readonly string[]): Promise<number[]> {
        if (folders.length === 0) throw noImages(folders);
        const failures: string[] = [];
        for (const folder of folders) {
            if (this.scanned.has(folder)) continue;
            if (this.quickFolderCheck && folderUnchanged(this.sources.byLocation(folder)?.folder_stamp)) {
                this.scanned.add(folder);
                continue;
            }
            const scan = await this.scan(folder, failures);
            for (const problem of scan?.problems ?? []) log.warn(problem);
        }
        if (failures.length === folders.length)
            throw new ChameleonError(ErrorCode.FolderUnavailable, failures.join('; '));
        // Some folders work: show their images, and leave a trace of the others for the journal.
        for (const failure of failures) log.warn(failure);
        return this.sourceIds(folders);
    }

    /** Scans one folder now; a folder that cannot be read adds its problem to `failures` and gives null. */
    async scan(folder: string, failures: string[] = []): Promise<FolderScan | null> {
        try {
            const scan = await indexFolder(this.db, folder, this.now, this.onScanProgress ?? undefined);
            this.scanned.add(folder);
            if (scan.added + scan.changed + scan.removed + scan.moved > 0) this.onNews(scan);
            return scan;
        } catch (error) {
            // Only the folder's own problems are the folder's; a database error is everyone's and goes up.
            if (!(error instanceof FolderError)) throw error;
            failures.push(error.message);
            return null;
        }
    }
}
