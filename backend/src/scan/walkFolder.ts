import { statSync, type Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { IMAGE_EXTENSIONS } from './imageProbe.js';

/** A wallpaper folder that cannot be scanned at all (missing, not a folder, unreadable). */
export class FolderError extends Error {
    override name = 'FolderError';
}

/** How many files to stat between two turns of the event loop. */
const STATS_PER_YIELD = 256;

export interface FoundFile {
    path: string;
    size: number;
    mtimeMs: number;
}

export interface WalkResult {
    files: FoundFile[];
    /** Every folder read, with its status-change time taken before it was read (see folderStamp.ts). */
    folders: [path: string, ctimeMs: number][];
    /** Sub-folders or files that could not be read, with the reason; the walk goes on past them. */
    problems: string[];
}

/**
 * Lists the image-looking files below `root`, following symbolic links to folders but never entering the same
 * folder twice (so a link loop ends), and skipping hidden entries as file managers do.
 * Throws only when `root` itself is unusable: that is a configuration error the user must hear about.
 */
export async function walkFolder(root: string): Promise<WalkResult> {
    const rootStat = await stat(root).catch((error: NodeJS.ErrnoException) => {
        throw new FolderError(
            error.code === 'ENOENT' ? `folder not found: ${root}` : `cannot read folder ${root}: ${error.message}`,
        );
    });
    if (!rootStat.isDirectory()) throw new FolderError(`not a folder: ${root}`);

    const files: FoundFile[] = [];
    const folders: [string, number][] = [[root, rootStat.ctimeMs]];
    const problems: string[] = [];
    const seen = new Set<string>();
    const pending: string[] = [root];
    seen.add(`${rootStat.dev}:${rootStat.ino}`);

    let sinceYield = 0;
    while (pending.length > 0) {
        const dir = pending.pop()!;
        let entries: Dirent<Buffer>[];
        try {
            // Names as bytes: a name that is not valid UTF-8 has no faithful string form in Node, so it can be
            // neither stat'ed nor stored; it is reported instead of silently vanishing.
            entries = await readdir(dir, { withFileTypes: true, encoding: 'buffer' });
        } catch (error) {
            const message = `cannot read folder ${dir}: ${(error as Error).message}`;
            if (dir === root) throw new FolderError(message);
            problems.push(message);
            continue;
        }
        for (const entry of entries) {
            const name = entry.name.toString('utf8');
            if (name.startsWith('.')) continue;
            if (!Buffer.from(name, 'utf8').equals(entry.name)) {
                problems.push(`skipped a file in ${dir} whose name is not valid UTF-8 (${name}); rename it to use it`);
                continue;
            }
            const isImageName = IMAGE_EXTENSIONS.has(extname(name).toLowerCase());
            if (!entry.isDirectory() && !entry.isSymbolicLink() && !isImageName) continue;
            const path = join(dir, name);
            // Synchronous stat in small batches: a promise per file made a 100k-file rescan several times slower,
            // and yielding every few hundred files keeps the event loop (and the protocol) responsive.
            if (++sinceYield >= STATS_PER_YIELD) {
                sinceYield = 0;
                await new Promise((resolve) => setImmediate(resolve));
            }
            let info;
            try {
                info = statSync(path, { throwIfNoEntry: false });
            } catch (error) {
                problems.push(`cannot read ${path}: ${(error as Error).message}`);
                continue;
            }
            // A dangling link or a file deleted while we walk: nothing to index.
            if (!info) continue;
            if (info.isDirectory()) {
                const key = `${info.dev}:${info.ino}`;
                if (!seen.has(key)) {
                    seen.add(key);
                    pending.push(path);
                    folders.push([path, info.ctimeMs]);
                }
            } else if (info.isFile() && isImageName) {
                files.push({ path, size: info.size, mtimeMs: info.mtimeMs });
            }
        }
    }
    return { files, folders, problems };
}
