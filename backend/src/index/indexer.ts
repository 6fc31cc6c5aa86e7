import type { Db } from '../db/database.js';
import { ImageStore, type ProbedFile } from '../db/images.js';
import { SourceStore } from '../db/sources.js';
import type { RescanResultJson } from '../protocol/messages.js';
import { probeImage } from './imageProbe.js';
import { walkFolder, type FoundFile } from './walkFolder.js';

/** Header reads in flight at once: enough to hide disk latency, few enough not to starve the pipeline. */
const PROBE_CONCURRENCY = 8;

export interface FolderScan extends RescanResultJson {
    folder: string;
}

/**
 * Brings the index of one folder source up to date with the disk: new files are probed and added, files whose
 * size or modification time changed are probed again, files that are gone are removed. Unchanged files cost
 * only their directory entry and stat.
 */
export async function indexFolder(
    db: Db,
    folder: string,
    now: () => number = Date.now,
    onProgress?: (done: number, total: number) => void,
): Promise<FolderScan> {
    const { files, problems } = await walkFolder(folder);
    const sources = new SourceStore(db);
    const images = new ImageStore(db);
    const sourceId = sources.ensureFolder(folder);

    const known = new Map(images.statRows(sourceId).map((row) => [row.path, row]));
    const toProbe: { file: FoundFile; id: number | null }[] = [];
    for (const file of files) {
        const row = known.get(file.path);
        known.delete(file.path);
        if (!row) toProbe.push({ file, id: null });
        else if (row.size !== file.size || row.mtime_ms !== Math.trunc(file.mtimeMs)) toProbe.push({ file, id: row.id });
    }
    const removedIds = [...known.values()].map((row) => row.id);

    let done = 0;
    const probed = await mapLimit(toProbe, PROBE_CONCURRENCY, async ({ file, id }) => {
        const probe = await probeImage(file.path);
        onProgress?.(++done, toProbe.length);
        return { id, file: { ...file, ...probe } satisfies ProbedFile };
    });

    let added = 0;
    let changed = 0;
    const at = now();
    db.transaction(() => {
        for (const { id, file } of probed) {
            if (id === null) {
                // Another source may already list this exact path (nested folders): the first one keeps it.
                if (images.byPath(file.path)) continue;
                images.insert(sourceId, file, at);
                added++;
            } else {
                images.updateProbed(id, file);
                changed++;
            }
        }
        images.remove(removedIds);
        sources.markScanned(sourceId, at);
    })();

    const skippedFiles = probed.filter((p) => p.file.skipReason);
    // Newly seen files that cannot be shown are reported once, with why, so the user can fix or remove them.
    for (const { file } of skippedFiles) problems.push(`${file.path}: ${file.skipReason}`);
    const skipped = skippedFiles.length;
    return {
        folder,
        added,
        changed,
        removed: removedIds.length,
        skipped,
        total: images.countUsable([sourceId]),
        problems,
    };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
    const results: R[] = new Array(items.length);
    let next = 0;
    const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await fn(items[index]!);
        }
    });
    await Promise.all(workers);
    return results;
}
