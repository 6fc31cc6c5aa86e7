import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from '../db/database.js';
import { HistoryStore } from '../db/history.js';
import { folderPrefix } from '../db/sources.js';
import { contentHash } from '../scan/contentHash.js';
import { walkFolder } from '../scan/walkFolder.js';
import type { Collection } from '../pipeline/collection.js';
import { ChameleonError } from '../errors.js';
import { ErrorCode, type VarietyImportJson } from '../protocol/messages.js';
import { parseBannedUrls, parseHistory, parseVarietyConfig, type VarietySource } from './varietyConfig.js';

const HISTORY_REASON = 'variety';
/** Variety saves up to a hundred entries behind the one on screen; all of them are what Previous could want. */
const HISTORY_LIMIT = 100;

export interface ImportContext {
    db: Db;
    collection: Collection;
    /** The folders the user configured (not the Pictures fallback used while there are none). */
    configuredFolders: readonly string[];
    /** Makes `folders` Chameleon's folders: saved where the extension reads them, applied to this backend. */
    useFolders(folders: readonly string[]): Promise<boolean>;
    /** Bans a URL for every online source; false when it was banned already. */
    banUrl(url: string): boolean;
    now?: () => number;
}

function readIfPresent(path: string): string | null {
    return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

function isFolder(path: string): boolean {
    return existsSync(path) && statSync(path).isDirectory();
}

/** What the notes say about Variety's sources that are not folders. */
function otherSourceNotes(sources: readonly VarietySource[]): string[] {
    const images = sources.filter((s) => s.type === 'image');
    const online = [...new Set(sources.filter((s) => s.type !== 'image').map((s) => s.type))];
    return [
        ...images.map(
            (s) =>
                `Variety shows the single picture ${s.location}; Chameleon takes folders: add its folder ` +
                `if you want it`,
        ),
        ...(online.length > 0
            ? [
                  `Variety's online sources (${online.join(', ')}) are not taken over; add the ones you ` +
                      `want on the Online page`,
              ]
            : []),
    ];
}

/**
 * Takes over a Variety setup in one step: its enabled local folders (and its favourites and fetched folders when
 * they are enabled sources) become Chameleon's folders, added to the ones already configured; the pictures in its
 * favourites folder are favourites, and so are the pictures they were copied from; the URLs it banned are banned
 * for Chameleon's online sources; its history becomes Chameleon's history. Running it again changes nothing more.
 */
export async function importVariety(varietyDir: string, context: ImportContext): Promise<VarietyImportJson> {
    const conf = readIfPresent(join(varietyDir, 'variety.conf'));
    if (conf === null)
        throw new ChameleonError(
            ErrorCode.VarietyNotFound,
            `no Variety configuration at ${join(varietyDir, 'variety.conf')}`,
        );
    const config = parseVarietyConfig(conf, varietyDir);
    const notes: string[] = [];
    const favouritesFolder = resolve(config.favouritesFolder);
    // Variety makes its favourites and fetched folders only when it first puts a picture there: missing is normal.
    const ownFolders = [
        ...(config.fetchedFolder ? [resolve(config.fetchedFolder)] : []),
        ...(config.favouritesEnabled ? [favouritesFolder] : []),
    ];
    const wanted = [...new Set([...config.folders.map((folder) => resolve(folder)), ...ownFolders])];
    const usable = wanted.filter((folder) => {
        if (isFolder(folder)) return true;
        if (!ownFolders.includes(folder)) notes.push(`skipped Variety folder ${folder}: it does not exist`);
        return false;
    });
    notes.push(...otherSourceNotes(config.otherSources));
    const folders = [...new Set([...context.configuredFolders.map((folder) => resolve(folder)), ...usable])];
    const saved = await context.useFolders(folders);
    if (!saved)
        notes.push(
            'the extension is not installed, so the folders are used for this run only; add them in its preferences',
        );
    const scan = await context.collection.rescan(usable);
    notes.push(...scan.problems);

    const favourites = await importFavourites(context, favouritesFolder, usable.includes(favouritesFolder));

    let banned = 0;
    for (const url of parseBannedUrls(readIfPresent(join(varietyDir, 'banned.txt')) ?? '')) {
        if (context.banUrl(url)) banned++;
    }

    const history = new HistoryStore(context.db);
    let imported = 0;
    if (!history.hasReason(HISTORY_REASON)) {
        const now = (context.now ?? Date.now)();
        // history.txt lists the newest first; Chameleon's history is appended oldest first.
        const paths = parseHistory(readIfPresent(join(varietyDir, 'history.txt')) ?? '')
            .slice(0, HISTORY_LIMIT)
            .reverse();
        const rows = paths.flatMap((path) => {
            try {
                return [context.collection.indexedImage(path)];
            } catch {
                return [];
            }
        });
        context.db.transaction(() => {
            rows.forEach((row, i) => {
                history.append({
                    image_id: row.id,
                    path: row.path,
                    shown_at: now - (rows.length - i) * 1000,
                    reason: HISTORY_REASON,
                    content_hash: null,
                    extractor: null,
                });
            });
        })();
        for (const row of rows) await context.collection.recordIdentity(row);
        imported = rows.length;
        if (paths.length > rows.length)
            notes.push(
                `${paths.length - rows.length} pictures of Variety's history are not in the imported ` +
                    `folders; they were left out`,
            );
    }
    return { folders, foldersSaved: saved, favourites, banned, history: imported, notes };
}

/**
 * Marks Variety's favourites: the pictures of its favourites folder when that folder is indexed, and wherever
 * they are, the pictures they were copied from (same size and content), which is how Variety's "Copy to
 * Favorites" leaves them. Returns how many pictures became favourites now.
 */
async function importFavourites(context: ImportContext, favouritesFolder: string, indexed: boolean): Promise<number> {
    if (!isFolder(favouritesFolder)) return 0;
    const prefix = folderPrefix(favouritesFolder);
    const rows = new Map<number, ReturnType<Collection['indexedImage']>>();
    if (indexed)
        for (const path of context.collection.pathsUnder(prefix)) {
            const row = context.collection.indexedImage(path);
            rows.set(row.id, row);
        }
    const bySize = context.db.prepare(
        `SELECT path, content_hash FROM images WHERE size = ? AND substr(path, 1, ?) != ?`,
    );
    for (const file of (await walkFolder(favouritesFolder)).files) {
        const candidates = bySize.all(file.size, prefix.length, prefix) as {
            path: string;
            content_hash: string | null;
        }[];
        if (candidates.length === 0) continue;
        const hash = await contentHash(file.path).catch(() => null);
        for (const candidate of candidates) {
            let row;
            try {
                row = context.collection.indexedImage(candidate.path);
            } catch {
                continue;
            }
            if ((candidate.content_hash ?? (await contentHash(candidate.path).catch(() => null))) === hash)
                rows.set(row.id, row);
        }
    }
    let marked = 0;
    for (const row of rows.values()) {
        if (row.favourite) continue;
        await context.collection.setFavourite(row, true);
        marked++;
    }
    return marked;
}
