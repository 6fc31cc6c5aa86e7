import type { Db } from '../db/database.js';
import { ImageStore, type ProbedFile, type StatRow } from '../db/images.js';
import { contentHash } from './contentHash.js';
import { folderPrefix, SourceStore } from '../db/sources.js';
import type { RescanResultJson } from '../protocol/messages.js';
import { probeImage } from './imageProbe.js';
import { folderStamp } from './folderStamp.js';
import { recordIdentitiesUnder } from './identity.js';
import { findElsewhere, keepVanished, restoreVanished, transferState, vanishedSizes } from './vanished.js';
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
    const { files, folders, problems } = await walkFolder(folder);
    const sources = new SourceStore(db);
    const images = new ImageStore(db);
    const sourceId = sources.ensureFolder(folder);

    // Folders may nest. Every file under this folder is this scan's to keep current, whichever source lists it;
    // each picture is listed once, by the innermost indexed folder holding it (so a folder inside another one
    // finds its pictures, and the outer one finds them through the sources inside it: pipeline/collection.ts).
    const known = new Map(images.statRowsUnder(folderPrefix(folder)).map((row) => [row.path, row]));
    const outerSources = new Set(sources.around(folder).map((row) => row.id));
    const innerSources = sources.atOrUnder(folder).sort((a, b) => b.location.length - a.location.length);
    const ownerOf = (path: string) =>
        innerSources.find((row) => path.startsWith(folderPrefix(row.location)))?.id ?? sourceId;
    const adopt: number[] = [];
    const toProbe: { file: FoundFile; id: number | null }[] = [];
    for (const file of files) {
        const row = known.get(file.path);
        known.delete(file.path);
        if (!row) toProbe.push({ file, id: null });
        else if (row.size !== file.size || row.mtime_ms !== Math.trunc(file.mtimeMs))
            toProbe.push({ file, id: row.id });
        if (row && outerSources.has(row.source_id)) adopt.push(row.id);
    }
    const moves = await findMoves(images, [...known.values()], toProbe);
    const removedIds = [...known.values()].filter((row) => !moves.has(row.id)).map((row) => row.id);
    const movedTo = new Map([...moves].map(([id, path]) => [path, id]));
    const returning = await findReturning(db, toProbe, new Set(moves.values()), now());
    const elsewhere = await findElsewhere(db, removedIds);

    let done = 0;
    const probed = await mapLimit(toProbe, PROBE_CONCURRENCY, async ({ file, id }) => {
        const probe = await probeImage(file.path);
        onProgress?.(++done, toProbe.length);
        return { id, file: { ...file, ...probe } satisfies ProbedFile };
    });

    let added = 0;
    let changed = 0;
    let returned = 0;
    const at = now();
    db.transaction(() => {
        for (const { id, file } of probed) {
            const movedFrom = movedTo.get(file.path);
            if (movedFrom !== undefined) {
                images.moveTo(movedFrom, ownerOf(file.path), file);
            } else if (id === null) {
                images.insert(ownerOf(file.path), file, at);
                const hash = returning.get(file.path);
                if (hash && restoreVanished(db, file.path, hash)) returned++;
                else added++;
            } else {
                images.updateProbed(id, file);
                changed++;
            }
        }
        for (const id of adopt) images.setSource(id, sourceId);
        for (const [from, to] of elsewhere) transferState(db, from, to);
        keepVanished(
            db,
            removedIds.filter((id) => !elsewhere.has(id)),
            at,
        );
        images.remove(removedIds);
        sources.markScanned(sourceId, at);
        // A scan that had to pass over something is not one to trust without looking again.
        sources.setFolderStamp(sourceId, problems.length === 0 ? folderStamp(folders) : null);
    })();

    // Pictures with a favourite, a ban or a history from before their hash was recorded get it now, while their
    // file is where the index says: a later move keeps what the user said about them.
    await recordIdentitiesUnder(db, folderPrefix(folder));

    const skippedFiles = probed.filter((p) => p.file.skipReason);
    // Newly seen files that cannot be shown are reported once, with why, so the user can fix or remove them.
    for (const { file } of skippedFiles) problems.push(`${file.path}: ${file.skipReason}`);
    const skipped = skippedFiles.length;
    return {
        folder,
        added,
        changed,
        removed: removedIds.length - elsewhere.size,
        moved: moves.size + returned + elsewhere.size,
        skipped,
        total: images.countUsable(sources.atOrUnder(folder).map((row) => row.id)),
        problems,
    };
}

/**
 * Files that disappeared and files that appeared with the same size and content are one file moved or renamed.
 * Only new files the size of a vanished one are read (hashed), so a scan without moves still reads nothing; a
 * vanished file is matched by the content hash the index already holds for it. Returns vanished id → new path.
 */
async function findMoves(
    images: ImageStore,
    vanished: readonly StatRow[],
    found: readonly { file: FoundFile; id: number | null }[],
): Promise<Map<number, string>> {
    const moves = new Map<number, string>();
    if (vanished.length === 0) return moves;
    const bySize = new Map<number, { id: number; hash: string }[]>();
    for (const row of vanished) {
        const hash = images.byId(row.id)?.content_hash;
        if (hash) bySize.set(row.size, [...(bySize.get(row.size) ?? []), { id: row.id, hash }]);
    }
    for (const { file, id } of found) {
        const candidates = id === null ? bySize.get(file.size)?.filter((c) => !moves.has(c.id)) : undefined;
        if (!candidates?.length) continue;
        const hash = await contentHash(file.path).catch(() => null);
        const match = candidates.find((c) => c.hash === hash);
        if (match) moves.set(match.id, file.path);
    }
    return moves;
}

/**
 * New files that may be pictures gone from elsewhere with the user's state (scan/vanished.ts): those of a size
 * one such picture had are hashed. Returns path → hash for them.
 */
async function findReturning(
    db: Db,
    found: readonly { file: FoundFile; id: number | null }[],
    moved: Set<string>,
    now: number,
): Promise<Map<string, string>> {
    const sizes = vanishedSizes(db, now);
    const hashes = new Map<string, string>();
    if (sizes.size === 0) return hashes;
    for (const { file, id } of found) {
        if (id !== null || moved.has(file.path) || !sizes.has(file.size)) continue;
        const hash = await contentHash(file.path).catch(() => null);
        if (hash) hashes.set(file.path, hash);
    }
    return hashes;
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
