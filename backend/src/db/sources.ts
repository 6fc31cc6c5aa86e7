import type { Db } from './database.js';

export interface SourceRow {
    id: number;
    kind: 'folder';
    location: string;
    weight: number;
    enabled: number;
    last_scan_at: number | null;
    /** The folders of the last complete scan and their status-change times (scan/folderStamp.ts). */
    folder_stamp: string | null;
}

/** A folder's path with one trailing separator: what the paths inside it start with. */
export function folderPrefix(folder: string): string {
    return folder.endsWith('/') ? folder : `${folder}/`;
}

export class SourceStore {
    constructor(private readonly db: Db) {}

    /** The id of the folder source at `location`, created on first use. */
    ensureFolder(location: string): number {
        this.db
            .prepare(`INSERT INTO sources (kind, location) VALUES ('folder', ?) ON CONFLICT(location) DO NOTHING`)
            .run(location);
        return (this.db.prepare(`SELECT id FROM sources WHERE location = ?`).get(location) as { id: number }).id;
    }

    byLocation(location: string): SourceRow | undefined {
        return this.db.prepare(`SELECT * FROM sources WHERE location = ?`).get(location) as SourceRow | undefined;
    }

    /** The sources at `location` and in folders inside it. */
    atOrUnder(location: string): SourceRow[] {
        const prefix = folderPrefix(location);
        return this.db
            .prepare(`SELECT * FROM sources WHERE location = ? OR substr(location, 1, ?) = ?`)
            .all(location, prefix.length, prefix) as SourceRow[];
    }

    /** Locations of the sources whose folder holds `location` (its parents that were indexed themselves). */
    around(location: string): SourceRow[] {
        return (this.db.prepare(`SELECT * FROM sources`).all() as SourceRow[]).filter(
            (row) => row.location !== location && location.startsWith(folderPrefix(row.location)),
        );
    }

    markScanned(id: number, at: number): void {
        this.db.prepare(`UPDATE sources SET last_scan_at = ? WHERE id = ?`).run(at, id);
    }

    setFolderStamp(id: number, stamp: string | null): void {
        this.db.prepare(`UPDATE sources SET folder_stamp = ? WHERE id = ?`).run(stamp, id);
    }
}
