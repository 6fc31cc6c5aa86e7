import { opendir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { IMAGE_EXTENSIONS } from './imageProbe.js';

export interface FoundFile {
    path: string;
    size: number;
    mtimeMs: number;
}

export interface WalkResult {
    files: FoundFile[];
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
        throw new Error(error.code === 'ENOENT' ? `folder not found: ${root}` : `cannot read folder ${root}: ${error.message}`);
    });
    if (!rootStat.isDirectory()) throw new Error(`not a folder: ${root}`);

    const files: FoundFile[] = [];
    const problems: string[] = [];
    const seen = new Set<string>();
    const pending: string[] = [root];
    seen.add(`${rootStat.dev}:${rootStat.ino}`);

    while (pending.length > 0) {
        const dir = pending.pop()!;
        let handle;
        try {
            handle = await opendir(dir);
        } catch (error) {
            problems.push(`cannot read folder ${dir}: ${(error as Error).message}`);
            continue;
        }
        try {
            for await (const entry of handle) {
                if (entry.name.startsWith('.')) continue;
                const path = join(dir, entry.name);
                if (!entry.isDirectory() && !entry.isSymbolicLink() && !IMAGE_EXTENSIONS.has(extname(entry.name).toLowerCase())) continue;
                let info;
                try {
                    info = await stat(path);
                } catch (error) {
                    // A dangling link or a file deleted while we walk: nothing to index.
                    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') problems.push(`cannot read ${path}: ${(error as Error).message}`);
                    continue;
                }
                if (info.isDirectory()) {
                    const key = `${info.dev}:${info.ino}`;
                    if (!seen.has(key)) {
                        seen.add(key);
                        pending.push(path);
                    }
                } else if (info.isFile() && IMAGE_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
                    files.push({ path, size: info.size, mtimeMs: info.mtimeMs });
                }
            }
        } catch (error) {
            // The folder vanished or became unreadable while we were listing it.
            problems.push(`cannot finish reading folder ${dir}: ${(error as Error).message}`);
        }
    }
    return { files, problems };
}
