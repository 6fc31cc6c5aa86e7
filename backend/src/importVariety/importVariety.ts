import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Db } from '../db/database.js';
import { HistoryStore } from '../db/history.js';
import type { Collection } from '../pipeline/collection.js';
import { ChameleonError } from '../errors.js';
import { ErrorCode, type VarietyImportJson } from '../protocol/messages.js';
import { parsePathList, parseVarietyConfig } from './varietyConfig.js';

const HISTORY_REASON = 'variety';
/** Variety keeps long histories; the last hundred are what Previous could plausibly want. */
const HISTORY_LIMIT = 100;

export interface ImportContext {
    db: Db;
    collection: Collection;
    /** The folders the user configured (not the Pictures fallback used while there are none). */
    configuredFolders: readonly string[];
    /** Makes `folders` Chameleon's folders: saved where the extension reads them, applied to this backend. */
    useFolders(folders: readonly string[]): Promise<boolean>;
    now?: () => number;
}

function readIfPresent(path: string): string | null {
    return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

function isFolder(path: string): boolean {
    return existsSync(path) && statSync(path).isDirectory();
}

/**
 * Takes over a Variety setup in one step: its enabled local folders and Favorites folder become Chameleon's
 * folders (added to the ones already configured), Variety's favourites are marked favourite, its banned images
 * banned, and its recent history becomes Chameleon's history. Running it again changes nothing more.
 */
export async function importVariety(varietyDir: string, context: ImportContext): Promise<VarietyImportJson> {
    const conf = readIfPresent(join(varietyDir, 'variety.conf'));
    if (conf === null) throw new ChameleonError(ErrorCode.VarietyNotFound, `no Variety configuration at ${join(varietyDir, 'variety.conf')}`);
    const config = parseVarietyConfig(conf, varietyDir);
    const notes: string[] = [];
    const wanted = [...config.folders, config.favouritesFolder].map((folder) => resolve(folder));
    const usable = wanted.filter((folder) => {
        if (isFolder(folder)) return true;
        if (folder !== resolve(config.favouritesFolder)) notes.push(`skipped Variety folder ${folder}: it does not exist`);
        return false;
    });
    const folders = [...new Set([...context.configuredFolders.map((folder) => resolve(folder)), ...usable])];
    const saved = await context.useFolders(folders);
    if (!saved) notes.push('the extension is not installed, so the folders are used for this run only; add them in its preferences');
    const scan = await context.collection.rescan(usable);
    notes.push(...scan.problems);

    let favourites = 0;
    const favouritesFolder = resolve(config.favouritesFolder) + sep;
    for (const path of usable.includes(resolve(config.favouritesFolder)) ? context.collection.pathsUnder(favouritesFolder) : []) {
        const row = context.collection.indexedImage(path);
        if (row.favourite) continue;
        context.collection.setFavourite(row, true);
        favourites++;
    }

    let banned = 0;
    let notIndexed = 0;
    for (const path of parsePathList(readIfPresent(join(varietyDir, 'banned.txt')) ?? '')) {
        try {
            const row = context.collection.indexedImage(path);
            if (row.banned) continue;
            context.collection.setBanned(row, true);
            banned++;
        } catch {
            notIndexed++;
        }
    }
    if (notIndexed > 0) notes.push(`${notIndexed} banned images of Variety are not in the imported folders; they were left alone`);

    const history = new HistoryStore(context.db);
    let imported = 0;
    if (!history.hasReason(HISTORY_REASON)) {
        const now = (context.now ?? Date.now)();
        // history.txt lists the newest first; Chameleon's history is appended oldest first.
        const paths = parsePathList(readIfPresent(join(varietyDir, 'history.txt')) ?? '').slice(0, HISTORY_LIMIT).reverse();
        context.db.transaction(() => {
            paths.forEach((path, i) => {
                let row;
                try {
                    row = context.collection.indexedImage(path);
                } catch {
                    return;
                }
                history.append({ image_id: row.id, path: row.path, shown_at: now - (paths.length - i) * 1000, reason: HISTORY_REASON, content_hash: null, extractor: null });
                imported++;
            });
        })();
    }
    return { folders, foldersSaved: saved, favourites, banned, history: imported, notes };
}
